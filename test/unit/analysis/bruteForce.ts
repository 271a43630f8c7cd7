/**
 * A second, deliberately naive reading of the AWS semantics in docs/semantics/aws.md, working on the
 * raw describe-* JSON and sharing no code with the engine: the property test holds the two against
 * each other. IPv4 and IPv6, endpoints named by ENI id, instance id or any address of an ENI; flows to
 * and from the internet over IPv4. Each port is walked on its own, never as port sets.
 */
// biome-ignore lint/suspicious/noExplicitAny: raw export JSON, walked as AWS prints it; the importer has already accepted it.
type Json = Record<string, any>;
type Outcome = 'allow' | 'deny' | 'unknown' | 'not-applicable';
type Match = 'yes' | 'maybe' | 'no';

export interface BruteFlow {
  readonly source: string;
  readonly destination: string;
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'icmpv6' | '50';
  readonly port: number | null;
}

export type BruteLayers = Record<
  'route' | 'sg-egress' | 'nacl-outbound' | 'nacl-inbound' | 'sg-ingress' | 'nacl-reply',
  Outcome
>;

const names: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };
const normal = (protocol: string) => names[protocol] ?? protocol;

/** An address as a number, IPv4 or IPv6 (any case, leading zeros, `::`), with its width in bits. */
function ipNumber(ip: string): { value: bigint; bits: number } {
  if (!ip.includes(':'))
    return { value: ip.split('.').reduce((value, part) => value * 256n + BigInt(part), 0n), bits: 32 };
  const [head = '', tail] = ip.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return { value: all.reduce((value, group) => value * 65536n + BigInt(`0x${group}`), 0n), bits: 128 };
}

/** A CIDR of the other family never holds an address. */
function inCidr(cidr: string, ip: string): boolean {
  const [network = '', length = '0'] = cidr.split('/');
  const net = ipNumber(network);
  const address = ipNumber(ip);
  if (net.bits !== address.bits) return false;
  const shift = BigInt(net.bits - Number(length));
  return net.value >> shift === address.value >> shift;
}

const sameAddress = (a: string, b: string) => inCidr(`${a}/${a.includes(':') ? 128 : 32}`, b);

function all(docs: Record<string, Json>, key: string): Json[] {
  return Object.values(docs).flatMap((document) => document[key] ?? []);
}

/** Every private address an ENI lists, IPv4 and IPv6. */
function addressesOf(eni: Json): string[] {
  return [
    ...(eni.PrivateIpAddresses ?? []).map((address: Json) => address.PrivateIpAddress),
    ...(eni.Ipv6Addresses ?? []).map((address: Json) => address.Ipv6Address),
  ];
}

/**
 * The ENIs at the ends of a flow, each with the address the flow uses there (`Address`), or null when
 * there is no such flow. docs/semantics/aws.md, "The flow": an end is an ENI id; an instance id, "its
 * ENI at device index 0 on network card 0" ("the primary network interface must be assigned to
 * network card index 0", NetworkCardIndex in the EC2 API Reference for AttachNetworkInterface,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AttachNetworkInterface.html); or a
 * private address of an ENI, used as given ("a secondary IP stays the secondary IP"). "An ENI or
 * instance uses the ENI's primary private IPv4. Both ends share one address family: an address given
 * for one end decides it (the other end then uses its first IPv6 address) [...]; two given addresses
 * of different families, or an end without an address of the flow's family, are an EndpointError."
 * Both ends on one ENI are one too, and `icmp` needs IPv4 ends, `icmpv6` IPv6 ones.
 */
function endsOf(docs: Record<string, Json>, flow: BruteFlow): [Json, Json] | null {
  const enis = all(docs, 'NetworkInterfaces');
  const named = (name: string): { eni: Json | undefined; given: string | null } => {
    if (name.startsWith('eni-'))
      return { eni: enis.find((eni) => eni.NetworkInterfaceId === name), given: null };
    if (name.startsWith('i-')) {
      const eni = enis.find(
        (one) =>
          one.Attachment?.InstanceId === name &&
          one.Attachment.DeviceIndex === 0 &&
          (one.Attachment.NetworkCardIndex ?? 0) === 0,
      );
      return { eni, given: null };
    }
    return { eni: enis.find((eni) => addressesOf(eni).some((one) => sameAddress(one, name))), given: name };
  };
  const ends = [named(flow.source), named(flow.destination)];
  const given = ends.flatMap((end) => (end.given === null ? [] : [end.given.includes(':')]));
  if (new Set(given).size > 1) return null;
  const ipv6 = given[0] ?? false;
  if ((flow.protocol === 'icmp' && ipv6) || (flow.protocol === 'icmpv6' && !ipv6)) return null;
  const [from, to] = ends.map(({ eni, given }): Json | null => {
    const address = given ?? (ipv6 ? eni?.Ipv6Addresses?.[0]?.Ipv6Address : eni?.PrivateIpAddress);
    return eni === undefined || address === undefined ? null : { ...eni, Address: address };
  });
  if (!from || !to || from.NetworkInterfaceId === to.NetworkInterfaceId) return null;
  return [from, to];
}

