import { describe, expect, it } from 'vitest';
import { computeFlowGraph } from '../../../main/core/analysis/flowGraph';
import type { FlowVerdict } from '../../../main/core/analysis/reachability';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit, ProposedChange } from '../../../main/core/impact/change';
import { readChangeFile } from '../../../main/core/impact/changeSchema';
import { affectedWorkloads, diffEstates } from '../../../main/core/impact/estateDiff';
import { diffFlows } from '../../../main/core/impact/flowChanges';
import { impactMarkdown } from '../../../main/core/impact/report/markdown';
import { impactOfEdits } from '../helpers/changeImpact';
import {
  AwsExportBuilder,
  aclEntry,
  allTraffic,
  anywhere,
  route,
  transitGatewayRoute,
} from './exportBuilder';
import { disagreements, GraphVerdicts } from './flowGraph/graphVerdict';
import { allowAll, layer, layers } from './scenario';
import { type Hub, hub, table, toA, toB } from './transitGatewayHub';

/** Why applyChange refuses the change, or `applied`. */
function refusal(estate: Estate, change: ProposedChange): string {
  try {
    applyChange(estate, change);
    return 'applied';
  } catch (error) {
    return (error as Error).message;
  }
}

async function check(
  builder: AwsExportBuilder,
  source = 'eni-a',
  destination = 'eni-b',
  port = 443,
): Promise<FlowVerdict> {
  return (await builder.engine()).check({ source, destination, protocol: 'tcp', port });
}

/** The routes the route layer cites, as "table destination target". */
function routesCited(verdict: FlowVerdict): string[] {
  return layer(verdict, 'route').rules.map((rule) =>
    rule.kind === 'route' ? `${rule.routeTableId} ${rule.destination} ${rule.target}` : rule.kind,
  );
}

describe('routing through a transit gateway', () => {
  it('allows a flow both VPCs route through it, citing the routes of both ways', async () => {
    const verdict = await check(hub());
    expect(layers(verdict)).toEqual([
      'route:allow',
      'sg-egress:allow',
      'nacl-outbound:allow',
      'nacl-inbound:allow',
      'sg-ingress:allow',
      'nacl-reply:allow',
    ]);
    const route = layer(verdict, 'route');
    expect(route.reason).toContain(
      'rtb-a (the main route table of subnet-a1) routes 10.1.1.20 by 10.1.0.0/16 via tgw-1: it enters tgw-1 through tgw-attach-a in subnet-at; tgw-rtb-00000000001 routes 10.1.1.20 by 10.1.0.0/16 (propagated) to tgw-attach-b; it enters vpc-b through subnet-bt: rtb-bt of subnet-bt delivers it by the local route',
    );
    expect(routesCited(verdict)).toEqual([
      'rtb-a 10.1.0.0/16 tgw-1',
      `${table} 10.1.0.0/16 tgw-attach-b`,
      'rtb-bt 10.1.0.0/16 local',
      'rtb-b 10.0.0.0/16 tgw-1',
      `${table} 10.0.0.0/16 tgw-attach-a`,
      'rtb-a 10.0.0.0/16 local',
    ]);
  });
});

