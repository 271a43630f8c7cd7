import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateBySegment, computeFlowGraph } from '../../../../main/core/analysis/flowGraph';
import { ReachabilityEngine } from '../../../../main/core/analysis/reachability';
import { segmentEdgesByDefinition, unpackSegmentEdges } from '../../helpers/segmentEdges';
import { AwsExportBuilder, aclEntry, permission, route } from '../exportBuilder';
import { addTransitGateway, transitGatewaySpec, zoneOfSubnet } from '../transitGatewaySpec';
import { disagreements } from './graphVerdict';

/**
 * Random small estates, imported from export JSON: for every ordered pair of ENIs and a sample of
 * traffic, the graph's verdict must be the engine's.
 */
type Json = Record<string, unknown>;

const edgePorts = [0, 22, 80, 443, 1023, 1024, 5432, 65535];
const port = fc.constantFrom(...edgePorts);
const range = fc.tuple(port, port).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
const icmp = fc.constantFrom<[number, number]>([-1, -1], [8, -1], [3, 4], [0, -1]);
// Addresses ENIs get (below), so that /32s and /31s split subnets.
const cidr = fc.constantFrom(
  '0.0.0.0/0',
  '10.0.0.0/16',
  '10.1.0.0/16',
  '10.0.0.0/24',
  '10.0.1.0/24',
  '10.0.0.10/32',
  '10.0.1.12/31',
  '10.1.0.12/30',
);
const peer = fc.oneof(
  cidr.map((one) => ({ cidrs: [one] })),
  fc.constantFrom('sg-0', 'sg-1', 'sg-2').map((group) => ({ groups: [group] })),
  fc.constantFrom('pl-known', 'pl-unknown', 'pl-aws').map((list) => ({ prefixLists: [list] })),
);
const rule = fc
  .tuple(fc.constantFrom('-1', 'tcp', 'udp', 'icmp', '50'), range, icmp, peer)
  .map(([protocol, ports, typeCode, to]) =>
    permission(
      protocol,
      protocol === 'icmp' ? typeCode : protocol === '-1' || protocol === '50' ? null : ports,
      to,
    ),
  );
const entries = fc
  .array(
    fc.record({
      action: fc.constantFrom('allow' as const, 'deny' as const),
      protocol: fc.constantFrom('all', 'tcp', 'udp', 'icmp'),
      cidr,
      ports: range,
      icmp,
    }),
    { maxLength: 4 },
  )
  .map(
    (list) => (egress: boolean) =>
      list.map((entry, at) =>
        aclEntry((at + 1) * 10, egress, entry.action, entry.protocol, entry.cidr, {
          ...(entry.protocol === 'tcp' || entry.protocol === 'udp' ? { ports: entry.ports } : {}),
          ...(entry.protocol === 'icmp' ? { icmp: entry.icmp } : {}),
        }),
      ),
  );
const routes = fc.array(
  fc.record({
    destination: fc.constantFrom('10.1.0.0/16', '10.0.0.0/16', '10.0.1.0/24', '10.1.0.12/30', 'pl-known'),
    target: fc.constantFrom('pcx-1', 'igw-1', 'tgw-1'),
  }),
  { maxLength: 2 },
);

const spec = fc.record({
  enis: fc.array(
    fc.record({
      vpc: fc.integer({ min: 0, max: 1 }),
      subnet: fc.integer({ min: 0, max: 1 }),
      groups: fc.subarray(['sg-0', 'sg-1', 'sg-2']),
    }),
    { minLength: 2, maxLength: 7 },
  ),
  groups: fc.array(
    fc.record({ ingress: fc.array(rule, { maxLength: 3 }), egress: fc.array(rule, { maxLength: 3 }) }),
    {
      minLength: 3,
      maxLength: 3,
    },
  ),
  acls: fc.array(fc.option(fc.record({ out: entries, in: entries }), { freq: 4 }), {
    minLength: 4,
    maxLength: 4,
  }),
  peering: fc.option(fc.constantFrom('active', 'deleted'), { freq: 3 }),
  transit: fc.option(transitGatewaySpec, { freq: 2 }),
  /** A NAT gateway's interface: no group, and no connection opened to it. */
  nat: fc.option(fc.record({ vpc: fc.integer({ min: 0, max: 1 }), subnet: fc.integer({ min: 0, max: 1 }) })),
  routeTables: fc.array(fc.option(routes, { freq: 2 }), { minLength: 2, maxLength: 2 }),
  /** A transit gateway attachment's interface: no group, and no connection starts or ends there. */
  transitGateway: fc.option(fc.integer({ min: 0, max: 1 })),
  /** A Lambda function's interface: no connection ends there, whatever its groups admit. */
  lambda: fc.option(
    fc.record({
      subnet: fc.integer({ min: 0, max: 1 }),
      groups: fc.subarray(['sg-0', 'sg-1', 'sg-2'], { minLength: 1 }),
    }),
  ),
  /** A VPC endpoint's interface: no connection starts from it, whatever its groups let out. */
  endpoint: fc.option(
    fc.record({
      subnet: fc.integer({ min: 0, max: 1 }),
      gatewayLoadBalancer: fc.boolean(),
      groups: fc.subarray(['sg-0', 'sg-1', 'sg-2']),
    }),
  ),
});