/** Each layer of the flow, or 'error' where the query names no flow (see endsOf). */
export function bruteForce(docs: Record<string, Json>, flow: BruteFlow): BruteLayers | 'error' {
  const ends = endsOf(docs, flow);
  if (ends === null) return 'error';
  const [src, dst] = ends;
  const point = flow.port ?? 0;
  const routed = routeOutcome(docs, src, dst);
  const { protocol } = flow;
  const request = crossingsOf(src, dst, routed.request);
  const reply = crossingsOf(dst, src, routed.reply);
  return {
    route: routed.outcome,
    'sg-egress': sgOutcome(
      docs,
      src,
      'IpPermissionsEgress',
      peerOf(dst, referencesOver(docs, src, dst, routed.request, true)),
      protocol,
      point,
    ),
    'nacl-outbound': requestThrough(docs, request, true, protocol, point),
    'nacl-inbound': requestThrough(docs, request, false, protocol, point),
    'sg-ingress': sgOutcome(
      docs,
      dst,
      'IpPermissions',
      peerOf(src, referencesOver(docs, src, dst, routed.request, false)),
      protocol,
      point,
    ),
    'nacl-reply': repliesThrough(docs, reply, protocol, point),
  };
}

/** A subnet's ACL in one direction, as the packets of one way meet it. */
interface Crossing {
  readonly place: Json;
  readonly egress: boolean;
  readonly peerIp: string;
}

/**
 * The ACLs met going from one ENI to the other: straight from subnet to subnet, or through a transit
 * gateway's subnets, one list for each subnet it may deliver through. After "Network ACLs for
 * transit gateways": into the transit gateway, the sender's outbound and the transit gateway subnet's
 * inbound entries, even in one subnet; out of it, the transit gateway subnet's outbound and the
 * receiver's inbound entries, but none in one subnet.
 */
function crossingsOf(from: Json, to: Json, way: Way): Crossing[][] {
  const out = { place: from, egress: true, peerIp: ip(to) };
  const into = { place: to, egress: false, peerIp: ip(from) };
  if (way === 'direct') return [from.SubnetId === to.SubnetId ? [] : [out, into]];
  if (way === 'unseen') return [[out]];
  const gateway = { place: way.exit, egress: false, peerIp: ip(from) };
  return way.entries.map((entry) =>
    entry.SubnetId === to.SubnetId
      ? [out, gateway]
      : [out, gateway, { place: entry, egress: true, peerIp: ip(to) }, into],
  );
}

/** One direction's entries on every way a transit gateway may take: all ACLs of a way must pass. */
function requestThrough(
  docs: Record<string, Json>,
  ways: readonly Crossing[][],
  egress: boolean,
  protocol: string,
  point: number,
): Outcome {
  return anyOf(
    ways.map((crossings) => {
      const mine = crossings.filter((crossing) => crossing.egress === egress);
      if (mine.length === 0) return 'not-applicable';
      return allOf(
        ...mine.map((crossing) => {
          const acl = aclOf(docs, crossing.place);
          return acl === undefined ? 'unknown' : walk(acl, egress, crossing.peerIp, protocol, point);
        }),
      );
    }),
  );
}

function repliesThrough(
  docs: Record<string, Json>,
  ways: readonly Crossing[][],
  protocol: string,
  point: number,
): Outcome {
  return anyOf(
    ways.map((crossings) =>
      crossings.length === 0
        ? 'not-applicable'
        : replyThrough(
            crossings.map((crossing) => [aclOf(docs, crossing.place), crossing.egress, crossing.peerIp]),
            protocol,
            point,
          ),
    ),
  );
}

/** The same outcome through every subnet the transit gateway may use, or unknown. */
function anyOf(outcomes: readonly Outcome[]): Outcome {
  const distinct = new Set(outcomes);
  return distinct.size === 1 ? (outcomes[0] as Outcome) : 'unknown';
}

