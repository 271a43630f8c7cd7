/**
 * A second, deliberately naive reading of the AWS semantics in docs/semantics/aws.md, working on the
 * raw describe-* JSON and sharing no code with the engine: the property test holds the two against
 * each other. IPv4 only, endpoints by ENI id. Each port is walked on its own, never as port sets.
 */
// biome-ignore lint/suspicious/noExplicitAny: raw export JSON, walked as AWS prints it; the importer has already accepted it.
type Json = Record<string, any>;
type Outcome = 'allow' | 'deny' | 'unknown' | 'not-applicable';
type Match = 'yes' | 'maybe' | 'no';

export interface BruteFlow {
  readonly source: string;
  readonly destination: string;
  readonly protocol: 'tcp' | 'udp' | 'icmp' | '50';
  readonly port: number | null;
}

export type BruteLayers = Record<
  'route' | 'sg-egress' | 'nacl-outbound' | 'nacl-inbound' | 'sg-ingress' | 'nacl-reply',
  Outcome
>;

const names: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };
const normal = (protocol: string) => names[protocol] ?? protocol;

function ipNumber(ip: string): number {
  return ip.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function inCidr(cidr: string, ip: string): boolean {
  if (cidr.includes(':')) return false;
  const [network = '', length = '0'] = cidr.split('/');
  const size = 2 ** (32 - Number(length));
  return Math.floor(ipNumber(network) / size) === Math.floor(ipNumber(ip) / size);
}

function all(docs: Record<string, Json>, key: string): Json[] {
  return Object.values(docs).flatMap((document) => document[key] ?? []);
}

export function bruteForce(docs: Record<string, Json>, flow: BruteFlow): BruteLayers {
  const enis = all(docs, 'NetworkInterfaces');
  const src = enis.find((eni) => eni.NetworkInterfaceId === flow.source) as Json;
  const dst = enis.find((eni) => eni.NetworkInterfaceId === flow.destination) as Json;
  const point = flow.port ?? 0;
  const sameSubnet = src.SubnetId === dst.SubnetId;
  const na = 'not-applicable' as const;
  return {
    route: routeOutcome(docs, src, dst),
    'sg-egress': sgOutcome(docs, src, 'IpPermissionsEgress', peerOf(dst), flow.protocol, point),
    'nacl-outbound': sameSubnet ? na : aclOutcome(docs, src, true, ip(dst), flow.protocol, point),
    'nacl-inbound': sameSubnet ? na : aclOutcome(docs, dst, false, ip(src), flow.protocol, point),
    'sg-ingress': sgOutcome(docs, dst, 'IpPermissions', peerOf(src), flow.protocol, point),
    'nacl-reply': sameSubnet ? na : replyOutcome(docs, src, dst, flow.protocol, point),
  };
}

export function overall(layers: BruteLayers): true | false | 'unknown' {
  const values = Object.values(layers);
  if (values.includes('deny')) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

const ip = (eni: Json): string => eni.PrivateIpAddress;

/** The other end as a rule sees it: its address, and its groups (none for an address on the internet). */
interface Peer {
  readonly ip: string;
  readonly groupIds: readonly string[];
}
const peerOf = (eni: Json): Peer => ({
  ip: ip(eni),
  groupIds: eni.Groups.map((group: Json) => group.GroupId),
});

// --- security groups -------------------------------------------------------------------------------

function sgOutcome(
  docs: Record<string, Json>,
  own: Json,
  list: string,
  peer: Peer,
  protocol: string,
  point: number,
): Outcome {
  // A NAT gateway takes no connection opened to it, and has no group to say otherwise. Nor does a
  // transit gateway's interface, which only routes other networks' traffic.
  const router = own.InterfaceType === 'transit_gateway';
  if (list === 'IpPermissions' && (own.InterfaceType === 'nat_gateway' || router)) return 'deny';
  // An endpoint opens nothing itself: it carries others' connections and their replies.
  const endpoint = ['vpc_endpoint', 'gateway_load_balancer_endpoint'].includes(own.InterfaceType);
  if (list === 'IpPermissionsEgress' && (endpoint || router)) return 'deny';
  if (own.Groups.length === 0) return 'not-applicable';
  const groups = all(docs, 'SecurityGroups');
  let best: Match = 'no';
  for (const { GroupId } of own.Groups) {
    const group = groups.find((candidate) => candidate.GroupId === GroupId) as Json;
    for (const permission of group[list]) {
      const ports = permissionPorts(permission, protocol, point);
      if (ports === 'no') continue;
      for (const peerMatch of peerMatches(docs, permission, peer)) {
        const match = ports === 'yes' && peerMatch === 'yes' ? 'yes' : peerMatch === 'no' ? 'no' : 'maybe';
        if (match === 'yes') return 'allow';
        if (match === 'maybe') best = 'maybe';
      }
    }
  }
  return best === 'maybe' ? 'unknown' : 'deny';
}

/** Echo, timestamp, information and address-mask messages, requests and replies: RFC 792, RFC 950. */
const queryReply = new Map([
  [8, 0],
  [13, 14],
  [15, 16],
  [17, 18],
]);
const codeZeroOnly = new Set([...queryReply.keys(), ...queryReply.values()]);

/** A rule naming one code of the flow's type: a query or a reply always has code 0; other types may have any. */
function codeMatch(type: number, code: number): Match {
  if (code === -1) return 'yes';
  if (codeZeroOnly.has(type)) return code === 0 ? 'yes' : 'no';
  return 'maybe';
}

function permissionPorts(permission: Json, protocol: string, point: number): Match {
  const ruleProtocol = normal(permission.IpProtocol);
  if (ruleProtocol === '-1') return 'yes';
  if (ruleProtocol !== protocol) return 'no';
  if (protocol === 'tcp' || protocol === 'udp') {
    return permission.FromPort <= point && point <= permission.ToPort ? 'yes' : 'no';
  }
  if (protocol === 'icmp') {
    if (permission.FromPort === -1) return 'yes';
    if (permission.FromPort !== point) return 'no';
    return codeMatch(point, permission.ToPort);
  }
  return 'yes';
}

function peerMatches(docs: Record<string, Json>, permission: Json, peer: Peer): Match[] {
  const lists = all(docs, 'PrefixLists');
  return [
    ...permission.IpRanges.map((range: Json): Match => (inCidr(range.CidrIp, peer.ip) ? 'yes' : 'no')),
    ...permission.Ipv6Ranges.map((): Match => 'no'),
    ...permission.UserIdGroupPairs.map(
      (pair: Json): Match => (peer.groupIds.includes(pair.GroupId) ? 'yes' : 'no'),
    ),
    ...permission.PrefixListIds.map((ref: Json): Match => {
      const list = lists.find((candidate) => candidate.PrefixListId === ref.PrefixListId);
      if (list === undefined || list.Cidrs === undefined) return 'maybe';
      return list.Cidrs.some((cidr: string) => inCidr(cidr, peer.ip)) ? 'yes' : 'no';
    }),
  ];
}

// --- network ACLs ----------------------------------------------------------------------------------

function aclOf(docs: Record<string, Json>, eni: Json): Json | undefined {
  const acls = all(docs, 'NetworkAcls');
  return (
    acls.find((acl) => acl.Associations.some((association: Json) => association.SubnetId === eni.SubnetId)) ??
    acls.find((acl) => acl.IsDefault && acl.VpcId === eni.VpcId)
  );
}

/** First match for one port: every action an uncertain entry before the first sure match might take, and that match's. */
function walk(acl: Json, egress: boolean, peerIp: string, protocol: string, point: number): Outcome {
  const entries = acl.Entries.filter((entry: Json) => entry.Egress === egress).sort(
    (a: Json, b: Json) => a.RuleNumber - b.RuleNumber,
  );
  const possible = new Set<string>();
  for (const entry of entries) {
    if (entry.CidrBlock === undefined || !inCidr(entry.CidrBlock, peerIp)) continue;
    const match = entryPorts(entry, protocol, point);
    if (match === 'no') continue;
    possible.add(entry.RuleAction);
    if (match === 'yes') break;
  }
  if (possible.size === 0) possible.add('deny');
  if (possible.size > 1) return 'unknown';
  return possible.has('allow') ? 'allow' : 'deny';
}

function entryPorts(entry: Json, protocol: string, point: number): Match {
  const entryProtocol = normal(entry.Protocol);
  if (entryProtocol === '-1') return 'yes';
  if (entryProtocol !== protocol) return 'no';
  if (protocol === 'tcp' || protocol === 'udp') {
    const range = entry.PortRange;
    return range === undefined || (range.From <= point && point <= range.To) ? 'yes' : 'no';
  }
  if (protocol === 'icmp') {
    const icmp = entry.IcmpTypeCode;
    if (icmp === undefined || icmp.Type === -1) return 'yes';
    if (icmp.Type !== point) return 'no';
    return codeMatch(point, icmp.Code);
  }
  return 'yes';
}

function aclOutcome(
  docs: Record<string, Json>,
  own: Json,
  egress: boolean,
  peerIp: string,
  protocol: string,
  point: number,
): Outcome {
  const acl = aclOf(docs, own);
  return acl === undefined ? 'unknown' : walk(acl, egress, peerIp, protocol, point);
}

/**
 * Whether an entry matches a port changes only at a range's From or To+1, so between two consecutive
 * such breakpoints (and 1024, where client ports start) every port fares alike: trying each breakpoint
 * in 1024-65535 is the same as trying all 64512 client ports.
 */
function replyOutcome(
  docs: Record<string, Json>,
  src: Json,
  dst: Json,
  protocol: string,
  point: number,
): Outcome {
  const out = aclOf(docs, dst);
  const back = aclOf(docs, src);
  return replyThrough(
    [
      [out, true, ip(src)],
      [back, false, ip(dst)],
    ],
    protocol,
    point,
  );
}

// --- routing ---------------------------------------------------------------------------------------

function routeOutcome(docs: Record<string, Json>, src: Json, dst: Json): Outcome {
  let peering: string | null = null;
  if (src.VpcId !== dst.VpcId) {
    const active = all(docs, 'VpcPeeringConnections').find(
      (candidate) =>
        candidate.Status.Code === 'active' &&
        [candidate.RequesterVpcInfo.VpcId, candidate.AccepterVpcInfo.VpcId].sort().join() ===
          [src.VpcId, dst.VpcId].sort().join(),
    );
    if (active === undefined) return 'deny';
    peering = active.VpcPeeringConnectionId;
  }
  const legs = [routeLeg(docs, src, ip(dst), peering), routeLeg(docs, dst, ip(src), peering)];
  if (legs.includes('deny')) return 'deny';
  return legs.includes('unknown') ? 'unknown' : 'allow';
}

function routeLeg(docs: Record<string, Json>, from: Json, to: string, peering: string | null): Outcome {
  const tables = all(docs, 'RouteTables').filter((table) => table.VpcId === from.VpcId);
  if (tables.length === 0) return 'allow';
  const table =
    tables.find((candidate) =>
      candidate.Associations.some((association: Json) => association.SubnetId === from.SubnetId),
    ) ??
    tables.find((candidate) => candidate.Associations.some((association: Json) => association.Main === true));
  if (table === undefined) return 'unknown';
  const best = longestRoute(table, to);
  if (best === undefined || best.State !== 'active') return 'deny';
  const target = targetOf(best);
  if (peering === null) return target === 'local' ? 'allow' : 'unknown';
  if (target === peering) return 'allow';
  if (target.startsWith('pcx-') || target === 'local' || target.startsWith('igw-')) return 'deny';
  return 'unknown';
}

function targetOf(route: Json): string {
  return (
    route.GatewayId ??
    route.NatGatewayId ??
    route.VpcPeeringConnectionId ??
    route.TransitGatewayId ??
    route.NetworkInterfaceId
  );
}

// --- flows to the internet ------------------------------------------------------------------------

export interface BruteInternetFlow {
  readonly source: string;
  /** An IPv4 address on the internet. */
  readonly server: string;
  readonly protocol: BruteFlow['protocol'];
  readonly port: number | null;
}

/** The route table a subnet uses: its own association, else its VPC's main table; null when not exported. */
function tableOf(docs: Record<string, Json>, eni: Json): Json | null | 'missing' {
  const tables = all(docs, 'RouteTables').filter((table) => table.VpcId === eni.VpcId);
  if (tables.length === 0) return null;
  return (
    tables.find((table) =>
      table.Associations.some((association: Json) => association.SubnetId === eni.SubnetId),
    ) ??
    tables.find((table) => table.Associations.some((association: Json) => association.Main === true)) ??
    'missing'
  );
}

/** The most specific route of the eni's table toward an address, or what stands for it. */
function routeToward(docs: Record<string, Json>, eni: Json, address: string): Json | 'unknown' | 'none' {
  const table = tableOf(docs, eni);
  if (table === null || table === 'missing') return 'unknown';
  return longestRoute(table, address) ?? 'none';
}

/** The table's most specific CIDR route holding the address. */
function longestRoute(table: Json, address: string): Json | undefined {
  const matching = table.Routes.filter(
    (route: Json) => route.DestinationCidrBlock !== undefined && inCidr(route.DestinationCidrBlock, address),
  );
  if (matching.length === 0) return undefined;
  return matching.reduce((a: Json, b: Json) =>
    Number(b.DestinationCidrBlock.split('/')[1]) > Number(a.DestinationCidrBlock.split('/')[1]) ? b : a,
  );
}

/** The NAT gateway's interface, found by the gateway id AWS writes in its description. */
function natInterface(docs: Record<string, Json>, natId: string): Json | undefined {
  return all(docs, 'NetworkInterfaces').find(
    (eni) => eni.InterfaceType === 'nat_gateway' && String(eni.Description).endsWith(natId),
  );
}

/**
 * `gotOut`: whether the request reaches the internet; `route` also asks whether the replies come back
 * in, through the internet gateway's own route table.
 */
function internetRoute(
  docs: Record<string, Json>,
  src: Json,
  server: string,
): { route: Outcome; gotOut: Outcome; nat: Json | null } {
  const stopped = (outcome: Outcome, nat: Json | null = null) => ({ route: outcome, gotOut: outcome, nat });
  const out = (eni: Json, gateway: string, nat: Json | null) => ({
    route: throughGateway(docs, eni, gateway) ?? 'allow',
    gotOut: 'allow' as const,
    nat,
  });
  const best = routeToward(docs, src, server);
  if (best === 'unknown') return stopped('unknown');
  if (best === 'none' || best.State !== 'active') return stopped('deny');
  const target = targetOf(best);
  if (target.startsWith('igw-')) return src.Association?.PublicIp ? out(src, target, null) : stopped('deny');
  if (target.startsWith('pcx-') || target === 'local') return stopped('deny');
  if (!target.startsWith('nat-')) return stopped('unknown');
  const nat = natInterface(docs, target);
  if (nat === undefined) return stopped('unknown');
  if (!nat.Association?.PublicIp) return stopped('deny', nat);
  const onward = routeToward(docs, nat, server);
  if (onward === 'unknown') return stopped('unknown', nat);
  if (onward === 'none' || onward.State !== 'active') return stopped('deny', nat);
  const next = targetOf(onward);
  if (next.startsWith('igw-')) return out(nat, next, nat);
  const dropped = next === 'local' || next.startsWith('nat-') || next.startsWith('pcx-');
  return stopped(dropped ? 'deny' : 'unknown', nat);
}

/**
 * Targets that hand traffic to something the export does not show: a transit gateway, an appliance's
 * interface, or a vpce- endpoint routed by a CIDR (a Gateway Load Balancer endpoint; a gateway endpoint
 * is only ever routed by its service's prefix list).
 */
function passedOn(route: Json): boolean {
  const target = targetOf(route);
  return (
    target.startsWith('tgw-') ||
    target.startsWith('eni-') ||
    (target.startsWith('vpce-') && route.DestinationPrefixListId === undefined)
  );
}

/**
 * Traffic entering through the gateway toward the ENI's primary address, by the gateway's own route
 * table if its VPC associates one with it: the local route delivers, a blackhole drops, anything else
 * is an appliance. Null without such a table.
 */
function throughGateway(docs: Record<string, Json>, eni: Json, gateway: string): Outcome | null {
  const table = all(docs, 'RouteTables').find(
    (candidate) =>
      candidate.VpcId === eni.VpcId &&
      candidate.Associations.some((association: Json) => association.GatewayId === gateway),
  );
  if (table === undefined) return null;
  const best = longestRoute(table, ip(eni));
  if (best === undefined || best.State !== 'active') return 'deny';
  return targetOf(best) === 'local' ? 'allow' : 'unknown';
}

/**
 * Replies handed to an appliance leave the verdict in doubt, unless the request cannot even come in:
 * the VPC's one internet gateway has its own route table, and that drops it.
 */
function enteringUnseenReplies(docs: Record<string, Json>, dst: Json): Outcome {
  const gateway = all(docs, 'RouteTables')
    .filter((table) => table.VpcId === dst.VpcId)
    .flatMap((table) => table.Associations.map((association: Json) => association.GatewayId))
    .find((id) => typeof id === 'string' && id.startsWith('igw-'));
  return gateway !== undefined && throughGateway(docs, dst, gateway) === 'deny' ? 'deny' : 'unknown';
}

/** All of them must pass; those that do not apply do not count. */
function allOf(...outcomes: Outcome[]): Outcome {
  const applicable = outcomes.filter((outcome) => outcome !== 'not-applicable');
  if (applicable.length === 0) return 'not-applicable';
  if (applicable.includes('deny')) return 'deny';
  return applicable.includes('unknown') ? 'unknown' : 'allow';
}

/** Some client port in 1024-65535 that every (ACL, egress, peer) walk allows; breakpoints stand for the rest. */
function somePortPasses(walks: readonly [Json, boolean, string][], protocol: string): boolean {
  const candidates = new Set([1024]);
  for (const [acl] of walks) {
    for (const entry of acl.Entries)
      if (entry.PortRange) candidates.add(entry.PortRange.From).add(entry.PortRange.To + 1);
  }
  return [...candidates]
    .filter((port) => port >= 1024 && port <= 65535)
    .some((port) =>
      walks.every(([acl, egress, peer]) => walk(acl, egress, peer, protocol, port) === 'allow'),
    );
}

/**
 * What comes back through the given walks, or unknown when an ACL is missing: for tcp/udp the reply to
 * one client port in 1024-65535 that passes them all, for an ICMP query its reply type. Nothing else
 * is answered.
 */
function replyThrough(
  walks: readonly [Json | undefined, boolean, string][],
  protocol: string,
  point: number,
): Outcome {
  const tcpOrUdp = protocol === 'tcp' || protocol === 'udp';
  const answer = protocol === 'icmp' ? queryReply.get(point) : undefined;
  if (answer !== undefined) {
    return allOf(
      ...walks.map(([acl, egress, peer]) =>
        acl === undefined ? 'unknown' : walk(acl, egress, peer, protocol, answer),
      ),
    );
  }
  if (!tcpOrUdp) return 'not-applicable';
  if (walks.some(([acl]) => acl === undefined)) return 'unknown';
  return somePortPasses(walks as [Json, boolean, string][], protocol) ? 'allow' : 'deny';
}

/**
 * A workload opening a connection to a server on the internet (docs/semantics/aws.md, "Flows to the
 * internet"): out through an internet gateway from a public address, or through a public NAT gateway
 * whose subnet routes to one; the NAT gateway's subnet ACL then filters the request and the reply too.
 */
export function bruteForceToInternet(docs: Record<string, Json>, flow: BruteInternetFlow): BruteLayers {
  const src = all(docs, 'NetworkInterfaces').find((eni) => eni.NetworkInterfaceId === flow.source) as Json;
  const point = flow.port ?? 0;
  const na = 'not-applicable' as const;
  const { route, nat } = internetRoute(docs, src, flow.server);
  const server: Peer = { ip: flow.server, groupIds: [] };
  const out = (eni: Json) => aclOutcome(docs, eni, true, flow.server, flow.protocol, point);
  const apart = nat !== null && nat.SubnetId !== src.SubnetId;
  const srcAcl = aclOf(docs, src);
  const natAcl = nat === null ? undefined : aclOf(docs, nat);
  const reply =
    nat === null
      ? replyThrough([[srcAcl, false, flow.server]], flow.protocol, point)
      : allOf(
          replyThrough([[natAcl, false, flow.server]], flow.protocol, point),
          apart
            ? replyThrough(
                [
                  [natAcl, true, ip(src)],
                  [srcAcl, false, flow.server],
                ],
                flow.protocol,
                point,
              )
            : na,
        );
  return {
    route,
    'sg-egress': sgOutcome(docs, src, 'IpPermissionsEgress', server, flow.protocol, point),
    'nacl-outbound': nat === null ? out(src) : allOf(out(src), out(nat)),
    'nacl-inbound': apart ? aclOutcome(docs, nat, false, ip(src), flow.protocol, point) : na,
    'sg-ingress': na,
    'nacl-reply': reply,
  };
}

/**
 * A client on the internet opening a connection to a workload (docs/semantics/aws.md, "Flows from the
 * internet"): the workload's public address, its subnet's route back to an internet gateway, its ACL
 * both ways and its groups; the client side has no filter of ours.
 */
export function bruteForceFromInternet(
  docs: Record<string, Json>,
  flow: {
    readonly client: string;
    readonly destination: string;
    readonly protocol: BruteFlow['protocol'];
    readonly port: number | null;
  },
): BruteLayers {
  const dst = all(docs, 'NetworkInterfaces').find(
    (eni) => eni.NetworkInterfaceId === flow.destination,
  ) as Json;
  const point = flow.port ?? 0;
  const na = 'not-applicable' as const;
  const best = dst.Association?.PublicIp ? routeToward(docs, dst, flow.client) : 'none';
  const route: Outcome =
    best === 'unknown'
      ? 'unknown'
      : best === 'none' || best.State !== 'active'
        ? 'deny'
        : targetOf(best).startsWith('igw-')
          ? (throughGateway(docs, dst, targetOf(best)) ?? 'allow')
          : passedOn(best)
            ? enteringUnseenReplies(docs, dst)
            : 'deny';
  return {
    route,
    'sg-egress': na,
    'nacl-outbound': na,
    'nacl-inbound': aclOutcome(docs, dst, false, flow.client, flow.protocol, point),
    'sg-ingress': sgOutcome(
      docs,
      dst,
      'IpPermissions',
      { ip: flow.client, groupIds: [] },
      flow.protocol,
      point,
    ),
    'nacl-reply': replyThrough([[aclOf(docs, dst), true, flow.client]], flow.protocol, point),
  };
}

/**
 * A workload opening a connection to another's public address: out as to any internet server, then in
 * from the address it left with (its own public address through an internet gateway, or its NAT
 * gateway's), as from any internet client. Nothing comes back in when the way out does not reach the
 * internet; then whether the owner admits it is moot (way out denied) or as unknown as the way out.
 */
export function bruteForceToPublicAddress(
  docs: Record<string, Json>,
  flow: Omit<BruteInternetFlow, 'server'> & { readonly destination: string },
): BruteLayers {
  const enis = all(docs, 'NetworkInterfaces');
  const src = enis.find((eni) => eni.NetworkInterfaceId === flow.source) as Json;
  const dst = enis.find((eni) => eni.NetworkInterfaceId === flow.destination) as Json;
  const server = dst.Association.PublicIp as string;
  const out = bruteForceToInternet(docs, { ...flow, server });
  const { gotOut, nat } = internetRoute(docs, src, server);
  if (gotOut !== 'allow') {
    return { ...out, 'sg-ingress': gotOut === 'deny' ? 'not-applicable' : 'unknown' };
  }
  const client = (nat ?? src).Association.PublicIp as string;
  const back = bruteForceFromInternet(docs, { ...flow, client });
  const layers = Object.keys(out) as (keyof BruteLayers)[];
  return Object.fromEntries(layers.map((name) => [name, allOf(out[name], back[name])])) as BruteLayers;
}