function build(estate: typeof spec extends fc.Arbitrary<infer T> ? T : never): AwsExportBuilder {
  const builder = new AwsExportBuilder()
    .prefixList('pl-known', 'known', ['10.0.0.0/24', '10.1.0.12/31'])
    .prefixList('pl-unknown', 'corp', null)
    .prefixList('pl-aws', 'com.amazonaws.eu-west-1.s3', null);
  for (const vpc of [0, 1]) {
    builder.vpc(`vpc-${vpc}`, `10.${vpc}.0.0/16`);
    for (const subnet of [0, 1]) {
      builder.subnet(
        `subnet-${vpc}${subnet}`,
        `vpc-${vpc}`,
        `10.${vpc}.${subnet}.0/24`,
        undefined,
        zoneOfSubnet(subnet),
      );
      const acl = estate.acls[vpc * 2 + subnet];
      const rows: Json[] = acl ? [...acl.out(true), ...acl.in(false)] : [];
      if (acl)
        builder.acl(`acl-${vpc}${subnet}`, `vpc-${vpc}`, {
          subnets: [`subnet-${vpc}${subnet}`],
          entries: rows,
        });
    }
    const table = estate.routeTables[vpc];
    if (table) {
      const unique = table.filter(
        (one, at) => table.findIndex((other) => other.destination === one.destination) === at,
      );
      const own = unique.filter((one) => one.destination !== `10.${vpc}.0.0/16`);
      const other = `10.${1 - vpc}.0.0/16`;
      const toGateway = estate.transit?.routed && !own.some((one) => one.destination === other);
      builder.routeTable(`rtb-${vpc}`, `vpc-${vpc}`, {
        main: true,
        routes: [
          ...(toGateway ? [route(other, 'tgw-1')] : []),
          ...own.map((one) => route(one.destination, one.target)),
        ],
      });
    }
  }
  estate.groups.forEach((group, at) => {
    builder.group(`sg-${at}`, 'vpc-0', group);
  });
  estate.enis.forEach((eni, at) => {
    // Two ENIs per subnet share the low addresses the CIDRs above name.
    builder.eni(`eni-${at}`, `subnet-${eni.vpc}${eni.subnet}`, {
      ips: [`10.${eni.vpc}.${eni.subnet}.${10 + (at % 4)}`],
      groups: eni.groups,
    });
  });
  if (estate.peering) builder.peering('pcx-1', 'vpc-0', 'vpc-1', estate.peering);
  if (estate.transit) addTransitGateway(builder, estate.transit, 2);
  if (estate.nat) {
    const { vpc, subnet } = estate.nat;
    builder.natGateway('nat-1', 'eni-nat', `subnet-${vpc}${subnet}`, { ip: `10.${vpc}.${subnet}.20` });
  }
  if (estate.endpoint) {
    const { subnet, ...options } = estate.endpoint;
    builder.vpcEndpoint('vpce-1', 'eni-vpce', `subnet-0${subnet}`, { ip: `10.0.${subnet}.30`, ...options });
  }
  if (estate.lambda) {
    const { subnet, groups } = estate.lambda;
    builder.lambdaInterface('orders-webhook', 'eni-fn', `subnet-0${subnet}`, {
      ip: `10.0.${subnet}.50`,
      groups,
    });
  }
  if (estate.transitGateway !== null) {
    const subnet = estate.transitGateway;
    builder.transitGatewayInterface('tgw-attach-1', 'eni-tgw', `subnet-1${subnet}`, {
      ip: `10.1.${subnet}.40`,
    });
  }
  return builder;
}

const traffic = [
  ...[0, 22, 80, 443, 1023, 1024, 5432, 5433, 65535].map((one) => ['tcp', one] as const),
  ...[22, 53, 443, 1024, 65535].map((one) => ['udp', one] as const),
  ...[0, 3, 8, 255].map((one) => ['icmp', one] as const),
];
/** Protocols no rule names are not in the graph (see docs/semantics/aws.md): 50 is checked when one does. */
const protocol50 = [['50', null] as const];

describe('the flow graph against the reachability engine', () => {
  it('gives every workload pair the engine’s verdict', async () => {
    await fc.assert(
      fc.asyncProperty(spec, async (one) => {
        const estate = await build(one).estate();
        const ids = estate.workloads.map((workload) => workload.id);
        const graph = computeFlowGraph(estate);
        const named = estate.securityGroupRules.some((rule) => rule.protocol === '50');
        const checked = named ? [...traffic, ...protocol50] : traffic;
        expect(disagreements(graph, new ReachabilityEngine(estate), ids, checked)).toEqual([]);
        // The views' segment graph sums the same edges by group, in the order first met.
        expect(unpackSegmentEdges(aggregateBySegment(estate, graph))).toEqual(
          segmentEdgesByDefinition(graph),
        );
      }),
      { numRuns: 150 },
    );
  });
});