export function overall(layers: BruteLayers): true | false | 'unknown' {
  const values = Object.values(layers);
  if (values.includes('deny')) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

/** The address the flow uses at an end (see endsOf), else the ENI's primary private IPv4. */
const ip = (eni: Json): string => eni.Address ?? eni.PrivateIpAddress;

/**
 * The other end as a rule sees it: its address, its groups (none for an address on the internet), and
 * whether rules naming them reach it on the request's way.
 */
interface Peer {
  readonly ip: string;
  readonly groupIds: readonly string[];
  readonly reference: Match;
}
const peerOf = (eni: Json, reference: Match = 'yes'): Peer => ({
  ip: ip(eni),
  groupIds: eni.Groups.map((group: Json) => group.GroupId),
  reference,
});

/**
 * docs/semantics/aws.md, "Group references across a transit gateway": within a VPC and over a
 * peering they reach; through a transit gateway only inbound rules, and only where the transit
 * gateway and both attachments say `enable`. Any `disable` settles it; a setting not printed leaves it open.
 */
function referencesOver(docs: Record<string, Json>, src: Json, dst: Json, way: Way, egress: boolean): Match {
  if (src.VpcId === dst.VpcId || way === 'direct') return 'yes';
  if (egress) return 'no';
  if (way === 'unseen') return 'maybe';
  const gateway = all(docs, 'TransitGateways').find((one) => one.TransitGatewayId === way.gateway);
  const settings = [
    gateway?.Options?.SecurityGroupReferencingSupport,
    ...way.attachments.map((attachment) => attachment.referencing),
  ];
  if (settings.includes('disable')) return 'no';
  return settings.every((setting) => setting === 'enable') ? 'yes' : 'maybe';
}

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
  // transit gateway's interface, which only routes other networks' traffic, nor a Lambda function's,
  // through which the function only connects out.
  const router = own.InterfaceType === 'transit_gateway';
  const refuses = ['nat_gateway', 'lambda'].includes(own.InterfaceType) || router;
  if (list === 'IpPermissions' && refuses) return 'deny';
  // An endpoint opens nothing itself: it carries others' connections and their replies.
  const endpoint = ['vpc_endpoint', 'gateway_load_balancer_endpoint'].includes(own.InterfaceType);
  if (list === 'IpPermissionsEgress' && (endpoint || router)) return 'deny';
  if (own.Groups.length === 0) return 'not-applicable';
  let best: Match = 'no';
  for (const { GroupId } of own.Groups) {
    for (const rule of rulesOf(docs, GroupId, list === 'IpPermissionsEgress')) {
      const ports = permissionPorts(rule, protocol, point);
      if (ports === 'no') continue;
      const peerMatch = ruleMatchesPeer(docs, rule.peer, peer);
      const match = ports === 'yes' && peerMatch === 'yes' ? 'yes' : peerMatch === 'no' ? 'no' : 'maybe';
      if (match === 'yes') return 'allow';
      if (match === 'maybe') best = 'maybe';
    }
  }
  return best === 'maybe' ? 'unknown' : 'deny';
}

/** What a rule names as the other end: a CIDR of either family, a group, or a prefix list. */
type RulePeer = { readonly cidr: string } | { readonly group: string } | { readonly prefixList: string };

/**
 * A group's rules in one direction, one per peer. describe-security-group-rules "replaces the
 * IpPermissions-derived rules of every group it has rules for; other groups keep the derived rules"
 * (docs/aws-import.md): the two outputs are separate reads, and the newer one speaks per rule.
 */
function rulesOf(docs: Record<string, Json>, groupId: string, egress: boolean): Json[] {
  const described = all(docs, 'SecurityGroupRules').filter((rule) => rule.GroupId === groupId);
  if (described.length > 0) {
    return described
      .filter((rule) => rule.IsEgress === egress)
      .map((rule) => ({
        ...rule,
        peer:
          rule.CidrIpv4 !== undefined
            ? { cidr: rule.CidrIpv4 }
            : rule.CidrIpv6 !== undefined
              ? { cidr: rule.CidrIpv6 }
              : rule.PrefixListId !== undefined
                ? { prefixList: rule.PrefixListId }
                : { group: rule.ReferencedGroupInfo.GroupId },
      }));
  }
  const group = all(docs, 'SecurityGroups').find((candidate) => candidate.GroupId === groupId) as Json;
  return group[egress ? 'IpPermissionsEgress' : 'IpPermissions'].flatMap((permission: Json) => {
    const peers: RulePeer[] = [
      ...permission.IpRanges.map((range: Json) => ({ cidr: range.CidrIp })),
      ...permission.Ipv6Ranges.map((range: Json) => ({ cidr: range.CidrIpv6 })),
      ...permission.UserIdGroupPairs.map((pair: Json) => ({ group: pair.GroupId })),
      ...permission.PrefixListIds.map((list: Json) => ({ prefixList: list.PrefixListId })),
    ];
    return peers.map((peer) => ({ ...permission, peer }));
  });
}

/**
 * Queries and their answers, by protocol: echo, timestamp, information and address-mask messages
 * (RFC 792, RFC 950), and ICMPv6 echo ("Echo Request message ... Type 128 ... Code 0", "Echo Reply
 * message ... Type 129 ... Code 0", RFC 4443 section 4).
 */
const queryReply: Record<string, Map<number, number>> = {
  icmp: new Map([
    [8, 0],
    [13, 14],
    [15, 16],
    [17, 18],
  ]),
  icmpv6: new Map([[128, 129]]),
};
const icmpProtocols = ['icmp', 'icmpv6'];

/** A rule naming one code of the flow's type: a query or a reply always has code 0; other types may have any. */
function codeMatch(protocol: string, type: number, code: number): Match {
  if (code === -1) return 'yes';
  const queries = queryReply[protocol] ?? new Map();
  if (queries.has(type) || [...queries.values()].includes(type)) return code === 0 ? 'yes' : 'no';
  return 'maybe';
}

/**
 * "Use -1 to specify all protocols. When authorizing security group rules, specifying -1 or a protocol
 * number other than tcp, udp, icmp, or icmpv6 allows traffic on all ports, regardless of any port range
 * you specify." FromPort: "If the protocol is ICMP or ICMPv6, this is the ICMP type or -1 (all ICMP
 * types)"; ToPort: "the ICMP code or -1 (all ICMP codes)"
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html). "6", "17", "1" and
 * "58" are the numbers of tcp, udp, icmp and icmpv6.
 */
