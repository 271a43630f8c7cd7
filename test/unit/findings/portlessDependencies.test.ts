import { describe, expect, it } from 'vitest';
import type { ApplicationModel, ServiceDependency } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { alignmentFigures } from '../../../main/core/findings/alignment';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import { unusedRules } from '../../../main/core/findings/unusedRule';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere, permission, tcp } from '../analysis/exportBuilder';

const dependency = (protocol: string | null, port: number | null, observed = false): ServiceDependency => ({
  from: 'cli',
  to: 'srv',
  protocol,
  port,
  source: observed ? 'observed' : 'declared',
  declaredAt: [],
  observed: observed
    ? { records: 2, packets: 2, bytes: 168, accepted: 2, rejected: 0, firstSeen: 0, lastSeen: 60 }
    : null,
});

/**
 * cli (eni-cli 10.0.1.10, sg-cli) calls srv (eni-srv 10.0.2.10, sg-srv) in one VPC. sg-srv admits
 * icmp (all types) and tcp 5432 from sg-cli; acl-srv passes everything in but lets out only tcp
 * replies, and echo replies unless told not to.
 */
async function context(dependencies: ServiceDependency[], echoReplies = true) {
  const estate = await new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-cli', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-srv', 'vpc-a', '10.0.2.0/24')
    .group('sg-cli', 'vpc-a', { name: 'cli', egress: [allTraffic(anywhere)] })
    .group('sg-srv', 'vpc-a', {
      name: 'srv',
      ingress: [
        permission('icmp', [-1, -1], { groups: ['sg-cli'] }),
        tcp(5432, 5432, { groups: ['sg-cli'] }),
      ],
    })
    .eni('eni-cli', 'subnet-cli', { ips: ['10.0.1.10'], groups: ['sg-cli'] })
    .eni('eni-srv', 'subnet-srv', { ips: ['10.0.2.10'], groups: ['sg-srv'] })
    .acl('acl-cli', 'vpc-a', {
      subnets: ['subnet-cli'],
      entries: [
        aclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
        aclEntry(100, false, 'allow', 'all', '0.0.0.0/0'),
      ],
    })
    .acl('acl-srv', 'vpc-a', {
      subnets: ['subnet-srv'],
      entries: [
        aclEntry(100, false, 'allow', 'all', '0.0.0.0/0'),
        ...(echoReplies ? [aclEntry(100, true, 'allow', 'icmp', '10.0.1.0/24', { icmp: [0, -1] })] : []),
        aclEntry(110, true, 'allow', 'tcp', '10.0.1.0/24', { ports: [1024, 65535] }),
      ],
    })
    .estate();
  const service = (name: string, eni: string) => ({
    name,
    app: name,
    owners: [`team-${name}`],
    workloadIds: [eni],
    origins: ['tags' as const],
  });
  const applications: ApplicationModel = {
    apps: [
      { name: 'cli', owners: ['team-cli'], services: [service('cli', 'eni-cli')] },
      { name: 'srv', owners: ['team-srv'], services: [service('srv', 'eni-srv')] },
    ],
    unassigned: [],
    dependencies,
    unattributedFlows: 0,
    contestedFlows: 0,
    outsideFlows: [],
    unresolvedApis: [],
  };
  return new FindingContext(estate, applications, defaultTagKeys);
}

describe('dependencies without a port', () => {
  it('check icmp as an echo request, so the icmp rule it rides on is used, declared or observed', async () => {
    for (const observed of [false, true]) {
      const ctx = await context([dependency('icmp', null, observed)]);
      expect(unusedRules(ctx).map((f) => f.id)).toEqual(['unused-rule:sg-srv/ingress/1/0']);
      expect(blockedDependencies(ctx)).toEqual([]);
      expect(alignmentFigures(ctx).dependenciesAllowed).toEqual({ allowed: 1, total: 1 });
    }
  });

  it('report a protocol number no rule admits as blocked, with a rule for the protocol alone', async () => {
    const ctx = await context([dependency('50', null), dependency('tcp', 5432)]);
    const [blocked, ...others] = blockedDependencies(ctx);
    expect(others).toEqual([]);
    expect(blocked).toMatchObject({
      id: 'blocked-dependency:cli:srv:50',
      title: 'cli → srv 50 is denied on 1 of 1 workload pairs',
      suggestion: 'add to sg-srv (srv) an ingress rule protocol 50 from sg-cli (cli)',
    });
    expect(alignmentFigures(ctx).dependenciesAllowed).toEqual({ allowed: 1, total: 2 });
  });

  it("ask the server subnet's ACL to let the echo reply out when it stops it", async () => {
    const [blocked] = blockedDependencies(await context([dependency('icmp', null)], false));
    expect(blocked).toMatchObject({
      id: 'blocked-dependency:cli:srv:icmp',
      suggestion:
        'add to acl-srv an outbound allow entry icmp type 0 to 10.0.1.0/24 with a rule number below 32767',
    });
    expect(blocked?.explanation).toContain('cli calls srv on icmp (checked as echo request, type 8)');
  });

  it('leave tcp without a port unchecked, and do not call the tcp rule between the services unused', async () => {
    const ctx = await context([dependency('icmp', null), dependency('tcp', null)]);
    expect(unusedRules(ctx)).toEqual([]);
    expect(blockedDependencies(ctx)).toEqual([]);
    expect(alignmentFigures(ctx).dependenciesAllowed).toEqual({ allowed: 1, total: 1 });
  });
});
