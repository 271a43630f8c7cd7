import fc from 'fast-check';
import { entriesJson, naclEntries, prefixListIds, servers, sgPermission, traffic } from './arbitraries';
import { AwsExportBuilder, aclEntry, permission, propagatedRoute, route } from './exportBuilder';
import { addTransitGateway, transitGatewaySpec, zoneOfSubnet } from './transitGatewaySpec';

/**
 * Random small estates in the real export shapes, for the property tests: up to two VPCs of two
 * subnets each, with or without IPv6 blocks; ENIs with secondary and IPv6 addresses, some attached to
 * instances; groups with random rules, some of them read from describe-security-group-rules; ACLs,
 * prefix lists with and without their entries, a peering, a transit gateway, a NAT gateway, an
 * endpoint, route tables; and flows to ask about them, their ends named every way a query may name them.
 */
type Json = Record<string, unknown>;

const vpcCidr = (vpc: number) => `10.${vpc}.0.0/16`;
const subnetCidr = (vpc: number, subnet: number) => `10.${vpc}.${subnet}.0/24`;
const eniIp = (vpc: number, subnet: number, index: number) => `10.${vpc}.${subnet}.${10 + index}`;
const secondaryIp = (vpc: number, subnet: number, index: number) => `10.${vpc}.${subnet}.${100 + index}`;
// Apart like the IPv4 ranges: vpc-1's /56 is 2600:1f18:aa:100::/56, its subnets :100::/64 and :101::/64.
const vpcIpv6 = (vpc: number) => `2600:1f18:aa:${vpc}00::/56`;
const subnetIpv6 = (vpc: number, subnet: number) => `2600:1f18:aa:${vpc}0${subnet}::/64`;
const eniIpv6 = (vpc: number, subnet: number, index: number, nth: number) =>
  `2600:1f18:aa:${vpc}0${subnet}::${(16 + index * 16 + nth).toString(16)}`;

/**
 * How a flow names an ENI at one end: its id, its instance's id, or its first or second address of
 * the flow's family.
 */
