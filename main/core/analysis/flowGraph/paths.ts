import type { Estate, IpProtocol } from '../../domain/estate';
import { type Cidr, parseCidr } from '../../domain/ip';
import { hasPortRange } from '../../domain/ipProtocol';
import type { FlowEnd } from '../endpoints';
import type { EstateIndex } from '../estateIndex';
import { evaluateAcl } from '../networkAclLayer';
import type { PortSet } from '../portSet';
import { answeredIcmpTypes, EPHEMERAL_PORTS, icmpAnswer } from '../protocol';
import { routeLayer } from '../routing';
import type { LayerOutcome } from '../verdict';
import { type Bits, setRange, type WordSpans, wordSpans } from './bitset';
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

/**
 * Routing and network ACLs between locations. Both see a location only through its VPC, its subnet's
 * route table or ACL, and which route destinations or ACL entry CIDRs hold its address: locations
 * that agree on those share a routing key or an ACL key, and each layer is evaluated once per pair of
 * keys, with the engine's own `routeLayer` and `evaluateAcl`.
 */
export class Paths {
  private readonly ends: FlowEnd[];
  private readonly routeKeys: string[];
  private readonly aclKeys: string[];
  private readonly routes = new Map<string, Tri>();
  private readonly acls = new Map<string, Uint8Array>();
  private readonly aclPorts = new Map<string, AclPorts>();
  private readonly reaches = new Map<string, Reach>();
  private readonly peersOf = new Map<string, string[]>();

  constructor(
    estate: Estate,
    private readonly index: EstateIndex,
    private readonly partition: Partition,
    private readonly intervals: PortIntervals,
  ) {
    const { locations } = partition;
    this.ends = locations.map((location) => flowEnd(partition, location));
    const routeKey = routeSignature(estate, index);
    this.routeKeys = locations.map((location) => {
      const lookup = index.routeTableOf(location.subnetId, location.vpcId);
      const table = lookup.kind === 'table' ? lookup.table.id : lookup.kind;
      return `${location.vpcId}|${table}|${routeKey(location)}`;
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

  /** Private addresses never leave a VPC without an active peering: only these VPCs' classes are candidates. */
  reach(source: number): Reach {
    const vpcId = (this.partition.locations[source] as Location).vpcId;
    let found = this.reaches.get(vpcId);
    if (found !== undefined) return found;
    const vpcs = new Set([vpcId, ...this.peers(vpcId)]);
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
   * surely allow from `source`, and of those they might.
   */
  fill(source: number, allow: Bits, unknown: Bits, words: number): void {
    for (const destination of this.reach(source).locations) {
      const route = this.route(source, destination);
      if (route === DENY) continue;
      const acl = this.acl(source, destination);
      const { firstClass, endClass } = this.partition.locations[destination] as Location;
      for (let k = 0; k < this.intervals.count; k++) {
        const verdict = Math.min(route, acl[k] as number);
        if (verdict !== DENY) setRange(verdict === ALLOW ? allow : unknown, k, words, firstClass, endClass);
      }
    }
  }

  private peers(vpcId: string): string[] {
    let peers = this.peersOf.get(vpcId);
    if (peers === undefined) {
      peers = [];
      this.peersOf.set(vpcId, peers);
    }
    return peers;
  }

  private route(source: number, destination: number): Tri {
    const key = `${this.routeKeys[source]}>${this.routeKeys[destination]}`;
    let verdict = this.routes.get(key);
    if (verdict === undefined) {
      verdict = triOf(routeLayer(this.index, this.end(source), this.end(destination)).verdict);
      this.routes.set(key, verdict);
    }
    return verdict;
  }

  /** Per interval: request out of the source subnet, into the destination's, and the reply back. */
  private acl(source: number, destination: number): Uint8Array {
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

  /** The ACL of `own`'s subnet in one direction toward `peer`. */
  private ports(own: number, peer: number, egress: boolean, protocol: IpProtocol): AclPorts {
    const key = `${this.aclKeys[own]}|${egress}|${this.aclKeys[peer]}|${protocol}`;
    if (this.aclPorts.has(key)) return this.aclPorts.get(key) as AclPorts;
    const { subnetId, vpcId } = this.end(own);
    const found = this.index.aclOf(subnetId, vpcId);
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
  const destinations = estate.routeTables.flatMap((table) => table.routes.map((route) => route.destination));
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