describe('transit gateway routing at its edges', () => {
  it('is unknown, not denied, when a VPC routes to a transit gateway whose attachments are not exported', async () => {
    const builder = new AwsExportBuilder()
      .vpc('vpc-a', '10.0.0.0/16')
      .vpc('vpc-b', '10.1.0.0/16')
      .subnet('subnet-a1', 'vpc-a', '10.0.1.0/24')
      .subnet('subnet-b1', 'vpc-b', '10.1.1.0/24')
      .group('sg-a', 'vpc-a', { ingress: [allTraffic(anywhere)], egress: [allTraffic(anywhere)] })
      .eni('eni-a', 'subnet-a1', { ips: ['10.0.1.10'], groups: ['sg-a'] })
      .eni('eni-b', 'subnet-b1', { ips: ['10.1.1.20'], groups: ['sg-a'] })
      .routeTable('rtb-a', 'vpc-a', { main: true, routes: [route('10.1.0.0/16', 'tgw-1')] })
      .routeTable('rtb-b', 'vpc-b', { main: true, routes: [route('10.0.0.0/16', 'tgw-1')] });
    const verdict = await check(builder);
    expect(verdict.allowed).toBe('unknown');
    expect(layer(verdict, 'route').reason).toContain('the attachments of tgw-1 are not in the export');
  });

  it('denies traffic from an Availability Zone where the attachment has no subnet, and allows it where it has', async () => {
    const fromZoneB = await check(hub(), 'eni-a2');
    expect(layer(fromZoneB, 'route')).toMatchObject({ verdict: 'deny' });
    expect(layer(fromZoneB, 'route').reason).toContain(
      'tgw-attach-a, the attachment of vpc-a, has no subnet in eu-west-1b, where subnet-a2 is, and resources in an Availability Zone without one cannot reach the transit gateway',
    );
    // Replies from eni-b (zone a) to eni-a2 enter vpc-a through subnet-at all the same.
    expect(layer(await check(hub(), 'eni-b', 'eni-a2'), 'route').verdict).toBe('deny');
  });

  it('matches zones by their ids, since another account names them otherwise (AZ IDs)', async () => {
    // vpc-b's account calls euw1-az1 eu-west-1b: by names its transit gateway subnet is in another zone.
    const accounts = () =>
      hub()
        .zone('subnet-a1', 'eu-west-1a', 'euw1-az1')
        .zone('subnet-a2', 'eu-west-1b', 'euw1-az2')
        .zone('subnet-at', 'eu-west-1a', 'euw1-az1')
        .zone('subnet-b1', 'eu-west-1b', 'euw1-az1')
        .zone('subnet-b2', 'eu-west-1a', 'euw1-az2')
        .zone('subnet-bt', 'eu-west-1b', 'euw1-az1');
    const sameZone = await check(accounts(), 'eni-a');
    expect(sameZone.allowed).toBe(true);
    expect(layer(sameZone, 'route').reason).toContain('subnet-bt');
    expect(layer(await check(accounts(), 'eni-a2'), 'route').reason).toContain(
      'tgw-attach-a, the attachment of vpc-a, has no subnet in euw1-az2, where subnet-a2 is',
    );
    const estate = await accounts().estate();
    const graph = computeFlowGraph(estate);
    const ids = estate.workloads.map((workload) => workload.id);
    expect(disagreements(graph, new ReachabilityEngine(estate), ids, [['tcp', 443]])).toEqual([]);
    expect(new GraphVerdicts(graph).verdict('eni-a', 'eni-b', 'tcp', 443)).toBe(true);
  });

  it('denies by a blackhole, by no route, and by a static route over a propagated one of the same prefix', async () => {
    const blackhole = transitGatewayRoute('10.1.1.0/24', [], { type: 'static' });
    const dropped = await check(hub({ tgwRoutes: [toA, toB, blackhole] }));
    expect(layer(dropped, 'route').reason).toContain(
      `${table} routes 10.1.1.20 by 10.1.1.0/24 (static) to a blackhole, so it is dropped`,
    );
    expect(routesCited(dropped)).toContain(`${table} 10.1.1.0/24 blackhole`);
    // The longer prefix decides only its own addresses.
    const other = hub({ tgwRoutes: [toA, toB, blackhole] })
      .subnet('subnet-b3', 'vpc-b', '10.1.3.0/24', undefined, 'eu-west-1a')
      .acl('acl-b3', 'vpc-b', { subnets: ['subnet-b3'], entries: allowAll })
      .eni('eni-b3', 'subnet-b3', { ips: ['10.1.3.20'], groups: ['sg-b'] });
    expect((await check(other, 'eni-a', 'eni-b3')).allowed).toBe(true);
    const none = await check(hub({ tgwRoutes: [toA] }));
    expect(layer(none, 'route').reason).toContain(`${table} has no route to 10.1.1.20`);
    expect(none.allowed).toBe(false);
    // At equal length the static route wins, whatever the order the search printed them in.
    const staticBlackhole = transitGatewayRoute('10.1.0.0/16', [], { type: 'static' });
    for (const routes of [
      [toA, toB, staticBlackhole],
      [toA, staticBlackhole, toB],
    ]) {
      expect((await check(hub({ tgwRoutes: routes }))).allowed).toBe(false);
    }
    const staticToB = transitGatewayRoute('10.1.0.0/16', [['tgw-attach-b', 'vpc-b']], { type: 'static' });
    const propagatedBlackhole = { ...staticBlackhole, Type: 'propagated' };
    expect((await check(hub({ tgwRoutes: [toA, propagatedBlackhole, staticToB] }))).allowed).toBe(true);
  });

  it('keeps an address inside the source VPC’s own range there, saying so, though the VPCs share a transit gateway', async () => {
    // vpc-b holds 10.0.5.0/24 of vpc-a's range too (a secondary block): "A transit gateway doesn't
    // support routing between VPCs with identical CIDRs", and vpc-a's local route keeps it home.
    const overlapping = hub()
      .subnet('subnet-bo', 'vpc-b', '10.0.5.0/24', undefined, 'eu-west-1a')
      .acl('acl-bo', 'vpc-b', { subnets: ['subnet-bo'], entries: allowAll })
      .eni('eni-bo', 'subnet-bo', { ips: ['10.0.5.20'], groups: ['sg-b'] });
    const verdict = await check(overlapping, 'eni-a', 'eni-bo');
    expect(verdict.allowed).toBe(false);
    expect(layer(verdict, 'route').reason).toContain(
      "routes 10.0.5.20 by 10.0.0.0/16 via local: the address is inside vpc-a's own range, so it never leaves the VPC",
    );
    expect(layer(verdict, 'route').reason).not.toContain('no active peering');
  });

  it('denies an attachment that is not available or not associated, and is unknown when the export does not say', async () => {
    const deleted = await check(hub({ aState: 'deleted' }));
    expect(layer(deleted, 'route').reason).toContain(
      'tgw-attach-a, the attachment of vpc-a to it, is deleted',
    );
    expect(deleted.allowed).toBe(false);
    expect((await check(hub({ aState: 'modifying' }))).allowed).toBe(true);
    const unassociated = await check(hub({ aRouteTable: null }));
    expect(layer(unassociated, 'route').reason).toContain(
      'tgw-attach-a is associated with no route table of tgw-1, and the associated table is what routes an attachment',
    );
    expect(unassociated.allowed).toBe(false);
    const unsaid = await check(hub({ aRouteTable: undefined }));
    expect(unsaid.allowed).toBe('unknown');
    expect(layer(unsaid, 'route').reason).toContain(
      'the route table tgw-attach-a is associated with is not in the export (run aws ec2 describe-transit-gateway-attachments and import its output)',
    );
  });

  it('is unknown when the table’s routes are not exported, or their search stopped early', async () => {
    const unexported = await check(hub({ table: 'unexported' }));
    expect(unexported.allowed).toBe('unknown');
    expect(layer(unexported, 'route').reason).toContain(
      `aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id ${table} prints them; import its output saved as ${table}.json`,
    );
    const cut = await check(hub({ table: 'incomplete' }));
    expect(cut.allowed).toBe('unknown');
    expect(layer(cut, 'route').reason).toContain('stopped before the end (AdditionalRoutesAvailable)');
  });

  it('is unknown when the table sends the address to another VPC, or the entry subnet to an appliance', async () => {
    const inspection = transitGatewayRoute('10.1.0.0/16', [['tgw-attach-fw', 'vpc-fw']], { type: 'static' });
    const viaInspection = await check(hub({ tgwRoutes: [toA, inspection] }));
    expect(viaInspection.allowed).toBe('unknown');
    expect(layer(viaInspection, 'route').reason).toContain(
      'to vpc vpc-fw (tgw-attach-fw), not to vpc-b: where it goes from there is not followed',
    );
    const firewall = await check(hub({ bGatewayRoutes: [route('10.1.1.0/24', 'eni-fw')] }));
    expect(firewall.allowed).toBe('unknown');
    expect(layer(firewall, 'route').reason).toContain(
      'rtb-bt of subnet-bt sends it on through eni-fw, whose forwarding is not in the export',
    );
  });

  it('enters in the zone the traffic came from, or in any zone with appliance mode', async () => {
    // subnet-b2 (zone b) denies everything going out to vpc-b's workloads; subnet-bt (zone a) does not.
    const closedB2 = [aclEntry(100, true, 'deny', 'all', '10.1.0.0/16'), ...allowAll];
    const twoZones = (applianceMode: boolean) =>
      hub({ bSubnets: ['subnet-bt', 'subnet-b2'], applianceMode }).acl('acl-b2', 'vpc-b', {
        subnets: ['subnet-b2'],
        entries: closedB2,
      });
    expect((await check(twoZones(false))).allowed).toBe(true);
    const anyZone = await check(twoZones(true));
    expect(anyZone.allowed).toBe('unknown');
    expect(layer(anyZone, 'route').reason).toContain(
      'it enters vpc-b through subnet-bt and subnet-b2 (any of them may take it)',
    );
    expect(layer(anyZone, 'nacl-outbound')).toMatchObject({ verdict: 'unknown' });
    expect(layer(anyZone, 'nacl-outbound').reason).toContain(
      'the transit gateway may deliver through any of its subnets, and their ACLs decide differently',
    );
  });
});

