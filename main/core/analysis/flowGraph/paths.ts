import type { Estate, IpProtocol, RuleDirection } from '../../domain/estate';
import { type Cidr, parseCidr } from '../../domain/ip';
import { hasPortRange } from '../../domain/ipProtocol';
import { type AclCrossing, legCrossings } from '../aclCrossings';
import type { FlowEnd } from '../endpoints';
import type { EstateIndex } from '../estateIndex';
import { referenceReach } from '../groupReferences';
import { type AclPlace, evaluateAcl } from '../networkAclLayer';
import type { PortSet } from '../portSet';
import { answeredIcmpTypes, EPHEMERAL_PORTS, icmpAnswer } from '../protocol';
import { type RoutedFlow, routeFlow } from '../routing';
import type { LayerOutcome } from '../verdict';
import { type Bits, clearRange, setRange, type WordSpans, wordSpans } from './bitset';
import { Ipv4CidrIndex, ipv4Number } from './ipv4';
import type { PortIntervals } from './portIntervals';
import type { Location, Partition } from './workloadClasses';

/** A layer's answer as a number, so that combining layers is `Math.min`. */
type Tri = 0 | 1 | 2;
const DENY = 0;
const UNKNOWN = 1;
const ALLOW = 2;

/** Not-applicable layers do not count, as in the engine's overall verdict. */
const triOf = (outcome: LayerOutcome): Tri =>
  outcome === 'deny' ? DENY : outcome === 'unknown' ? UNKNOWN : ALLOW;

/** The ports of one ACL direction toward one peer: allowed and unknown; null when the ACL is not exported. */
type AclPorts = { readonly allowed: PortSet; readonly unknown: PortSet } | null;

/** Where a source location can send: the destination locations its routing does not deny outright. */
export interface Reach {
  readonly spans: WordSpans;
  readonly locations: readonly number[];
}

/** A pair of locations' routing: the layer's answer, and the ways that decide which ACLs count. */
interface Routing {
  readonly tri: Tri;
  readonly ways: Pick<RoutedFlow, 'request' | 'reply'>;
  /** Whether rules naming groups reach the other end on the request's way, per direction. */
  readonly references: { readonly [D in RuleDirection]: Tri };
}

/**
 * Destination classes that rules naming groups reach, per direction: `sure` where they do, `any`
 * where they may (a superset; the same array when none is in doubt). Classes of VPCs the source
 * cannot route to are in both.
 */
export interface ReferenceMasks {
  readonly egress: { readonly sure: Bits; readonly any: Bits };
  readonly ingress: { readonly sure: Bits; readonly any: Bits };
}

/**
 * Routing and network ACLs between locations. Both see a location only through its VPC, its subnet's
 * route table or ACL, its Availability Zone where transit gateways are attached (the zone picks their
 * subnets), and which route destinations or ACL entry CIDRs hold its address: locations that agree
 * on those share a routing key or an ACL key, and each layer is evaluated once per pair of keys, with
 * the engine's own `routeFlow`, `legCrossings` and `evaluateAcl`. A way through a transit gateway
 * adds the ACLs of its subnets, named in the ACL key of the pair.
 */
export class Paths {
  private readonly ends: FlowEnd[];
  private readonly routeKeys: string[];
  private readonly aclKeys: string[];
  private readonly routes = new Map<string, Routing>();
  private readonly acls = new Map<string, Uint8Array>();
  private readonly aclPorts = new Map<string, AclPorts>();
  private readonly reaches = new Map<string, Reach>();
  private readonly peersOf = new Map<string, string[]>();
  private readonly referenceMasksByRoute = new Map<string, ReferenceMasks | null>();

  constructor(
    estate: Estate,
    private readonly index: EstateIndex,
    private readonly partition: Partition,
    private readonly intervals: PortIntervals,
  ) {
    const { locations } = partition;
    this.ends = locations.map((location) => flowEnd(partition, location));
    const routeKey = routeSignature(estate, index);
    const zoned = estate.transitGatewayAttachments.length > 0;
    this.routeKeys = locations.map((location) => {
      const lookup = index.routeTableOf(location.subnetId, location.vpcId);
      const table = lookup.kind === 'table' ? lookup.table.id : lookup.kind;
      const zone = zoned ? (index.subnetZone(location.subnetId) ?? '') : '';
      return `${location.vpcId}|${table}|${zone}|${routeKey(location)}`;
    });
    const aclSignature = signatureOf(estate.networkAclEntries.map((entry) => entry.cidr));
    this.aclKeys = locations.map(
      (location) =>
        `${index.aclOf(location.subnetId, location.vpcId)?.acl.id ?? ''}|${aclSignature(location)}`,
    );
    for (const peering of estate.peeringConnections) {
      if (peering.status !== 'active') continue;
      this.peers(peering.requesterVpcId).push(peering.accepterVpcId);
      this.peers(peering.accepterVpcId).push(peering.requesterVpcId);
    }
  }

