import fc from 'fast-check';
import { entriesJson, naclEntries, servers, sgPermission, traffic } from './arbitraries';
import { AwsExportBuilder, aclEntry, permission, propagatedRoute, route } from './exportBuilder';
import { addTransitGateway, transitGatewaySpec, zoneOfSubnet } from './transitGatewaySpec';

/**
 * Random small estates in the real export shapes, for the property tests: up to two VPCs of two
 * subnets each, ENIs, groups with random rules, ACLs, a peering, a transit gateway, a NAT gateway, an
 * endpoint, route tables; and flows to ask about them.
 */
type Json = Record<string, unknown>;

const vpcCidr = (vpc: number) => `10.${vpc}.0.0/16`;
const subnetCidr = (vpc: number, subnet: number) => `10.${vpc}.${subnet}.0/24`;
const eniIp = (vpc: number, subnet: number, index: number) => `10.${vpc}.${subnet}.${10 + index}`;

const routeSpec = fc.record({
  destination: fc.constantFrom(
    '10.0.0.0/16',
    '10.1.0.0/16',
    '10.0.1.0/24',
    '10.1.0.0/24',
    '10.0.0.0/8',
    '0.0.0.0/0',
    '0.0.0.0/0',
    '198.51.100.0/24',
  ),
  // vpce-gwlb routed by a CIDR is a Gateway Load Balancer endpoint: inspection, whose forwarding is unseen.
  target: fc.constantFrom(
    'pcx-01',
    'pcx-other',
    'igw-1',
    'igw-1',
    'tgw-1',
    'eni-fw',
    'vpce-gwlb',
    'nat-1',
    'nat-1',
    // A VPN or Direct Connect, or a Cloud WAN core network: beyond them, routing the export lacks.
    'vgw-1',
    'arn:aws:networkmanager::111122223333:core-network/core-network-0a1b2c3d4e5f60001',
  ),
  state: fc.constantFrom('active', 'active', 'blackhole'),
  /** A virtual private gateway's route may be propagated, beside a static one to the same prefix. */
  propagated: fc.boolean(),
});