describe('network ACLs on the way through a transit gateway', () => {
  const denyFrom = (egress: boolean, cidr: string) => [
    aclEntry(50, egress, 'deny', 'all', cidr),
    ...allowAll,
  ];

  it('checks the transit gateway subnet’s inbound entries on the way in', async () => {
    const verdict = await check(hub({ aGatewayAcl: denyFrom(false, '10.0.1.0/24') }));
    expect(verdict.allowed).toBe(false);
    expect(layer(verdict, 'nacl-inbound')).toMatchObject({ verdict: 'deny' });
    expect(layer(verdict, 'nacl-inbound').reason).toContain(
      'subnet-at (transit gateway subnet of tgw-attach-a): acl-at: inbound rule 50 (deny all traffic from 10.0.1.0/24) is the first entry matching tcp/443 from 10.0.1.10',
    );
    expect(layer(verdict, 'nacl-inbound').rules).toContainEqual(
      expect.objectContaining({ aclId: 'acl-at', ruleNumber: 50 }),
    );
  });

  it('checks the transit gateway subnet’s outbound entries on the way out, unless it is the workload’s own subnet', async () => {
    const closed = denyFrom(true, '10.1.0.0/16');
    const verdict = await check(hub({ bGatewayAcl: closed }));
    expect(verdict.allowed).toBe(false);
    expect(layer(verdict, 'nacl-outbound').reason).toContain(
      'subnet-bt (transit gateway subnet of tgw-attach-b): acl-bt: outbound rule 50 (deny all traffic to 10.1.0.0/16) is the first entry matching tcp/443 to 10.1.1.20',
    );
    // eni-bt sits in the transit gateway's subnet: nothing is filtered between the two there.
    const inside = await check(
      hub({ bGatewayAcl: closed, bAcl: denyFrom(false, '10.0.0.0/16') }),
      'eni-a',
      'eni-bt',
    );
    expect(layer(inside, 'nacl-outbound').verdict).toBe('allow');
    expect(layer(inside, 'nacl-inbound').reason).not.toContain('acl-bt');
  });

  it('checks every ACL of the way back for one client port', async () => {
    // Replies leave eni-b's subnet toward the client's ephemeral port: subnet-bt takes them in only below 1024.
    const ephemeral = [
      aclEntry(50, false, 'deny', 'tcp', '10.1.1.0/24', { ports: [1024, 65535] }),
      ...allowAll,
    ];
    const verdict = await check(hub({ bGatewayAcl: ephemeral }));
    expect(layer(verdict, 'nacl-reply')).toMatchObject({ verdict: 'deny' });
    expect(layer(verdict, 'nacl-reply').reason).toContain(
      'no client port in 1024-65535 passes every ACL on the way back',
    );
    expect(layer(verdict, 'nacl-inbound').verdict).toBe('allow');
  });
});