  /**
   * Private addresses leave a VPC only over an active peering, through a transit gateway, or to a VPN,
   * Direct Connect or Cloud WAN network: only the classes of peered VPCs, and of VPCs that may leave
   * theirs when this one may, are candidates.
   */
  reach(source: number): Reach {
    const vpcId = (this.partition.locations[source] as Location).vpcId;
    let found = this.reaches.get(vpcId);
    if (found !== undefined) return found;
    const transit = this.index.mayLeaveVpc(vpcId)
      ? [...this.partition.vpcSpans.keys()].filter((vpc) => this.index.mayLeaveVpc(vpc))
      : [];
    const vpcs = new Set([vpcId, ...this.peers(vpcId), ...transit]);
    const spans = [...vpcs].flatMap((vpc) => {
      const span = this.partition.vpcSpans.get(vpc);
      return span === undefined ? [] : [[span.first, span.end] as const];
    });
    const locations = this.partition.locations.flatMap((location, at) =>
      vpcs.has(location.vpcId) ? [at] : [],
    );
    found = { spans: wordSpans(spans), locations };
    this.reaches.set(vpcId, found);
    return found;
  }

  /**
   * Rows (one per port interval, `words` wide) of the destination classes that routing and ACLs
   * surely allow from `source`, and of those they might. Returns where rules naming groups reach
   * from it; null when they reach every destination, as within a VPC and over peerings: only ways
   * through a transit gateway can make them stale.
   */
  fill(source: number, allow: Bits, unknown: Bits, words: number): ReferenceMasks | null {
    // Where references reach follows from routing alone: one answer per routing key of the source.
    const routeKey = this.routeKeys[source] as string;
    const known = this.referenceMasksByRoute.get(routeKey);
    const limited: [number, Routing['references']][] | null = known === undefined ? [] : null;
    for (const destination of this.reach(source).locations) {
      const { tri: route, ways, references } = this.route(source, destination);
      if (route === DENY) continue;
      if (limited !== null && (references.egress !== ALLOW || references.ingress !== ALLOW))
        limited.push([destination, references]);
      const acl = this.acl(source, destination, ways);
      const { firstClass, endClass } = this.partition.locations[destination] as Location;
      for (let k = 0; k < this.intervals.count; k++) {
        const verdict = Math.min(route, acl[k] as number);
        if (verdict !== DENY) setRange(verdict === ALLOW ? allow : unknown, k, words, firstClass, endClass);
      }
    }
    if (limited === null) return known as ReferenceMasks | null;
    const masks = limited.length === 0 ? null : this.referenceMasks(limited, words);
    this.referenceMasksByRoute.set(routeKey, masks);
    return masks;
  }

  /** With no destination in doubt, `any` is `sure` itself, which the sweep then ORs in once. */
  private referenceMasks(limited: readonly [number, Routing['references']][], words: number): ReferenceMasks {
    const mask = (direction: 'egress' | 'ingress') => {
      const sure = new Uint32Array(words).fill(0xffffffff);
      const doubt = limited.some(([, references]) => references[direction] === UNKNOWN);
      const any = doubt ? sure.slice() : sure;
      for (const [destination, references] of limited) {
        const { firstClass, endClass } = this.partition.locations[destination] as Location;
        const tri = references[direction];
        if (tri !== ALLOW) clearRange(sure, firstClass, endClass);
        if (tri === DENY && doubt) clearRange(any, firstClass, endClass);
      }
      return { sure, any };
    };
    return { egress: mask('egress'), ingress: mask('ingress') };
  }

  private peers(vpcId: string): string[] {
    let peers = this.peersOf.get(vpcId);
    if (peers === undefined) {
      peers = [];
      this.peersOf.set(vpcId, peers);
    }
    return peers;
  }

  private route(source: number, destination: number): Routing {
    const key = `${this.routeKeys[source]}>${this.routeKeys[destination]}`;
    let routing = this.routes.get(key);
    if (routing === undefined) {
      const [from, to] = [this.end(source), this.end(destination)];
      const { layer, request, reply } = routeFlow(this.index, from, to);
      const across = (direction: RuleDirection) =>
        triOf(referenceReach(this.index, from.vpcId, to.vpcId, request, direction).outcome);
      routing = {
        tri: triOf(layer.verdict),
        ways: { request, reply },
        references: { egress: across('egress'), ingress: across('ingress') },
      };
      this.routes.set(key, routing);
    }
    return routing;
  }