const endpointForm = fc.constantFrom('eni', 'instance', 'first', 'second');
export type EndpointForm = typeof endpointForm extends fc.Arbitrary<infer T> ? T : never;

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
      secondary: fc.boolean(),
      /** How many IPv6 addresses, in an estate with IPv6. */
      ipv6: fc.constantFrom(0, 1, 1, 2),
      /** Attached to instance i-…0 or i-…1, as the next device index: or to none. */
      instance: fc.option(fc.integer({ min: 0, max: 1 })),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  /** Whether the VPCs, subnets and ACLs have IPv6 blocks and entries. */
  ipv6: fc.boolean(),
  /** Whether each instance's first ENI is at device index 0 of network card 1 (then its primary is the next). */
  secondCard: fc.boolean(),
  groups: fc.array(
    fc.record({
      ingress: fc.array(sgPermission, { maxLength: 3 }),
      egress: fc.array(sgPermission, { maxLength: 3 }),
      /**
       * Rules printed by describe-security-group-rules, which replace the group's IpPermissions: these
       * then differ from them, as in an export taken over a change.
       */
      described: fc.option(
        fc.record({
          ingress: fc.array(sgPermission, { maxLength: 2 }),
          egress: fc.array(sgPermission, { maxLength: 2 }),
        }),
        { freq: 2 },
      ),
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
  /** The customer lists' entries files (get-managed-prefix-list-entries), each exported or not. */
  prefixListEntries: fc.record({
    customer4: fc.option(fc.subarray(['10.0.0.0/24', '10.1.0.96/27', '10.0.1.101/32', '198.51.100.0/25'])),
    customer6: fc.option(fc.subarray(['2600:1f18:aa:1::/64', '2600:1f18:aa:100::/56'])),
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
  /** Whether sg-0 also admits everything from the VPCs' ranges, IPv4 and IPv6. */
  openIngress: fc.boolean(),
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
      /** The other VPC's IPv6 block, in an estate with IPv6: over the peering, or to where it ends. */
      otherVpcIpv6: fc.option(
        fc.record({
          target: fc.constantFrom('pcx-01', 'pcx-01', 'pcx-other', 'tgw-1', 'eni-fw', 'vgw-1'),
          state: fc.constantFrom('active', 'active', 'blackhole'),
        }),
      ),
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
      sourceForm: endpointForm,
      destinationForm: endpointForm,
      /** Whether ends named by an address are named by an IPv6 one. */
      ipv6: fc.boolean(),
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

/** An ENI of the estate and every name a flow may give it. */
export interface RandomEndpoint {
  readonly id: string;
  readonly instance: string | null;
  readonly primary: string;
  readonly secondary: string | null;
  readonly ipv6: readonly string[];
}

/** The name `form` gives the ENI in a flow of the given family, or its id where it has no such name. */
export function endpointName(endpoint: RandomEndpoint, form: EndpointForm, ipv6: boolean): string {
  if (form === 'instance') return endpoint.instance ?? endpoint.id;
  if (form === 'eni') return endpoint.id;
  const addresses = ipv6
    ? endpoint.ipv6
    : [endpoint.primary, ...(endpoint.secondary ? [endpoint.secondary] : [])];
  return (form === 'second' ? addresses[1] : undefined) ?? addresses[0] ?? endpoint.id;
}

/** Rule numbers for the allow-all entries, after (almost) every random one: the highest that are free. */
function freeNumbers(entries: readonly { ruleNumber: number }[], count: number): number[] {
  const taken = new Set(entries.map((entry) => entry.ruleNumber));
  const free: number[] = [];
  for (let number = 32766; free.length < count; number--) if (!taken.has(number)) free.push(number);
  return free;
}

export function build(spec: EstateSpec): {
  builder: AwsExportBuilder;
  eniIds: string[];
  endpoints: RandomEndpoint[];
} {
  const builder = new AwsExportBuilder();
  const vpcs = Array.from({ length: spec.vpcs }, (_, vpc) => vpc);
  const subnets = [0, 1];
  for (const vpc of vpcs) {
    builder.vpc(`vpc-${vpc}`, vpcCidr(vpc));
    if (spec.ipv6) builder.vpcIpv6(`vpc-${vpc}`, vpcIpv6(vpc), 'public');
    if (spec.blockPublicAccess !== null) builder.blockPublicAccess(`vpc-${vpc}`, spec.blockPublicAccess);
    for (const subnet of subnets)
      builder.subnet(
        `subnet-${vpc}${subnet}`,
        `vpc-${vpc}`,
        subnetCidr(vpc, subnet),
        spec.ipv6 ? subnetIpv6(vpc, subnet) : undefined,
        zoneOfSubnet(subnet),
      );
  }
  if (spec.exclusions !== null) builder.blockPublicAccessExclusion();
  for (const { resource, mode, state } of spec.exclusions ?? [])
    builder.blockPublicAccessExclusion(resource, mode, state);
  const allOut = permission('-1', null, { cidrs: ['0.0.0.0/0'], ipv6: spec.ipv6 ? ['::/0'] : [] });
  const allIn = permission('-1', null, { cidrs: ['10.0.0.0/8'], ipv6: ['2600:1f18:aa::/48'] });
  const opened = (index: number, rules: { ingress: Json[]; egress: Json[] }) => ({
    ingress: spec.openIngress && index === 0 ? [...rules.ingress, allIn] : rules.ingress,
    egress: spec.openEgress ? [...rules.egress, allOut] : rules.egress,
  });
  for (const [index, { described, ...group }] of spec.groups.entries()) {
    builder.group(`sg-${index}`, 'vpc-0', opened(index, group));
    if (described) builder.securityGroupRules(`sg-${index}`, opened(index, described));
  }
  const withOpen = (entries: EstateSpec['subnetAcls'][number] & object, egress: boolean) => {
    const mine = (egress ? entries.out : entries.in).filter(
      (entry) => spec.ipv6 || !entry.cidr.includes(':'),
    );
    if (!spec.openAcls) return entriesJson(mine, egress);
    const [four = 0, six = 0] = freeNumbers(mine, 2);
    return [
      ...entriesJson(mine, egress),
      aclEntry(four, egress, 'allow', 'all', '0.0.0.0/0'),
      ...(spec.ipv6 ? [aclEntry(six, egress, 'allow', 'all', '::/0')] : []),
    ];
  };
  builder
    .managedPrefixList(prefixListIds.customer4, 'office', 'IPv4')
    .managedPrefixList(prefixListIds.customer6, 'office-v6', 'IPv6')
    .managedPrefixList(prefixListIds.s3, 'com.amazonaws.eu-west-1.s3', 'IPv4')
    .managedPrefixList(prefixListIds.s3v6, 'com.amazonaws.eu-west-1.ipv6.s3', 'IPv6');
  const { customer4, customer6 } = spec.prefixListEntries;
  if (customer4 !== null) builder.prefixListEntries(prefixListIds.customer4, customer4);
  if (customer6 !== null) builder.prefixListEntries(prefixListIds.customer6, customer6);
  const onInstance = [0, 0];
  const endpoints = spec.enis.map((eni, index): RandomEndpoint => {
    const vpc = eni.vpc % spec.vpcs;
    const { subnet } = eni;
    const id = `eni-${index}`;
    const ips = [eniIp(vpc, subnet, index), ...(eni.secondary ? [secondaryIp(vpc, subnet, index)] : [])];
    const ipv6 = spec.ipv6
      ? Array.from({ length: eni.ipv6 }, (_, nth) => eniIpv6(vpc, subnet, index, nth))
      : [];
    let instance: readonly [string, number, number] | undefined;
    if (eni.instance !== null) {
      const position = onInstance[eni.instance] ?? 0;
      onInstance[eni.instance] = position + 1;
      const instanceId = `i-0aa00000000000${eni.instance}`;
      instance =
        spec.secondCard && position === 0
          ? [instanceId, 0, 1]
          : [instanceId, spec.secondCard ? position - 1 : position, 0];
    }
    builder.eni(id, `subnet-${vpc}${subnet}`, {
      ips,
      ipv6,
      groups: eni.groups,
      ...(eni.publicIp ? { publicIp: `54.0.0.${index}` } : {}),
      ...(instance ? { instance } : {}),
    });
    return {
      id,
      instance: instance?.[0] ?? null,
      primary: ips[0] as string,
      secondary: ips[1] ?? null,
      ipv6,
    };
  });
  const eniIds = endpoints.map((endpoint) => endpoint.id);
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
        const entries = [...withOpen(acl, true), ...withOpen(acl, false)];
        builder.acl(`acl-${vpc}${subnet}`, `vpc-${vpc}`, {
          subnets: [`subnet-${vpc}${subnet}`],
          entries,
          ipv6: spec.ipv6,
        });
      }
    }
    const fallback = spec.defaultAcls[vpc];
    if (fallback) {
      const entries = [...withOpen(fallback, true), ...withOpen(fallback, false)];
      builder.acl(`acl-default-${vpc}`, `vpc-${vpc}`, {
        subnets: [],
        entries,
        isDefault: true,
        ipv6: spec.ipv6,
      });
    }
    const tables = spec.routeTables[vpc];
    if (tables?.exported) {
      const toGateway = spec.transit?.routed
        ? [{ destination: vpcCidr(1 - vpc), target: 'tgw-1', state: 'active' }]
        : [];
      const otherVpc =
        spec.ipv6 && spec.vpcs === 2 && tables.otherVpcIpv6 !== null
          ? [{ destination: vpcIpv6(1 - vpc), ...tables.otherVpcIpv6 }]
          : [];
      const withDefault = (routes: readonly RouteSpec[], target: string | null) =>
        routesJson([
          ...toGateway,
          ...routes,
          ...otherVpc,
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
  return { builder, eniIds, endpoints };
}