describe('the flow graph through a transit gateway', () => {
  const traffic = [['tcp', 443] as const, ['tcp', 22] as const, ['icmp', 8] as const];

  it('gives every pair the engine’s verdict, across it and within each VPC', async () => {
    const estate = await hub().estate();
    const graph = computeFlowGraph(estate);
    const ids = estate.workloads.map((workload) => workload.id);
    expect(disagreements(graph, new ReachabilityEngine(estate), ids, traffic)).toEqual([]);
    const verdicts = new GraphVerdicts(graph);
    expect(verdicts.verdict('eni-a', 'eni-b', 'tcp', 443)).toBe(true);
    expect(verdicts.verdict('eni-a2', 'eni-b', 'tcp', 443)).toBe(false);
  });

  it('tells apart the addresses of one subnet that the transit gateway routes apart', async () => {
    const blackhole = transitGatewayRoute('10.1.1.16/28', [], { type: 'static' });
    const estate = await hub({ tgwRoutes: [toA, toB, blackhole] })
      .eni('eni-b4', 'subnet-b1', { ips: ['10.1.1.40'], groups: ['sg-b'] })
      .estate();
    const graph = computeFlowGraph(estate);
    const verdicts = new GraphVerdicts(graph);
    expect(verdicts.verdict('eni-a', 'eni-b', 'tcp', 443)).toBe(false);
    expect(verdicts.verdict('eni-a', 'eni-b4', 'tcp', 443)).toBe(true);
    const ids = estate.workloads.map((workload) => workload.id);
    expect(disagreements(graph, new ReachabilityEngine(estate), ids, traffic)).toEqual([]);
  });

  it('follows the ACLs of the subnets a transit gateway may deliver through', async () => {
    const closedB2 = [aclEntry(100, true, 'deny', 'all', '10.1.0.0/16'), ...allowAll];
    const estate = await hub({ bSubnets: ['subnet-bt', 'subnet-b2'], applianceMode: true })
      .acl('acl-b2', 'vpc-b', { subnets: ['subnet-b2'], entries: closedB2 })
      .estate();
    const graph = computeFlowGraph(estate);
    expect(new GraphVerdicts(graph).verdict('eni-a', 'eni-b', 'tcp', 443)).toBe('unknown');
    const ids = estate.workloads.map((workload) => workload.id);
    expect(disagreements(graph, new ReachabilityEngine(estate), ids, traffic)).toEqual([]);
  });
});