export const estateSpec = fc.record({
  vpcs: fc.integer({ min: 1, max: 2 }),
  enis: fc.array(
    fc.record({
      vpc: fc.integer({ min: 0, max: 1 }),
      subnet: fc.integer({ min: 0, max: 1 }),
      groups: fc.subarray(['sg-0', 'sg-1', 'sg-2'], { minLength: 1 }),
      publicIp: fc.boolean(),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  groups: fc.array(
    fc.record({
      ingress: fc.array(sgPermission, { maxLength: 3 }),
      egress: fc.array(sgPermission, { maxLength: 3 }),
    }),
    {
      minLength: 3,
      maxLength: 3,
    },
  ),
  /** Per subnet: its own ACL, or none (then the VPC default, if any). */
  subnetAcls: fc.array(fc.option(fc.record({ out: naclEntries, in: naclEntries }), { freq: 4 }), {
    minLength: 4,
    maxLength: 4,
  }),
  defaultAcls: fc.array(fc.option(fc.record({ out: naclEntries, in: naclEntries })), {
    minLength: 2,
    maxLength: 2,
  }),
  peering: fc.option(fc.constantFrom('active', 'active', 'pending-acceptance', 'deleted')),
  /** tgw-1 between the two VPCs, when there are two, or not exported. */
  transit: fc.option(transitGatewaySpec, { freq: 2 }),
  /**
   * Whether every ACL ends in allow-all entries (rule 400, after the random ones) and every group lets
   * all traffic out: random rules alone deny almost everything, and allowed flows need testing too.
   */
  openAcls: fc.boolean(),
  openEgress: fc.boolean(),
  /** VPC Block Public Access of the Region, as each VPC's record prints it; or not printed. */
  blockPublicAccess: fc.option(fc.constantFrom('off', 'block-ingress', 'block-bidirectional'), { freq: 3 }),
  /**
   * describe-vpc-block-public-access-exclusions, or not exported: exclusions of the VPCs (`vpc-0`) and
   * subnets (`subnet-01`), in any mode and state.
   */
  exclusions: fc.option(
    fc.uniqueArray(
      fc.record({
        resource: fc.constantFrom('vpc-0', 'vpc-1', 'subnet-00', 'subnet-01', 'subnet-10', 'subnet-11'),
        mode: fc.constantFrom('allow-bidirectional', 'allow-egress'),
        state: fc.constantFrom('create-complete', 'update-complete', 'create-in-progress', 'delete-complete'),
      }),
      { maxLength: 3, selector: (exclusion) => exclusion.resource },
    ),
    { freq: 3 },
  ),
  /** nat-1's interface, in a subnet of vpc-0, public or private; or not exported. */
  nat: fc.option(fc.record({ subnet: fc.integer({ min: 0, max: 1 }), public: fc.boolean() }), { freq: 3 }),
  /** A transit gateway attachment's interface in a subnet of vpc-0. */
  transitGateway: fc.option(fc.integer({ min: 0, max: 1 }), { freq: 3 }),
  /** A Lambda function's Hyperplane interface in a subnet of vpc-0, with some of its groups. */
  lambda: fc.option(
    fc.record({
      subnet: fc.integer({ min: 0, max: 1 }),
      groups: fc.subarray(['sg-0', 'sg-1', 'sg-2'], { minLength: 1 }),
    }),
    { freq: 3 },
  ),
  /** A VPC endpoint's interface in a subnet of vpc-0 (an interface endpoint with groups, or a GWLB one). */
  endpoint: fc.option(
    fc.record({
      subnet: fc.integer({ min: 0, max: 1 }),
      gatewayLoadBalancer: fc.boolean(),
      groups: fc.subarray(['sg-0', 'sg-1', 'sg-2']),
    }),
    { freq: 3 },
  ),
  routeTables: fc.array(
    fc.record({
      main: fc.option(fc.array(routeSpec, { maxLength: 3 }), { freq: 3 }),
      explicit: fc.option(fc.array(routeSpec, { maxLength: 3 })),
      exported: fc.constantFrom(true, true, true, false),
      /** A default route added after the random ones, unless they already route 0.0.0.0/0. */
      mainDefault: fc.constantFrom(null, 'igw-1', 'nat-1', 'vpce-gwlb'),
      explicitDefault: fc.constantFrom(null, 'igw-1', 'nat-1', 'vpce-gwlb'),
      /** igw-1's own route table (ingress routing): its local route, and maybe a subnet sent to an appliance. */
      gateway: fc.option(
        fc.option(
          fc.record({
            subnet: fc.integer({ min: 0, max: 1 }),
            target: fc.constantFrom('vpce-gwlb', 'eni-fw'),
            state: fc.constantFrom('active', 'active', 'blackhole'),
          }),
        ),
        { freq: 3 },
      ),
    }),
    { minLength: 2, maxLength: 2 },
  ),
  flows: fc.array(
    fc.record({
      source: fc.nat(5),
      destination: fc.nat(5),
      traffic,
      server: fc.constantFrom(...servers),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});
export type EstateSpec = typeof estateSpec extends fc.Arbitrary<infer T> ? T : never;

type RouteSpec = { destination: string; target: string; state: string; propagated?: boolean };

/**
 * Routes with unique destinations per table, as AWS requires of static routes; a route a virtual
 * private gateway propagated may share its destination with a static one.
 */
function routesJson(specs: readonly RouteSpec[]): Json[] {
  const seen = new Set<string>();
  return specs.flatMap((spec) => {
    const propagated = spec.propagated === true && spec.target === 'vgw-1';
    const key = `${spec.destination}${propagated ? ' propagated' : ''}`;
    if (seen.has(key) || spec.destination === vpcCidr(0)) return [];
    seen.add(key);
    return [
      propagated
        ? propagatedRoute(spec.destination, spec.target, spec.state)
        : route(spec.destination, spec.target, spec.state),
    ];
  });
}

export function build(spec: EstateSpec): { builder: AwsExportBuilder; eniIds: string[] } {
  const builder = new AwsExportBuilder();
  const vpcs = Array.from({ length: spec.vpcs }, (_, vpc) => vpc);
  const subnets = [0, 1];
  for (const vpc of vpcs) {
    builder.vpc(`vpc-${vpc}`, vpcCidr(vpc));
    if (spec.blockPublicAccess !== null) builder.blockPublicAccess(`vpc-${vpc}`, spec.blockPublicAccess);
    for (const subnet of subnets)
      builder.subnet(
        `subnet-${vpc}${subnet}`,
        `vpc-${vpc}`,
        subnetCidr(vpc, subnet),
        undefined,
        zoneOfSubnet(subnet),
      );
  }
  if (spec.exclusions !== null) builder.blockPublicAccessExclusion();
  for (const { resource, mode, state } of spec.exclusions ?? [])
    builder.blockPublicAccessExclusion(resource, mode, state);
  const allOut = permission('-1', null, { cidrs: ['0.0.0.0/0'] });
  for (const [index, group] of spec.groups.entries()) {
    builder.group(
      `sg-${index}`,
      'vpc-0',
      spec.openEgress ? { ...group, egress: [...group.egress, allOut] } : group,
    );
  }
  const open = spec.openAcls
    ? [aclEntry(400, true, 'allow', 'all', '0.0.0.0/0'), aclEntry(400, false, 'allow', 'all', '0.0.0.0/0')]
    : [];
  builder.prefixList('pl-known', 'known', ['10.0.0.0/24']).prefixList('pl-unknown', 'unknown', null);
  const eniIds = spec.enis.map((eni, index) => {
    const vpc = eni.vpc % spec.vpcs;
    const { subnet } = eni;
    builder.eni(`eni-${index}`, `subnet-${vpc}${subnet}`, {
      ips: [eniIp(vpc, subnet, index)],
      groups: eni.groups,
      ...(eni.publicIp ? { publicIp: `54.0.0.${index}` } : {}),
    });
    return `eni-${index}`;
  });
  if (spec.nat) {
    builder.natGateway('nat-1', 'eni-nat', `subnet-0${spec.nat.subnet}`, {
      ip: eniIp(0, spec.nat.subnet, 50),
      ...(spec.nat.public ? { publicIp: '54.0.1.1' } : {}),
    });
  }
  if (spec.endpoint) {
    const { subnet, ...options } = spec.endpoint;
    builder.vpcEndpoint('vpce-1', 'eni-vpce', `subnet-0${subnet}`, { ip: eniIp(0, subnet, 60), ...options });
  }
  if (spec.lambda !== null) {
    const { subnet, groups } = spec.lambda;
    builder.lambdaInterface('orders-webhook', 'eni-fn', `subnet-0${subnet}`, {
      ip: eniIp(0, subnet, 80),
      groups,
    });
  }
  if (spec.transitGateway !== null) {
    const subnet = spec.transitGateway;
    builder.transitGatewayInterface('tgw-attach-1', 'eni-tgw', `subnet-0${subnet}`, {
      ip: eniIp(0, subnet, 70),
    });
  }
  for (const vpc of vpcs) {
    for (const subnet of subnets) {
      const acl = spec.subnetAcls[vpc * 2 + subnet];
      if (acl) {
        const entries = [...entriesJson(acl.out, true), ...entriesJson(acl.in, false), ...open];
        builder.acl(`acl-${vpc}${subnet}`, `vpc-${vpc}`, { subnets: [`subnet-${vpc}${subnet}`], entries });
      }
    }
    const fallback = spec.defaultAcls[vpc];
    if (fallback) {
      const entries = [...entriesJson(fallback.out, true), ...entriesJson(fallback.in, false), ...open];
      builder.acl(`acl-default-${vpc}`, `vpc-${vpc}`, { subnets: [], entries, isDefault: true });
    }
    const tables = spec.routeTables[vpc];
    if (tables?.exported) {
      const toGateway = spec.transit?.routed
        ? [{ destination: vpcCidr(1 - vpc), target: 'tgw-1', state: 'active' }]
        : [];
      const withDefault = (routes: readonly RouteSpec[], target: string | null) =>
        routesJson([
          ...toGateway,
          ...routes,
          ...(target === null ? [] : [{ destination: '0.0.0.0/0', target, state: 'active' }]),
        ]);
      if (tables.main) {
        const routes = withDefault(tables.main, tables.mainDefault);
        builder.routeTable(`rtb-main-${vpc}`, `vpc-${vpc}`, { main: true, routes });
      }
      if (tables.explicit) {
        builder.routeTable(`rtb-${vpc}0`, `vpc-${vpc}`, {
          subnets: [`subnet-${vpc}0`],
          routes: withDefault(tables.explicit, tables.explicitDefault),
        });
      }
      if (tables.gateway !== null) {
        const redirect = tables.gateway;
        builder.routeTable(`rtb-edge-${vpc}`, `vpc-${vpc}`, {
          gateways: ['igw-1'],
          routes:
            redirect === null
              ? []
              : [route(subnetCidr(vpc, redirect.subnet), redirect.target, redirect.state)],
        });
      }
    }
  }
  if (spec.vpcs === 2 && spec.peering) builder.peering('pcx-01', 'vpc-0', 'vpc-1', spec.peering);
  if (spec.transit) addTransitGateway(builder, spec.transit, spec.vpcs);
  return { builder, eniIds };
}