function permissionPorts(permission: Json, protocol: string, point: number): Match {
  const ruleProtocol = normal(permission.IpProtocol);
  if (ruleProtocol === '-1') return 'yes';
  if (ruleProtocol !== protocol) return 'no';
  if (protocol === 'tcp' || protocol === 'udp') {
    return permission.FromPort <= point && point <= permission.ToPort ? 'yes' : 'no';
  }
  if (icmpProtocols.includes(protocol)) {
    if (permission.FromPort === -1) return 'yes';
    if (permission.FromPort !== point) return 'no';
    return codeMatch(protocol, point, permission.ToPort);
  }
  return 'yes';
}

function ruleMatchesPeer(docs: Record<string, Json>, rulePeer: RulePeer, peer: Peer): Match {
  if ('cidr' in rulePeer) return inCidr(rulePeer.cidr, peer.ip) ? 'yes' : 'no';
  if ('group' in rulePeer) return peer.groupIds.includes(rulePeer.group) ? peer.reference : 'no';
  return prefixListHolds(docs, rulePeer.prefixList, peer.ip);
}

/** RFC 1918, shared address space (RFC 6598) and unique local IPv6 (RFC 4193). */
const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];

/**
 * A prefix list holds the address when one of its entries does: the entries of a
 * get-managed-prefix-list-entries file named after the list, or the `Cidrs` describe-prefix-lists
 * prints. Without them: "A prefix list supports a single type of IP addressing only (IPv4 or IPv6)"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html), so an address of the
 * other AddressFamily is not held; an AWS-managed list (`com.amazonaws.…`) holds an AWS service's
 * public ranges, never a private address (docs/semantics/aws.md, a choice); anything else may be.
 */
function prefixListHolds(docs: Record<string, Json>, id: string, address: string): Match {
  const list = all(docs, 'PrefixLists').find((candidate) => candidate.PrefixListId === id);
  const file = Object.entries(docs).find(([name, document]) => name.includes(id) && document.Entries);
  const entries: string[] | undefined = file?.[1].Entries.map((entry: Json) => entry.Cidr) ?? list?.Cidrs;
  if (entries !== undefined) return entries.some((cidr) => inCidr(cidr, address)) ? 'yes' : 'no';
  const family = address.includes(':') ? 'IPv6' : 'IPv4';
  if (list?.AddressFamily !== undefined && list.AddressFamily !== family) return 'no';
  const awsManaged = String(list?.PrefixListName).startsWith('com.amazonaws.');
  if (awsManaged && privateRanges.some((range) => inCidr(range, address))) return 'no';
  return 'maybe';
}

// --- network ACLs ----------------------------------------------------------------------------------

/** The ACL of the subnet an ENI (or a transit gateway's `{ SubnetId, VpcId }`) is in. */
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
    if (!inCidr(entry.CidrBlock ?? entry.Ipv6CidrBlock, peerIp)) continue;
    const match = entryPorts(entry, protocol, point);
    if (match === 'no') continue;
    possible.add(entry.RuleAction);
    if (match === 'yes') break;
  }
  if (possible.size === 0) possible.add('deny');
  if (possible.size > 1) return 'unknown';
  return possible.has('allow') ? 'allow' : 'deny';
}

/**
 * "If you specify "-1" or a protocol number other than "6" (TCP), "17" (UDP), or "1" (ICMP), traffic on
 * all ports is allowed, regardless of any ports or ICMP types or codes that you specify. If you specify
 * protocol "58" (ICMPv6) and specify an IPv4 CIDR block, traffic for all ICMP types and codes allowed
 * [...]. If you specify protocol "58" (ICMPv6) and specify an IPv6 CIDR block, you must specify an ICMP
 * type and code." (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html)
 */