  private acl(source: number, destination: number, ways: Routing['ways']): Uint8Array {
    return ways.request.kind === 'direct' && ways.reply.kind === 'direct'
      ? this.directAcl(source, destination)
      : this.crossingAcl(source, destination, ways);
  }

  /** Per interval: request out of the source subnet, into the destination's, and the reply back. */
  private directAcl(source: number, destination: number): Uint8Array {
    const from = this.end(source);
    const to = this.end(destination);
    const same = from.subnetId === to.subnetId;
    const key = same ? 'same subnet' : `${this.aclKeys[source]}>${this.aclKeys[destination]}`;
    let verdicts = this.acls.get(key);
    if (verdicts !== undefined) return verdicts;
    verdicts = new Uint8Array(this.intervals.count).fill(ALLOW);
    for (const { protocol, offset, starts } of same ? [] : this.intervals.spaces) {
      const out = this.ports(source, destination, true, protocol);
      const into = this.ports(destination, source, false, protocol);
      const reply = this.reply(source, destination, protocol);
      starts.forEach((start, k) => {
        verdicts[offset + k] = Math.min(portTri(out, start), portTri(into, start), reply(start));
      });
    }
    this.acls.set(key, verdicts);
    return verdicts;
  }

  /**
   * The engine's nacl-reply per interval, given its first port: a tcp/udp reply must pass both ACLs on
   * one client port in 1024-65535, an ICMP query's answer both ACLs at its type (answered types are
   * intervals of their own); nothing else comes back.
   */
  private reply(source: number, destination: number, protocol: IpProtocol): (start: number) => Tri {
    const answered = hasPortRange(protocol) || answeredIcmpTypes(protocol).length > 0;
    const out = answered ? this.ports(destination, source, true, protocol) : null;
    const back = answered ? this.ports(source, destination, false, protocol) : null;
    if (!hasPortRange(protocol)) {
      return (start) => {
        const answer = icmpAnswer(protocol, start);
        return answer === null
          ? ALLOW
          : (Math.min(portTri(out, answer.type), portTri(back, answer.type)) as Tri);
      };
    }
    const passing =
      out === null || back === null
        ? UNKNOWN
        : out.allowed.intersect(back.allowed).intersect(EPHEMERAL_PORTS).isEmpty()
          ? DENY
          : ALLOW;
    return () => passing;
  }

  /**
   * The engine's nacl-outbound, nacl-inbound and nacl-reply over the ACLs a transit gateway's way
   * crosses, per interval: each layer decides where every subnet the gateway may deliver through
   * decides alike, as `aclLayers` does.
   */
  private crossingAcl(source: number, destination: number, ways: Routing['ways']): Uint8Array {
    const [from, to] = [this.end(source), this.end(destination)];
    const request = legCrossings(from, to, ways.request);
    const reply = legCrossings(to, from, ways.reply);
    const key = `${this.aclKeys[source]}>${this.aclKeys[destination]}|${this.crossingsKey(request)}|${this.crossingsKey(reply)}`;
    let verdicts = this.acls.get(key);
    if (verdicts !== undefined) return verdicts;
    verdicts = new Uint8Array(this.intervals.count);
    // Within a leg, egress crossings see its far end and ingress crossings its near one.
    const peerOf = (crossing: AclCrossing, near: number, far: number) => (crossing.egress ? far : near);
    for (const { protocol, offset, starts } of this.intervals.spaces) {
      const sides = (alternative: readonly AclCrossing[], egress: boolean) =>
        alternative
          .filter((crossing) => crossing.egress === egress)
          .map((crossing) =>
            this.placePorts(crossing.place, egress, peerOf(crossing, source, destination), protocol),
          );
      const outs = request.map((alternative) => sides(alternative, true));
      const ins = request.map((alternative) => sides(alternative, false));
      const backs = reply.map((alternative) =>
        this.replyOver(
          alternative.map((crossing) => ({
            egress: crossing.egress,
            ports: this.placePorts(
              crossing.place,
              crossing.egress,
              peerOf(crossing, destination, source),
              protocol,
            ),
          })),
          protocol,
        ),
      );
      starts.forEach((start, k) => {
        const layers = [
          alike(outs.map((all) => allOf(all, start))),
          alike(ins.map((all) => allOf(all, start))),
          alike(backs.map((back) => back(start))),
        ];
        verdicts[offset + k] = Math.min(...layers);
      });
    }
    this.acls.set(key, verdicts);
    return verdicts;
  }