describe('security group rules naming a group across a transit gateway', () => {
  const ingress = async (referencing: Hub['referencing']) => {
    const builder = hub({ byGroup: 'ingress', referencing });
    const verdict = await check(builder);
    const estate = await builder.estate();
    const ids = estate.workloads.map((workload) => workload.id);
    const traffic = [['tcp', 443] as const];
    expect(disagreements(computeFlowGraph(estate), new ReachabilityEngine(estate), ids, traffic)).toEqual([]);
    return layer(verdict, 'sg-ingress');
  };

  it('match the group’s members when the transit gateway and both attachments enable referencing', async () => {
    const sg = await ingress({});
    expect(sg.verdict).toBe('allow');
    expect(sg.rules).toEqual([expect.objectContaining({ groupId: 'sg-b', peer: 'sg-a' })]);
  });

  it('match nothing when the transit gateway or either attachment disables it, and say so', async () => {
    for (const [referencing, named] of [
      [{ gateway: 'disable' }, 'tgw-1'],
      [{ a: 'disable' }, 'its attachment tgw-attach-a'],
      [{ b: 'disable' }, 'its attachment tgw-attach-b'],
      // One setting that disables settles it, whatever the export lacks.
      [{ gateway: 'unexported', b: 'disable' }, 'its attachment tgw-attach-b'],
    ] as const) {
      const sg = await ingress(referencing);
      expect(sg.verdict, named).toBe('deny');
      expect(sg.reason).toContain(
        `no ingress rule of sg-b (sg-b) allows tcp/443 from 10.0.1.10; sg-b (sg-b) all traffic from sg-a names a group eni-a carries, but ${named} disables security group referencing, so rules naming a group across tgw-1 match nothing`,
      );
    }
  });

  it('are unknown when the export does not say whether referencing is enabled', async () => {
    for (const [referencing, why] of [
      [{ gateway: 'unexported' }, 'describe-transit-gateways, which says, is not imported'],
      [
        { gateway: null },
        'whether tgw-1 enables security group referencing cannot be told: describe-transit-gateways does not print',
      ],
      [{ a: null }, 'whether its attachment tgw-attach-a enables security group referencing cannot be told'],
    ] as const) {
      const sg = await ingress(referencing);
      expect(sg.verdict, why).toBe('unknown');
      expect(sg.reason).toContain(why);
    }
  });

  it('never match for outbound rules, which AWS does not support across a transit gateway', async () => {
    const builder = hub({ byGroup: 'egress' });
    const sg = layer(await check(builder), 'sg-egress');
    expect(sg.verdict).toBe('deny');
    expect(sg.reason).toContain(
      'no egress rule of sg-a (sg-a) allows tcp/443 to 10.1.1.20; sg-a (sg-a) all traffic to sg-b names a group eni-b carries, but outbound rules do not match groups across a transit gateway (AWS supports only inbound rules naming them), and the request goes through tgw-1',
    );
    const estate = await builder.estate();
    expect(new GraphVerdicts(computeFlowGraph(estate)).verdict('eni-a', 'eni-b', 'tcp', 443)).toBe(false);
    // Within vpc-b the same rule matches.
    expect(layer(await check(builder, 'eni-b', 'eni-bt'), 'sg-egress').verdict).toBe('allow');
  });
});

