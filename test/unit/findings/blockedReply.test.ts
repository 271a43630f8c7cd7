import { describe, expect, it } from 'vitest';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere } from '../analysis/exportBuilder';

/**
 * client 10.0.1.10 in subnet-a (acl-a) calls server 10.0.2.20 in subnet-b (acl-b) on udp 514. Both
 * ACLs pass the request; `replies` says which side lets the replies back, to client ports 1024-65535.
 */
async function context(replies: { aOut: boolean; bOut: boolean; aIn: boolean }) {
  const all = (ruleNumber: number, egress: boolean) =>
    aclEntry(ruleNumber, egress, 'allow', 'udp', '0.0.0.0/0', { ports: [514, 514] });
  const ephemeral = (egress: boolean, cidr: string) =>
    aclEntry(110, egress, 'allow', 'udp', cidr, { ports: [1024, 65535] });
  const estate = await new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-b', 'vpc-a', '10.0.2.0/24')
    .group('sg-client', 'vpc-a', { name: 'client', egress: [allTraffic(anywhere)] })
    .group('sg-server', 'vpc-a', { name: 'server', ingress: [allTraffic(anywhere)] })
    .eni('eni-client', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-client'] })
    .eni('eni-server', 'subnet-b', { ips: ['10.0.2.20'], groups: ['sg-server'] })
    .acl('acl-a', 'vpc-a', {
      subnets: ['subnet-a'],
      entries: [all(100, true), ...(replies.aIn ? [ephemeral(false, '10.0.2.0/24')] : [])],
    })
    .acl('acl-b', 'vpc-a', {
      subnets: ['subnet-b'],
      entries: [all(100, false), ...(replies.bOut ? [ephemeral(true, '10.0.1.0/24')] : [])],
    })
    .estate();
  const service = (name: string, eni: string) => ({
    name,
    app: name,
    owners: [],
    workloadIds: [eni],
    origins: ['tags' as const],
  });
  const applications: ApplicationModel = {
    apps: [
      { name: 'client', owners: [], services: [service('client', 'eni-client')] },
      { name: 'server', owners: [], services: [service('server', 'eni-server')] },
    ],
    unassigned: [],
    dependencies: [
      {
        from: 'client',
        to: 'server',
        protocol: 'udp',
        port: 514,
        source: 'declared',
        declaredAt: [],
        observed: null,
      },
    ],
    unattributedFlows: 0,
  };
  return new FindingContext(estate, applications, defaultTagKeys);
}

describe('a dependency whose replies a network ACL stops', () => {
  it("asks the server subnet's ACL to let replies out toward the client's subnet, in the dependency's protocol", async () => {
    const [finding] = blockedDependencies(await context({ aOut: true, bOut: false, aIn: true }));
    expect(finding?.suggestion).toBe(
      'add to acl-b an outbound allow entry udp 1024-65535 to 10.0.1.0/24 with a rule number below 32767',
    );
  });

  it("asks the client subnet's ACL to let replies in from the server's subnet", async () => {
    const [finding] = blockedDependencies(await context({ aOut: true, bOut: true, aIn: false }));
    expect(finding?.suggestion).toBe(
      'add to acl-a an inbound allow entry udp 1024-65535 from 10.0.2.0/24 with a rule number below 32767',
    );
  });
});