  /** nacl-reply over any number of ACLs, as the engine's: one client port through all, or the ICMP answer. */
  private replyOver(
    sides: readonly { egress: boolean; ports: AclPorts }[],
    protocol: IpProtocol,
  ): (start: number) => Tri {
    if (sides.length === 0) return () => ALLOW;
    if (!hasPortRange(protocol)) {
      return (start) => {
        const answer = icmpAnswer(protocol, start);
        return answer === null
          ? ALLOW
          : allOf(
              sides.map((side) => side.ports),
              answer.type,
            );
      };
    }
    if (sides.some((side) => side.ports === null)) return () => UNKNOWN;
    let passing = EPHEMERAL_PORTS;
    for (const side of sides) passing = passing.intersect((side.ports as NonNullable<AclPorts>).allowed);
    const tri = passing.isEmpty() ? DENY : ALLOW;
    return () => tri;
  }

  private crossingsKey(alternatives: readonly (readonly AclCrossing[])[]): string {
    return alternatives
      .map((alternative) =>
        alternative
          .map(
            ({ place, egress }) =>
              `${this.index.aclOf(place.subnetId, place.vpcId)?.acl.id ?? '-'}${egress ? '>' : '<'}`,
          )
          .join(','),
      )
      .join(';');
  }

  /** The ACL of `own`'s subnet in one direction toward `peer`. */
  private ports(own: number, peer: number, egress: boolean, protocol: IpProtocol): AclPorts {
    return this.placePorts(this.end(own), egress, peer, protocol);
  }

  /** The ACL of a subnet in one direction toward a location's address. */
  private placePorts(place: AclPlace, egress: boolean, peer: number, protocol: IpProtocol): AclPorts {
    const found = this.index.aclOf(place.subnetId, place.vpcId);
    const key = `${found?.acl.id ?? '-'}|${egress}|${this.aclKeys[peer]}|${protocol}`;
    if (this.aclPorts.has(key)) return this.aclPorts.get(key) as AclPorts;
    const ports =
      found === null
        ? null
        : evaluateAcl(this.index.entries(found.acl.id, egress), this.end(peer).address, protocol);
    this.aclPorts.set(key, ports);
    return ports;
  }

  private end(location: number): FlowEnd {
    return this.ends[location] as FlowEnd;
  }
}

/** Every ACL must let the port pass; none at all lets everything pass. */
function allOf(sides: readonly AclPorts[], port: number): Tri {
  let tri: Tri = ALLOW;
  for (const side of sides) tri = Math.min(tri, portTri(side, port)) as Tri;
  return tri;
}

/** One answer where every alternative gives it, else unknown. */
function alike(tris: readonly Tri[]): Tri {
  const [first] = tris;
  return first !== undefined && tris.every((tri) => tri === first) ? first : UNKNOWN;
}

function portTri(ports: AclPorts, port: number): Tri {
  if (ports === null) return UNKNOWN;
  return ports.allowed.contains(port) ? ALLOW : ports.unknown.contains(port) ? UNKNOWN : DENY;
}

/** A location as the layers see a flow's end: its first workload stands for all. */
function flowEnd(partition: Partition, location: Location): FlowEnd {
  const { vpcId, subnetId, address, addressText } = location;
  const workloadId = partition.classes[location.firstClass]?.workloadIds[0] ?? '';
  return {
    resolved: { input: workloadId, workloadId, address: addressText, subnetId, vpcId },
    address,
    subnetId,
    vpcId,
    groupIds: new Set(),
    outside: false,
  };
}

/**
 * Which route destinations hold a location's address: the CIDRs, and for each prefix list a route
 * names, the lengths of its entries that hold it, or `?` when the index cannot tell.
 */
function routeSignature(estate: Estate, index: EstateIndex): (location: Location) => string {
  const destinations = [...estate.routeTables, ...estate.transitGatewayRouteTables].flatMap((table) =>
    table.routes.map((route) => route.destination),
  );
  const lists = [...new Set(destinations.filter((destination) => destination.startsWith('pl-')))];
  const cidrs = signatureOf(destinations.filter((destination) => !destination.startsWith('pl-')));
  return (location) => {
    const inLists = lists.map((id) => {
      const match = index.prefixListMatch(id, location.address);
      return typeof match === 'string' ? '?' : match.map((cidr) => cidr.prefixLength).join('+');
    });
    return `${cidrs(location)}|${inLists.join(',')}`;
  };
}

/** Which of `cidrs` hold a location's address, as a key. */
function signatureOf(cidrs: readonly string[]): (location: Location) => string {
  const byCidr = new Ipv4CidrIndex<number>();
  const ids = new Map<string, number>();
  for (const text of cidrs) {
    const cidr: Cidr | null = parseCidr(text);
    const key = cidr && `${cidr.network}/${cidr.prefixLength}`;
    if (cidr === null || key === null || ids.has(key)) continue;
    ids.set(key, ids.size);
    byCidr.add(cidr, ids.size - 1);
  }
  return (location) =>
    byCidr
      .containing(ipv4Number(location.address))
      .sort((a, b) => a - b)
      .join(',');
}