describe('a what-if on a transit gateway subnet’s ACL', () => {
  it('re-checks the flows of every VPC on the transit gateway, since the workloads it filters are not in that subnet', async () => {
    const estate = await hub().estate();
    const closing = (aclId: string) =>
      applyChange(estate, {
        edits: [
          {
            op: 'change-acl-entry',
            entry: { aclId, egress: false, ruleNumber: 100 },
            set: { action: 'deny' },
          },
        ],
      });
    const gateway = closing('acl-at');
    const affected = affectedWorkloads(estate, gateway, diffEstates(estate, gateway));
    // Both VPCs are on tgw-1: all their workloads, though none is in subnet-at.
    expect(affected).toEqual(new Set(estate.workloads.map((w) => w.id)));
    const workloads = closing('acl-b');
    expect(affectedWorkloads(estate, workloads, diffEstates(estate, workloads))).not.toBe('all');
    const { flows } = diffFlows(estate, gateway, affected, new Map(), []);
    expect(diffFlows(estate, gateway, 'all', new Map(), []).flows).toEqual(flows);
    expect(flows).toContainEqual(
      expect.objectContaining({
        from: expect.objectContaining({ workloadIds: ['eni-a'] }),
        to: expect.objectContaining({ workloadIds: ['eni-b'] }),
      }),
    );
  });
});