function entryPorts(entry: Json, protocol: string, point: number): Match {
  const entryProtocol = normal(entry.Protocol);
  if (entryProtocol === '-1') return 'yes';
  if (entryProtocol !== protocol) return 'no';
  if (protocol === 'tcp' || protocol === 'udp') {
    const range = entry.PortRange;
    return range === undefined || (range.From <= point && point <= range.To) ? 'yes' : 'no';
  }
  if (icmpProtocols.includes(protocol)) {
    const icmp = entry.IcmpTypeCode;
    // An icmpv6 flow is IPv6, so only entries with an IPv6 CIDR block, whose type and code count, reach here.
    if (icmp === undefined || icmp.Type === -1) return 'yes';
    if (icmp.Type !== point) return 'no';
    return codeMatch(protocol, point, icmp.Code);
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

// --- routing ---------------------------------------------------------------------------------------

/** How one direction goes: straight, through a transit gateway's subnets, or through one not followed. */
type Way =
  | 'direct'
  | 'unseen'
  | {
      readonly exit: Json;
      readonly entries: readonly Json[];
      readonly gateway: string;
      /** The sender's and the receiver's. */
      readonly attachments: readonly Json[];
    };

interface Routed {
  readonly outcome: Outcome;
  readonly request: Way;
  readonly reply: Way;
}

function routeOutcome(docs: Record<string, Json>, src: Json, dst: Json): Routed {
  let peering: string | null = null;
  const crossing = src.VpcId !== dst.VpcId;
  if (crossing) {
    const active = all(docs, 'VpcPeeringConnections').find(
      (candidate) =>
        candidate.Status.Code === 'active' &&
        [candidate.RequesterVpcInfo.VpcId, candidate.AccepterVpcInfo.VpcId].sort().join() ===
          [src.VpcId, dst.VpcId].sort().join(),
    );
    const leaves = (vpcId: string) => usesTransitGateway(docs, vpcId) || usesPrivateGateway(docs, vpcId);
    if (active === undefined && !leaves(src.VpcId) && !leaves(dst.VpcId))
      return { outcome: 'deny', request: 'direct', reply: 'direct' };
    peering = active?.VpcPeeringConnectionId ?? null;
  }
  const there = routeLeg(docs, src, dst, crossing, peering);
  const back = routeLeg(docs, dst, src, crossing, peering);
  const legs = [there.outcome, back.outcome];
  const outcome = legs.includes('deny') ? 'deny' : legs.includes('unknown') ? 'unknown' : 'allow';
  return { outcome, request: there.way, reply: back.way };
}

function usesTransitGateway(docs: Record<string, Json>, vpcId: string): boolean {
  return (
    attachments(docs).some((attachment) => attachment.VpcId === vpcId) ||
    all(docs, 'RouteTables').some(
      (table) => table.VpcId === vpcId && table.Routes.some((route: Json) => route.TransitGatewayId),
    )
  );
}

/** A route to a virtual private gateway (VPN, Direct Connect) or a Cloud WAN core network. */
function toPrivateGateway(route: Json): boolean {
  const target = targetOf(route);
  return target.startsWith('vgw-') || target.includes(':core-network/');
}

function usesPrivateGateway(docs: Record<string, Json>, vpcId: string): boolean {
  return all(docs, 'RouteTables').some(
    (table) => table.VpcId === vpcId && table.Routes.some(toPrivateGateway),
  );
}

function routeLeg(
  docs: Record<string, Json>,
  from: Json,
  to: Json,
  crossing: boolean,
  peering: string | null,
): { outcome: Outcome; way: Way } {
  const straight = (outcome: Outcome) => ({ outcome, way: 'direct' as const });
  const tables = all(docs, 'RouteTables').filter((table) => table.VpcId === from.VpcId);
  if (tables.length === 0) {
    if (crossing && peering === null)
      return usesTransitGateway(docs, from.VpcId) ? { outcome: 'unknown', way: 'unseen' } : straight('deny');
    return straight('allow');
  }
  const table =
    tables.find((candidate) =>
      candidate.Associations.some((association: Json) => association.SubnetId === from.SubnetId),
    ) ??
    tables.find((candidate) => candidate.Associations.some((association: Json) => association.Main === true));
  if (table === undefined) return straight('unknown');
  const best = longestRoute(table, ip(to));
  if (best === undefined || best.State !== 'active') return straight('deny');
  const target = targetOf(best);
  if (!crossing) return straight(target === 'local' ? 'allow' : 'unknown');
  if (target.startsWith('tgw-')) return throughTransitGateway(docs, from, toEni(docs, to), target);
  // Without a peering, only a transit gateway takes private addresses to another VPC, or a VPN,
  // Direct Connect or Cloud WAN network, whose routing the export lacks.
  if (peering === null) return straight(toPrivateGateway(best) ? 'unknown' : 'deny');
  if (target.startsWith('pcx-')) return straight(target === peering ? 'allow' : 'deny');
  if (target === 'local' || target.startsWith('igw-')) return straight('deny');
  return straight('unknown');
}

/** Each attachment with what either output says of it: Association from one, SubnetIds and Options from the other. */
function attachments(docs: Record<string, Json>): Json[] {
  const general = all(docs, 'TransitGatewayAttachments');
  const vpcs = all(docs, 'TransitGatewayVpcAttachments');
  const ids = new Set([...general, ...vpcs].map((one) => one.TransitGatewayAttachmentId));
  return [...ids].map((id) => {
    const one = general.find((candidate) => candidate.TransitGatewayAttachmentId === id);
    const vpc = vpcs.find((candidate) => candidate.TransitGatewayAttachmentId === id);
    return {
      id,
      TransitGatewayId: one?.TransitGatewayId ?? vpc?.TransitGatewayId,
      VpcId: vpc?.VpcId ?? (one?.ResourceType === 'vpc' ? one.ResourceId : undefined),
      State: one?.State ?? vpc?.State,
      association: one === undefined ? 'unexported' : (one.Association?.TransitGatewayRouteTableId ?? null),
      SubnetIds: vpc?.SubnetIds,
      appliance: vpc?.Options?.ApplianceModeSupport === 'enable',
      referencing: vpc?.Options?.SecurityGroupReferencingSupport,
    };
  });
}

const zone = (docs: Record<string, Json>, subnetId: string): string | undefined =>
  all(docs, 'Subnets').find((subnet) => subnet.SubnetId === subnetId)?.AvailabilityZone;

const up = (attachment: Json) => attachment.State === 'available' || attachment.State === 'modifying';

/** Where traffic into a transit gateway is headed: an address, its VPC (null: any one VPC), and what the entry subnet must do. */
interface Toward {
  readonly ip: string;
  readonly VpcId: string | null;
  readonly deliver: (entry: Json) => Outcome;
}

/** Toward an ENI: its VPC, delivered by the local route. */
function toEni(docs: Record<string, Json>, to: Json): Toward {
  return {
    ip: ip(to),
    VpcId: to.VpcId,
    deliver: (entry) => routeLeg(docs, entry, to, false, null).outcome,
  };
}

/**
 * docs/semantics/aws.md, "Transit gateways": in through the sender VPC's attachment in its zone,
 * routed by the attachment's associated table, out through the receiver VPC's attachment, delivered
 * by the entry subnet's route table.
 */
function throughTransitGateway(
  docs: Record<string, Json>,
  from: Json,
  to: Toward,
  gateway: string,
): { outcome: Outcome; way: Way } {
  const known = attachments(docs).filter((attachment) => attachment.TransitGatewayId === gateway);
  const stop = (outcome: Outcome) => ({ outcome, way: 'unseen' as const });
  const mine = known.filter((attachment) => attachment.VpcId === from.VpcId);
  const own = mine.find(up) ?? mine[0];
  if (own === undefined) return stop('unknown');
  if (!up(own)) return stop('deny');
  if (own.SubnetIds === undefined) return stop('unknown');
  const here = zone(docs, from.SubnetId);
  if (here === undefined) return stop('unknown');
  const exitId = own.SubnetIds.find((subnetId: string) => zone(docs, subnetId) === here);
  if (exitId === undefined) {
    return stop(
      own.SubnetIds.some((subnetId: string) => zone(docs, subnetId) === undefined) ? 'unknown' : 'deny',
    );
  }
  if (own.association === 'unexported') return stop('unknown');
  if (own.association === null) return stop('deny');
  const searches = Object.entries(docs)
    .filter(([name, document]) => name.includes(own.association) && document.Routes !== undefined)
    .map(([, document]) => document);
  if (searches.length === 0) return stop('unknown');
  if (searches.some((document) => document.AdditionalRoutesAvailable === true)) return stop('unknown');
  const routes = searches
    .flatMap((document) => document.Routes)
    .filter((route: Json) => route.State === 'active' || route.State === 'blackhole')
    .filter((route: Json) => inCidr(route.DestinationCidrBlock, to.ip));
  const length = (route: Json) => Number(route.DestinationCidrBlock.split('/')[1]);
  // At equal length, static before propagated.
  const rank = (route: Json) => length(route) * 2 + (route.Type === 'static' ? 1 : 0);
  const best = routes.reduce(
    (a: Json | undefined, b: Json) => (a === undefined || rank(b) > rank(a) ? b : a),
    undefined,
  );
  if (best === undefined || best.State === 'blackhole') return stop('deny');
  const targets: Json[] = best.TransitGatewayAttachments ?? [];
  const vpcId = to.VpcId ?? targets[0]?.ResourceId;
  if (
    targets.length === 0 ||
    targets.some((target) => target.ResourceType !== 'vpc' || target.ResourceId !== vpcId)
  )
    return stop('unknown');
  const theirs = attachments(docs).find(
    (attachment) => attachment.id === targets[0]?.TransitGatewayAttachmentId,
  );
  if (theirs === undefined || theirs.SubnetIds === undefined) return stop('unknown');
  if (!up(theirs)) return stop('deny');
  const every = theirs.SubnetIds as string[];
  const sameZone = every.filter((subnetId) => zone(docs, subnetId) === here);
  const entryIds = !theirs.appliance && sameZone.length > 0 ? sameZone : every;
  if (entryIds.length === 0) return stop('deny');
  const place = (subnetId: string) => ({ SubnetId: subnetId, VpcId: vpcId });
  const outcome = anyOf(entryIds.map((subnetId) => to.deliver(place(subnetId))));
  return {
    outcome,
    way:
      outcome === 'deny'
        ? 'unseen'
        : {
            exit: { SubnetId: exitId, VpcId: from.VpcId },
            entries: entryIds.map(place),
            gateway,
            attachments: [own, theirs],
          },
  };
}

function targetOf(route: Json): string {
  return (
    route.GatewayId ??
    route.NatGatewayId ??
    route.VpcPeeringConnectionId ??
    route.TransitGatewayId ??
    route.NetworkInterfaceId ??
    route.CoreNetworkArn
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

/**
 * The table's most specific CIDR route holding the address; of two as specific, the static one
 * ("How route priority works": static routes before those a virtual private gateway propagated).
 */
function longestRoute(table: Json, address: string): Json | undefined {
  const destination = (route: Json): string | undefined =>
    route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock;
  const matching = table.Routes.filter((route: Json) => {
    const cidr = destination(route);
    return cidr !== undefined && inCidr(cidr, address);
  });
  if (matching.length === 0) return undefined;
  const rank = (route: Json) =>
    Number(destination(route)?.split('/')[1]) * 2 + (route.Origin === 'EnableVgwRoutePropagation' ? 0 : 1);
  return matching.reduce((a: Json, b: Json) => (rank(b) > rank(a) ? b : a));
}

/** The NAT gateway's interface, found by the gateway id AWS writes in its description. */
function natInterface(docs: Record<string, Json>, natId: string): Json | undefined {
  return all(docs, 'NetworkInterfaces').find(
    (eni) => eni.InterfaceType === 'nat_gateway' && String(eni.Description).endsWith(natId),
  );
}

/**
 * `gotOut`: whether the request reaches the internet; `route` also asks whether the replies come back
 * in, through the internet gateway's own route table, and through a transit gateway to an egress
 * VPC's NAT gateway, back to the client. `ways`: that transit gateway's, there and back.
 */
interface InternetRoute {
  readonly route: Outcome;
  readonly gotOut: Outcome;
  readonly nat: Json | null;
  readonly ways: { readonly request: Way; readonly reply: Way } | null;
}

const stopped = (outcome: Outcome, nat: Json | null = null): InternetRoute => ({
  route: outcome,
  gotOut: outcome,
  nat,
  ways: null,
});

const out = (
  docs: Record<string, Json>,
  eni: Json,
  gateway: string,
  nat: Json | null,
  client: Json,
): InternetRoute => ({
  route: blocked(
    docs,
    eni,
    nat === null ? 'out' : 'out-only',
    throughGateway(docs, eni, gateway) ?? 'allow',
    nat === null ? null : client,
  ),
  gotOut: 'allow',
  nat,
  ways: null,
});

type Use = 'in' | 'out' | 'out-only';

/**
 * VPC Block Public Access (BlockPublicAccessStates): block-bidirectional blocks all traffic to and
 * from internet gateways and egress-only ones, block-ingress all but the traffic of NAT gateways and
 * egress-only gateways, except where an exclusion of the interface's subnet or VPC exempts it
 * (allow-egress: out only, and under block-bidirectional only). Without the exclusions' export, what
 * the mode blocks is unknown. A NAT gateway exempted while its client is not: unknown.
 */
function blocked(
  docs: Record<string, Json>,
  eni: Json,
  use: Use,
  outcome: Outcome,
  client: Json | null = null,
): Outcome {
  if (outcome === 'deny') return outcome;
  const here = gate(docs, eni, use);
  if (here === 'exempt' && client !== null) {
    const there = gate(docs, client, use);
    return there === 'pass' || there === 'exempt' ? outcome : 'unknown';
  }
  if (here === 'pass' || here === 'exempt') return outcome;
  return here === 'deny' ? 'deny' : 'unknown';
}

function gate(docs: Record<string, Json>, eni: Json, use: Use): 'pass' | 'exempt' | 'deny' | 'maybe' {
  const mode = all(docs, 'Vpcs').find((vpc) => vpc.VpcId === eni.VpcId)?.BlockPublicAccessStates
    ?.InternetGatewayBlockMode;
  if (mode !== 'block-bidirectional' && mode !== 'block-ingress') return 'pass';
  if (mode === 'block-ingress' && use === 'out-only') return 'pass';
  if (!Object.values(docs).some((document) => 'VpcBlockPublicAccessExclusions' in document)) return 'maybe';
  const lets = all(docs, 'VpcBlockPublicAccessExclusions').filter(
    (exclusion) =>
      [`/${eni.SubnetId}`, `/${eni.VpcId}`].some((end) => String(exclusion.ResourceArn).endsWith(end)) &&
      (exclusion.InternetGatewayExclusionMode === 'allow-bidirectional' ||
        (use !== 'in' && mode === 'block-bidirectional')),
  );
  if (lets.some((exclusion) => ['create-complete', 'update-complete'].includes(exclusion.State)))
    return 'exempt';
  const gone = ['create-failed', 'delete-complete', 'disable-complete'];
  return lets.some((exclusion) => !gone.includes(exclusion.State)) ? 'maybe' : 'deny';
}

function internetRoute(
  docs: Record<string, Json>,
  src: Json,
  server: string,
  protocol: string,
): InternetRoute {
  const best = routeToward(docs, src, server);
  if (best === 'unknown') return stopped('unknown');
  if (best === 'none' || best.State !== 'active') return stopped('deny');
  const target = targetOf(best);
  if (target.startsWith('igw-'))
    return src.Association?.PublicIp ? out(docs, src, target, null, src) : stopped('deny');
  if (target.startsWith('pcx-') || target === 'local') return stopped('deny');
  if (target.startsWith('nat-')) return viaNat(docs, target, server, protocol, src);
  if (target.startsWith('tgw-')) return viaEgressVpc(docs, src, server, target, protocol);
  return stopped('unknown');
}

/** A NAT gateway carries TCP, UDP and ICMP, nothing else ("NAT gateway basics"). */
function viaNat(
  docs: Record<string, Json>,
  natId: string,
  server: string,
  protocol: string,
  client: Json,
): InternetRoute {
  if (!['tcp', 'udp', 'icmp'].includes(protocol)) return stopped('deny');
  const nat = natInterface(docs, natId);
  if (nat === undefined) return stopped('unknown');
  if (!nat.Association?.PublicIp) return stopped('deny', nat);
  const onward = routeToward(docs, nat, server);
  if (onward === 'unknown') return stopped('unknown', nat);
  if (onward === 'none' || onward.State !== 'active') return stopped('deny', nat);
  const next = targetOf(onward);
  if (next.startsWith('igw-')) return out(docs, nat, next, nat, client);
  const dropped = next === 'local' || next.startsWith('nat-') || next.startsWith('pcx-');
  return stopped(dropped ? 'deny' : 'unknown', nat);
}

/**
 * docs/semantics/aws.md, "Centralized egress": through the transit gateway to whichever VPC its route
 * leads, whose entry subnet must route the server to a NAT gateway; the replies from that NAT
 * gateway's subnet must go to a transit gateway that delivers them to the client.
 */
function viaEgressVpc(
  docs: Record<string, Json>,
  src: Json,
  server: string,
  gateway: string,
  protocol: string,
): InternetRoute {
  const natOf = (entry: Json): string | null => {
    const best = routeToward(docs, entry, server);
    return typeof best === 'string' || best.State !== 'active' ? null : targetOf(best);
  };
  const toNat = (entry: Json): Outcome => {
    const best = routeToward(docs, entry, server);
    if (best === 'unknown') return 'unknown';
    if (best === 'none' || best.State !== 'active') return 'deny';
    const next = targetOf(best);
    if (next.startsWith('nat-')) return 'allow';
    return next.startsWith('igw-') || next === 'local' || next.startsWith('pcx-') ? 'deny' : 'unknown';
  };
  const there = throughTransitGateway(docs, src, { ip: server, VpcId: null, deliver: toNat }, gateway);
  if (there.outcome !== 'allow' || typeof there.way === 'string') return stopped(there.outcome);
  const nats = new Set(there.way.entries.map(natOf));
  if (nats.size > 1) return stopped('unknown');
  const reached = viaNat(docs, [...nats][0] as string, server, protocol, src);
  const { nat } = reached;
  if (nat === null) return reached;
  if (reached.route === 'deny') return { ...reached, ways: { request: there.way, reply: 'unseen' } };
  const back = routeToward(docs, nat, ip(src));
  const unseen = 'unseen' as const;
  const replies =
    back === 'unknown'
      ? { outcome: 'unknown' as Outcome, way: unseen }
      : back === 'none' || back.State !== 'active'
        ? { outcome: 'deny' as Outcome, way: unseen }
        : targetOf(back).startsWith('tgw-')
          ? throughTransitGateway(docs, nat, toEni(docs, src), targetOf(back))
          : { outcome: (targetOf(back).startsWith('eni-') ? 'unknown' : 'deny') as Outcome, way: unseen };
  return {
    ...reached,
    route: allOf(reached.route, replies.outcome),
    ways: { request: there.way, reply: replies.way },
  };
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
    toPrivateGateway(route) ||
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

/**
 * Some client port in 1024-65535 that every (ACL, egress, peer) walk allows. Whether an entry matches
 * a port changes only at a range's From or To+1, so between two consecutive such breakpoints (and 1024,
 * where client ports start) every port fares alike: trying each breakpoint in 1024-65535 is the same
 * as trying all 64512 client ports.
 */
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
  const answer = queryReply[protocol]?.get(point);
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
  const { route, nat, ways } = internetRoute(docs, src, flow.server, flow.protocol);
  const server: Peer = { ip: flow.server, groupIds: [], reference: 'no' };
  const sgEgress = sgOutcome(docs, src, 'IpPermissionsEgress', server, flow.protocol, point);
  if (nat !== null && ways !== null) {
    // Between the client and the NAT gateway, the server's packets are still addressed from or to it.
    const atNat = { SubnetId: nat.SubnetId, VpcId: nat.VpcId, PrivateIpAddress: flow.server };
    const natOut: Crossing = { place: nat, egress: true, peerIp: flow.server };
    const request = crossingsOf(src, atNat, ways.request).map((crossings) => [...crossings, natOut]);
    const reply = crossingsOf(atNat, src, ways.reply);
    return {
      route,
      'sg-egress': sgEgress,
      'nacl-outbound': requestThrough(docs, request, true, flow.protocol, point),
      'nacl-inbound': requestThrough(docs, request, false, flow.protocol, point),
      'sg-ingress': na,
      'nacl-reply': allOf(
        replyThrough([[aclOf(docs, nat), false, flow.server]], flow.protocol, point),
        repliesThrough(docs, reply, flow.protocol, point),
      ),
    };
  }
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
    'sg-egress': sgEgress,
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
    route: blocked(docs, dst, 'in', route),
    'sg-egress': na,
    'nacl-outbound': na,
    'nacl-inbound': aclOutcome(docs, dst, false, flow.client, flow.protocol, point),
    'sg-ingress': sgOutcome(
      docs,
      dst,
      'IpPermissions',
      { ip: flow.client, groupIds: [], reference: 'no' },
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
  const { gotOut, nat } = internetRoute(docs, src, server, flow.protocol);
  if (gotOut !== 'allow') {
    return { ...out, 'sg-ingress': gotOut === 'deny' ? 'not-applicable' : 'unknown' };
  }
  const client = (nat ?? src).Association.PublicIp as string;
  const back = bruteForceFromInternet(docs, { ...flow, client });
  const layers = Object.keys(out) as (keyof BruteLayers)[];
  return Object.fromEntries(layers.map((name) => [name, allOf(out[name], back[name])])) as BruteLayers;
}
