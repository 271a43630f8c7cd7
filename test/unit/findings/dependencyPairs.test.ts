import { describe, expect, it } from 'vitest';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import { dependencyPairs } from '../../../main/core/findings/dependencyPairs';
import { AwsExportBuilder, allTraffic, anywhere } from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';

/** eni-v4 has only an IPv4 address, eni-v6 only an IPv6 one: no flow has one family at both ends. */
async function context(): Promise<FindingContext> {
  const estate = await new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24', '2600:1f18:0:1::/64')
    .group('sg-all', 'vpc-a', {
      name: 'all',
      ingress: [allTraffic(anywhere)],
      egress: [allTraffic(anywhere)],
    })
    .eni('eni-v4', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-all'] })
    .eni('eni-v6', 'subnet-a', { ips: [], ipv6: ['2600:1f18:0:1::20'], groups: ['sg-all'] })
    .acl('acl-a', 'vpc-a', { subnets: ['subnet-a'], entries: allowAll })
    .estate();
  const service = (name: string) => ({
    name,
    app: name,
    owners: [],
    workloadIds: [`eni-${name}`],
    origins: ['tags' as const],
  });
  const dependency = (protocol: string | null, port: number | null) => ({
    from: 'v4',
    to: 'v6',
    protocol,
    port,
    source: 'declared' as const,
    declaredAt: [],
    observed: null,
  });
  const applications: ApplicationModel = {
    apps: ['v4', 'v6'].map((name) => ({ name, owners: [], services: [service(name)] })),
    unassigned: [],
    dependencies: [dependency('tcp', 443), dependency(null, null)],
    unattributedFlows: 0,
    contestedFlows: 0,
    unresolvedApis: [],
    outsideFlows: [],
  };
  return new FindingContext(estate, applications, defaultTagKeys);
}

describe('dependency pairs', () => {
  it('keeps a pair the engine cannot evaluate as no verdict, leaves out a dependency without a port, and finds nothing blocked', async () => {
    const ctx = await context();
    const measured = dependencyPairs(ctx);
    expect(measured.map((m) => [m.dependency.protocol, m.pairs.length, m.allowed])).toEqual([
      ['tcp', 1, false],
    ]);
    expect(measured[0]?.pairs[0]).toMatchObject({
      source: 'eni-v4',
      destination: 'eni-v6',
      verdict: null,
      rules: [],
    });
    // Nothing denies or cannot be told: the pair has no address family in common, which is no verdict at all.
    expect(blockedDependencies(ctx)).toEqual([]);
  });
});