describe('a what-if turning security group referencing on or off', () => {
  const enable = (edit: Partial<Extract<ChangeEdit, { op: 'set-security-group-referencing' }>> = {}) => ({
    edits: [
      { op: 'set-security-group-referencing' as const, transitGatewayId: 'tgw-1', enabled: true, ...edit },
    ],
  });

  it('opens what rules naming a group across the transit gateway then allow, and lists the option', async () => {
    const estate = await hub({
      byGroup: 'ingress',
      referencing: { gateway: 'disable' },
      gatewayTags: { owner: 'network@example.com' },
    }).estate();
    const after = applyChange(estate, enable());
    const report = impactOfEdits(estate, enable().edits, 'referencing');
    expect(report.changes.transitGateways).toEqual([
      {
        id: 'tgw-1',
        gatewayIds: ['tgw-1'],
        what: 'security group referencing',
        change: 'changed',
        text: 'tgw-1: security group referencing disabled → enabled',
      },
    ]);
    expect(report.flows).toContainEqual(
      expect.objectContaining({
        from: expect.objectContaining({ workloadIds: ['eni-a'] }),
        to: expect.objectContaining({ workloadIds: ['eni-b'] }),
      }),
    );
    // Who owns the transit gateway approves, as the owners of a group whose rules change do.
    expect(report.approvers).toContainEqual({
      owner: 'network@example.com',
      reasons: ['transit gateway tgw-1: security group referencing edited'],
    });
    expect(impactMarkdown(report)).toContain(
      'Transit gateway changed: tgw-1: security group referencing disabled → enabled',
    );
    // Off again on vpc-b's attachment: the same flows close.
    const off = applyChange(after, enable({ attachmentId: 'tgw-attach-b', enabled: false }));
    expect(diffEstates(after, off).transitGateways).toEqual([
      {
        id: 'tgw-attach-b',
        gatewayIds: ['tgw-1'],
        what: 'security group referencing',
        change: 'changed',
        text: 'tgw-attach-b: security group referencing enabled → disabled',
      },
    ]);
  });

  it('refuses what it cannot change, at the edit’s place', async () => {
    const estate = await hub({ referencing: { gateway: 'disable' } }).estate();
    const refused = (change: ProposedChange) => refusal(estate, change);
    expect(refused(enable({ enabled: false }))).toBe(
      'CHANGE.json $.edits[0].enabled: tgw-1 already disables security group referencing',
    );
    expect(refused(enable({ transitGatewayId: 'tgw-9' }))).toBe(
      'CHANGE.json $.edits[0].transitGatewayId: no transit gateway tgw-9 in this snapshot',
    );
    expect(refused(enable({ attachmentId: 'tgw-attach-x' }))).toBe(
      'CHANGE.json $.edits[0].attachmentId: no attachment tgw-attach-x of tgw-1 in this snapshot',
    );
    // CHANGE.json is read strictly: ids of the right kind, a boolean.
    const read = (edit: object) => {
      try {
        readChangeFile('CHANGE.json', new TextEncoder().encode(JSON.stringify({ edits: [edit] })));
        return 'read';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const edit = { op: 'set-security-group-referencing', transitGatewayId: 'tgw-1', enabled: true };
    expect(read({ ...edit, attachmentId: 'tgw-attach-b' })).toBe('read');
    expect(read({ ...edit, enabled: 'yes' })).toContain('CHANGE.json $.edits[0].enabled:');
    expect(read({ ...edit, transitGatewayId: 'vpc-1' })).toBe(
      'CHANGE.json $.edits[0].transitGatewayId: expected an id starting tgw-',
    );
    const without = await hub({ referencing: { gateway: 'unexported' } }).estate();
    expect(() => applyChange(without, enable())).toThrow(
      'this snapshot has no describe-transit-gateways output: import it to change a transit gateway’s options',
    );
  });
});

describe('a what-if on transit gateway routes', () => {
  const traffic = [['tcp', 443] as const];
  const edit = (fields: Partial<Extract<ChangeEdit, { op: 'add-transit-gateway-route' }>>) => ({
    edits: [
      {
        op: 'add-transit-gateway-route' as const,
        routeTableId: table,
        destination: '10.1.1.0/24',
        ...fields,
      },
    ],
  });

  it('drops what a static blackhole covers, lists the route, and agrees with the flow graph', async () => {
    const estate = await hub().estate();
    const after = applyChange(estate, edit({ blackhole: true }));
    expect(diffEstates(estate, after).transitGateways).toEqual([
      {
        id: `${table} static 10.1.1.0/24`,
        gatewayIds: ['tgw-1'],
        what: 'routes',
        change: 'added',
        text: `${table}: static route 10.1.1.0/24 → blackhole`,
      },
    ]);
    const engine = new ReachabilityEngine(after);
    const verdict = engine.check({ source: 'eni-a', destination: 'eni-b', protocol: 'tcp', port: 443 });
    expect(layer(verdict, 'route').verdict).toBe('deny');
    expect(routesCited(verdict)).toContain(`${table} 10.1.1.0/24 blackhole`);
    const ids = after.workloads.map((workload) => workload.id);
    expect(disagreements(computeFlowGraph(after), engine, ids, traffic)).toEqual([]);
    // Replaced by one to vpc-b's attachment: one route changed.
    const replaced = applyChange(after, {
      edits: [
        { op: 'remove-transit-gateway-route', routeTableId: table, destination: '10.1.1.0/24' },
        {
          op: 'add-transit-gateway-route',
          routeTableId: table,
          destination: '10.1.1.0/24',
          attachmentId: 'tgw-attach-b',
        },
      ],
    });
    expect(diffEstates(after, replaced).transitGateways).toEqual([
      {
        id: `${table} static 10.1.1.0/24`,
        gatewayIds: ['tgw-1'],
        what: 'routes',
        change: 'changed',
        text: `${table}: static route 10.1.1.0/24 → blackhole, now 10.1.1.0/24 → tgw-attach-b`,
      },
    ]);
    // Removed again, the flow is back as it was.
    const back = applyChange(after, {
      edits: [{ op: 'remove-transit-gateway-route', routeTableId: table, destination: '10.1.1.0/24' }],
    });
    expect(
      new ReachabilityEngine(back).check({
        source: 'eni-a',
        destination: 'eni-b',
        protocol: 'tcp',
        port: 443,
      }).allowed,
    ).toBe(true);
  });

  it('sends a static route to the attachment named, and refuses what AWS would', async () => {
    const estate = await hub().estate();
    // To vpc-a's own attachment: an address of vpc-b sent back where it came from is not followed.
    const astray = applyChange(estate, edit({ attachmentId: 'tgw-attach-a' }));
    const verdict = new ReachabilityEngine(astray).check({
      source: 'eni-a',
      destination: 'eni-b',
      protocol: 'tcp',
      port: 443,
    });
    expect(layer(verdict, 'route').verdict).toBe('unknown');
    const refused = (change: ProposedChange) => refusal(astray, change);
    expect(refused(edit({ attachmentId: 'tgw-attach-b' }))).toBe(
      `CHANGE.json $.edits[0].destination: ${table} already has a static route to 10.1.1.0/24: remove it first to replace it`,
    );
    expect(refused(edit({ destination: '10.9.0.0/16' }))).toBe(
      'CHANGE.json $.edits[0].attachmentId: give the attachment it sends to, or blackhole: true, and not both',
    );
    expect(refused(edit({ destination: '10.9.0.0/16', attachmentId: 'tgw-attach-x' }))).toBe(
      'CHANGE.json $.edits[0].attachmentId: no transit gateway attachment tgw-attach-x in this snapshot',
    );
    expect(
      refused({
        edits: [{ op: 'remove-transit-gateway-route', routeTableId: table, destination: '10.1.0.0/16' }],
      }),
    ).toBe(
      `CHANGE.json $.edits[0].destination: ${table} has no static route to 10.1.0.0/16 (only a propagated one, which propagation puts there)`,
    );
    expect(refused(edit({ routeTableId: 'tgw-rtb-0999', blackhole: true }))).toBe(
      'CHANGE.json $.edits[0].routeTableId: no transit gateway route table tgw-rtb-0999 in this snapshot: import its search-transit-gateway-routes output',
    );
  });
});

describe('a what-if on transit gateway associations and propagation', () => {
  const flow = { source: 'eni-a', destination: 'eni-b', protocol: 'tcp', port: 443 };

  it('takes a VPC off its table, and back, and lists the association', async () => {
    const estate = await hub().estate();
    const off = applyChange(estate, {
      edits: [{ op: 'set-transit-gateway-association', attachmentId: 'tgw-attach-a', routeTableId: null }],
    });
    expect(layer(new ReachabilityEngine(off).check(flow), 'route').verdict).toBe('deny');
    expect(diffEstates(estate, off).transitGateways).toEqual([
      {
        id: 'tgw-attach-a',
        gatewayIds: ['tgw-1'],
        what: 'association',
        change: 'changed',
        text: `tgw-attach-a: associated with ${table}, now no route table`,
      },
    ]);
    const back = applyChange(off, {
      edits: [{ op: 'set-transit-gateway-association', attachmentId: 'tgw-attach-a', routeTableId: table }],
    });
    expect(new ReachabilityEngine(back).check(flow).allowed).toBe(true);
    expect(
      refusal(back, {
        edits: [{ op: 'set-transit-gateway-association', attachmentId: 'tgw-attach-a', routeTableId: table }],
      }),
    ).toBe(`CHANGE.json $.edits[0].routeTableId: tgw-attach-a is already associated with ${table}`);
    const unexported = await hub({ aRouteTable: undefined }).estate();
    expect(
      refusal(unexported, {
        edits: [{ op: 'set-transit-gateway-association', attachmentId: 'tgw-attach-a', routeTableId: table }],
      }),
    ).toBe(
      'CHANGE.json $.edits[0].attachmentId: which table tgw-attach-a is associated with is not in the snapshot: import describe-transit-gateway-attachments',
    );
  });

  it('refuses a table of another transit gateway, as AWS does', async () => {
    const other = 'tgw-rtb-0a0e0000000000001';
    const estate = await hub()
      .transitGatewayVpcAttachment('tgw-attach-x', 'tgw-2', 'vpc-b', {
        subnets: ['subnet-b2'],
        routeTableId: other,
      })
      .transitGatewayRoutes(other, [transitGatewayRoute('10.1.0.0/16', [['tgw-attach-x', 'vpc-b']])])
      .estate();
    const why = `CHANGE.json $.edits[0].routeTableId: ${other} is a table of tgw-2; tgw-attach-a is an attachment of tgw-1`;
    expect(
      refusal(estate, {
        edits: [{ op: 'set-transit-gateway-association', attachmentId: 'tgw-attach-a', routeTableId: other }],
      }),
    ).toBe(why);
    expect(
      refusal(estate, {
        edits: [
          {
            op: 'set-transit-gateway-propagation',
            attachmentId: 'tgw-attach-a',
            routeTableId: other,
            enabled: true,
          },
        ],
      }),
    ).toBe(why);
  });

  it('takes a VPC’s propagated ranges out of a table, and puts them back from the VPC’s CIDR blocks', async () => {
    const estate = await hub().estate();
    const stop = {
      op: 'set-transit-gateway-propagation' as const,
      attachmentId: 'tgw-attach-b',
      routeTableId: table,
    };
    const off = applyChange(estate, { edits: [{ ...stop, enabled: false }] });
    const verdict = new ReachabilityEngine(off).check(flow);
    expect(layer(verdict, 'route').verdict).toBe('deny');
    expect(diffEstates(estate, off).transitGateways).toEqual([
      {
        id: `${table} propagated 10.1.0.0/16`,
        gatewayIds: ['tgw-1'],
        what: 'routes',
        change: 'removed',
        text: `${table}: propagated route 10.1.0.0/16 → tgw-attach-b`,
      },
    ]);
    const ids = off.workloads.map((workload) => workload.id);
    expect(disagreements(computeFlowGraph(off), new ReachabilityEngine(off), ids, [['tcp', 443]])).toEqual(
      [],
    );
    const on = applyChange(off, { edits: [{ ...stop, enabled: true }] });
    expect(new ReachabilityEngine(on).check(flow).allowed).toBe(true);
    expect(refusal(on, { edits: [{ ...stop, enabled: true }] })).toBe(
      `CHANGE.json $.edits[0].enabled: tgw-attach-b already propagates to ${table}`,
    );
    expect(refusal(off, { edits: [{ ...stop, enabled: false }] })).toBe(
      `CHANGE.json $.edits[0].enabled: tgw-attach-b does not propagate to ${table}`,
    );
  });
});
