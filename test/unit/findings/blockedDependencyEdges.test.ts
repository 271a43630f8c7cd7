import { describe, expect, it } from 'vitest';
import type { ApplicationModel, ObservedTraffic } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { blockedDependencies } from '../../../main/core/findings/blockedDependency';
import { FindingContext } from '../../../main/core/findings/context';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere, route } from '../analysis/exportBuilder';

interface Setup {
  /** Which ACL sides let the replies to client ports 1024-65535 through. */
  readonly replies?: { readonly bOut: boolean; readonly aIn: boolean };
  /** The server group's ingress; default: all traffic from anywhere. */
  readonly serverIngress?: ReturnType<typeof allTraffic>[];
  /** Routes of subnet-a; default: none exported (the local route carries the VPC). */
  readonly clientRoutes?: ReturnType<typeof route>[];
  /** What flow logs saw of the dependency; default: it is declared only. */
  readonly observed?: ObservedTraffic;
}

/**
 * client 10.0.1.10 in subnet-a (acl-a) calls server 10.0.2.20 in subnet-b (acl-b) on udp 514. Both
 * ACLs pass the request; `replies` says which side lets the replies back.
 */
async function context({
  replies = { bOut: true, aIn: true },
  serverIngress,
  clientRoutes,
  observed,
}: Setup) {
  const request = (egress: boolean) =>
    aclEntry(100, egress, 'allow', 'udp', '0.0.0.0/0', { ports: [514, 514] });
  const ephemeral = (egress: boolean, cidr: string) =>
    aclEntry(110, egress, 'allow', 'udp', cidr, { ports: [1024, 65535] });
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-b', 'vpc-a', '10.0.2.0/24')
    .group('sg-client', 'vpc-a', { name: 'client', egress: [allTraffic(anywhere)] })
    .group('sg-server', 'vpc-a', { name: 'server', ingress: serverIngress ?? [allTraffic(anywhere)] })
    .eni('eni-client', 'subnet-a', { ips: ['10.0.1.10'], groups: ['sg-client'] })
    .eni('eni-server', 'subnet-b', { ips: ['10.0.2.20'], groups: ['sg-server'] })
    .prefixList('pl-partners', 'partners', null)
    .acl('acl-a', 'vpc-a', {
      subnets: ['subnet-a'],
      entries: [request(true), ...(replies.aIn ? [ephemeral(false, '10.0.2.0/24')] : [])],
    })
    .acl('acl-b', 'vpc-a', {
      subnets: ['subnet-b'],
      entries: [request(false), ...(replies.bOut ? [ephemeral(true, '10.0.1.0/24')] : [])],
    });
  if (clientRoutes) builder.routeTable('rtb-a', 'vpc-a', { subnets: ['subnet-a'], routes: clientRoutes });
  const estate = await builder.estate();
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
        source: observed ? 'observed' : 'declared',
        declaredAt: [],
        observed: observed ?? null,
      },
    ],
    unattributedFlows: 0,
    contestedFlows: 0,
    unresolvedApis: [],
    outsideFlows: [],
  };
  return new FindingContext(estate, applications, defaultTagKeys);
}

describe('a dependency whose replies a network ACL stops', () => {
  it("asks the server subnet's ACL to let replies out toward the client's subnet, in the dependency's protocol", async () => {
    const [finding] = blockedDependencies(await context({ replies: { bOut: false, aIn: true } }));
    expect(finding?.suggestion).toBe(
      'add to acl-b an outbound allow entry udp 1024-65535 to 10.0.1.0/24 with a rule number below 32767',
    );
  });

  it("asks the client subnet's ACL to let replies in from the server's subnet", async () => {
    const [finding] = blockedDependencies(await context({ replies: { bOut: true, aIn: false } }));
    expect(finding?.suggestion).toBe(
      'add to acl-a an inbound allow entry udp 1024-65535 from 10.0.2.0/24 with a rule number below 32767',
    );
  });
});

