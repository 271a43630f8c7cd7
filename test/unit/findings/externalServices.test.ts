import { describe, expect, it } from 'vitest';
import { buildApplicationModel } from '../../../main/core/applications/buildModel';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { ApplicationSources, ObservedFlow } from '../../../main/core/domain/applications';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import { dependencyPairs } from '../../../main/core/findings/dependencyPairs';
import { applyChange } from '../../../main/core/impact/applyChange';
import { computeImpact } from '../../../main/core/impact/computeImpact';
import { renderImpact } from '../../../main/core/impact/report';
import { buildTopology } from '../../../main/core/views/topology';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere, route, tcp } from '../analysis/exportBuilder';
import { allowAll } from '../analysis/scenario';

const source = { file: 'catalog-info.yaml', path: 'doc 1 $.metadata.name' };
const psp = '192.0.2.10';

interface Setup {
  /** sg-pay's egress; default: all traffic anywhere. */
  readonly egress?: ReturnType<typeof tcp>[];
  /** acl-pub's entries; default: allow everything. */
  readonly publicAcl?: ReturnType<typeof aclEntry>[];
  readonly flows?: ObservedFlow[];
}

/**
 * payments (eni-pay 10.0.2.10, sg-pay) in subnet-app, which routes 0.0.0.0/0 to nat-1 in subnet-pub
 * (public 54.0.0.5, routed to igw-1). The catalog names payment-provider, outside the estate, at
 * 192.0.2.10; payments calls it on tcp 443.
 */
async function context({ egress, publicAcl, flows = [] }: Setup = {}): Promise<FindingContext> {
  const estate = await new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-app', 'vpc-a', '10.0.2.0/24')
    .group('sg-pay', 'vpc-a', { name: 'pay', egress: egress ?? [allTraffic(anywhere)] })
    .eni('eni-pay', 'subnet-app', { ips: ['10.0.2.10'], groups: ['sg-pay'] })
    .natGateway('nat-1', 'eni-nat', 'subnet-pub', { ip: '10.0.1.5', publicIp: '54.0.0.5' })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], entries: publicAcl ?? allowAll })
    .acl('acl-app', 'vpc-a', { subnets: ['subnet-app'], entries: allowAll })
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub'], routes: [route('0.0.0.0/0', 'igw-1')] })
    .routeTable('rtb-app', 'vpc-a', { subnets: ['subnet-app'], routes: [route('0.0.0.0/0', 'nat-1')] })
    .estate();
  const tagged = {
    ...estate,
    workloads: estate.workloads.map((w) =>
      w.id === 'eni-pay' ? { ...w, tags: { app: 'payments', service: 'payments', team: 'pay' } } : w,
    ),
  };
  const sources: ApplicationSources = {
    services: [
      {
        name: 'payment-provider',
        app: 'payments',
        owner: 'pay',
        workloadSelector: null,
        addresses: [psp],
        origin: 'catalog',
        source,
      },
    ],
    dependencies: [
      { from: 'payments', to: 'payment-provider', protocol: 'tcp', port: 443, origin: 'catalog', source },
    ],
    providedApis: [],
    unresolvedApis: [],
    flows,
  };
  return new FindingContext(tagged, buildApplicationModel(tagged, sources, defaultTagKeys), defaultTagKeys);
}

describe('a dependency on a service outside the estate, at its internet address', () => {
  it('is checked as a flow to the internet, pair by pair, and drawn as allowed', async () => {
    const ctx = await context();
    const [measured] = dependencyPairs(ctx);
    expect(measured?.pairs.map((pair) => [pair.source, pair.destination, pair.verdict?.allowed])).toEqual([
      ['eni-pay', psp, true],
    ]);
    expect(measured?.pairs[0]?.verdict?.explanation[0]?.reason).toContain(
      "the server sees the NAT gateway's address",
    );
    expect(buildTopology(ctx).dependencies).toMatchObject([
      { from: 'payments', to: 'payment-provider', verdict: 'allowed', pairs: 1, deniedPairs: 0 },
    ]);
    expect(blockedDependencies(ctx)).toEqual([]);
  });

  it('is a blocked dependency when the security group does not let it out, with the rule that would', async () => {
    const [finding] = blockedDependencies(
      await context({ egress: [tcp(5432, 5432, { cidrs: ['10.0.0.0/16'] })] }),
    );
    expect(finding?.title).toBe('payments → payment-provider tcp/443 is denied on 1 of 1 workload pairs');
    expect(finding?.suggestion).toBe('add to sg-pay (pay) an egress rule tcp 443 to 192.0.2.10/32');
    // No workload object stands for the address.
    expect(finding?.objects.filter((o) => o.type === 'workload').map((o) => o.id)).toEqual(['eni-pay']);
  });

  it("names the NAT gateway subnet's ACL when it refuses the request, and the client's subnet it must admit", async () => {
    const publicAcl = [
      aclEntry(90, false, 'deny', 'tcp', '10.0.2.0/24', { ports: [443, 443] }),
      aclEntry(100, false, 'allow', 'all', '0.0.0.0/0'),
      aclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
    ];
    const [finding] = blockedDependencies(await context({ publicAcl }));
    expect(finding?.suggestion).toBe(
      'add to acl-pub an inbound allow entry tcp 443 from 10.0.2.0/24 with a rule number below 90',
    );
  });

  it('is observed when flow logs show the workload talking to that address', async () => {
    const flow: ObservedFlow = {
      client: '10.0.2.10',
      server: psp,
      protocol: 6,
      serverPort: 443,
      action: 'ACCEPT',
      records: 3,
      packets: 30,
      bytes: 3000,
      firstSeen: 1_700_000_000,
      lastSeen: 1_700_000_100,
    };
    const ctx = await context({ flows: [flow] });
    expect(ctx.applications.dependencies).toMatchObject([
      { from: 'payments', to: 'payment-provider', protocol: 'tcp', port: 443, source: 'both' },
    ]);
    expect(ctx.applications.unattributedFlows).toBe(0);
  });

  it('is broken in a what-if that removes the way out, named with its address in the report', async () => {
    const ctx = await context();
    const before = { estate: ctx.estate, applications: ctx.applications };
    const change = { edits: [{ op: 'remove-rule' as const, rule: 'sg-pay/egress/0/0' }] };
    const report = computeImpact(
      {
        kind: 'change',
        title: 'close egress',
        before: { snapshotId: 1, name: 'a' },
        after: { snapshotId: null, name: 'b' },
      },
      before,
      { ...before, estate: applyChange(ctx.estate, change) },
      defaultTagKeys,
    );
    expect(report.dependencies).toMatchObject([
      {
        from: 'payments',
        to: 'payment-provider',
        effect: 'breaks',
        examples: [{ source: 'eni-pay', destination: psp, before: true, after: false }],
      },
    ]);
    expect(renderImpact(report, 'md')).toContain(psp);
  });
});