describe('a dependency the flow logs saw', () => {
  const seen = (accepted: number, rejected: number): ObservedTraffic => ({
    records: accepted + rejected,
    packets: 0,
    bytes: 0,
    accepted,
    rejected,
    firstSeen: Date.UTC(2026, 10, 20) / 1000,
    lastSeen: Date.UTC(2026, 10, 23, 12) / 1000,
  });

  it('reads accepted records beside rejected ones as the interfaces before the refusing one (each logs its own verdict)', async () => {
    const [finding] = blockedDependencies(await context({ serverIngress: [], observed: seen(1200, 3) }));
    expect(finding?.explanation).toContain(
      'The flow logs (up to 2026-11-23) bear this out: 3 rejected records, and 1,200 accepted ones from the interfaces it passes before the one that refuses it (each interface logs its own verdict).',
    );
    expect(finding?.evidence.figures).toMatchObject({
      deniedPairs: 1,
      rejectedRecords: 3,
      acceptedRecords: 1200,
    });
  });

  it('says accepted records alone disagree only if the refusing interface is logged', async () => {
    const [finding] = blockedDependencies(await context({ serverIngress: [], observed: seen(1200, 0) }));
    expect(finding?.explanation).toContain(
      'recorded 1,200 accepted records of it and no rejected one: the interfaces it passes before the one that refuses it log it accepted (each interface logs its own verdict), so either the refusing interface is not logged, or traffic got through that this snapshot denies',
    );
  });

  it('says the snapshot and the logs disagree when the client’s side refuses what was accepted', async () => {
    // No route from subnet-a to subnet-b's range but a blackhole: nothing leaves the client.
    const blackhole = [route('10.0.2.0/24', 'eni-gone', 'blackhole')];
    const [finding] = blockedDependencies(
      await context({ clientRoutes: blackhole, observed: seen(1200, 3) }),
    );
    expect(finding?.explanation).toContain(
      'Yet the flow logs (up to 2026-11-23) recorded 1,200 accepted records of it: traffic got through that this snapshot denies',
    );
    expect(finding?.evidence.figures).toMatchObject({ deniedPairs: 1, acceptedRecords: 1200 });
  });

  it('says the logs bear the verdict out when they saw only rejections', async () => {
    const [finding] = blockedDependencies(await context({ serverIngress: [], observed: seen(0, 40) }));
    expect(finding?.explanation).toContain(
      'The flow logs (up to 2026-11-23) bear this out: 40 rejected records, none accepted.',
    );
    expect(finding?.evidence.figures).toMatchObject({ rejectedRecords: 40 });
    expect(finding?.evidence.figures).not.toHaveProperty('acceptedRecords');
  });
});

describe('a dependency the export cannot decide, or the routes stop', () => {
  it('is a medium finding naming what to export when the only admitting rule names a prefix list without entries', async () => {
    const partners = allTraffic({ prefixLists: ['pl-partners'] });
    const [finding] = blockedDependencies(await context({ serverIngress: [partners] }));
    expect(finding).toMatchObject({
      severity: 'medium',
      title: 'Cannot tell whether client → server udp/514 is allowed on 1 of 1 workload pairs',
      suggestion: null,
    });
    expect(finding?.explanation).toContain('sg-ingress: ');
    expect(finding?.explanation).toContain('pl-partners');
    expect(finding?.evidence.figures).toEqual({ workloadPairs: 1, deniedPairs: 0, unknownPairs: 1 });
  });

  it('points at the route when a more specific route drops the traffic', async () => {
    const clientRoutes = [route('10.0.0.0/16', 'local'), route('10.0.2.0/24', 'pcx-1', 'blackhole')];
    const [finding] = blockedDependencies(await context({ clientRoutes }));
    expect(finding?.severity).toBe('high');
    expect(finding?.suggestion).toMatch(
      /^fix the route: rtb-a .* routes 10\.0\.2\.20 by 10\.0\.2\.0\/24 via pcx-1/,
    );
  });
});
