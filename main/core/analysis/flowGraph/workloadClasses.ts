import type { Estate, Workload } from '../../domain/estate';
import { type Cidr, cidrContains, type IpAddress, parseCidr, parseIp } from '../../domain/ip';
import { acceptsConnectionsTo, opensConnectionsFrom } from '../connectionRoles';
import { Ipv4CidrIndex, ipv4Number } from './ipv4';
import type { WorkloadClass } from './types';

/** Where a class sits: its subnet and which narrower CIDRs hold its address. Classes of one location are contiguous. */
export interface Location {
  readonly vpcId: string;
  readonly subnetId: string;
  /** A member's address: every address of the location is matched alike by every CIDR of the estate. */
  readonly address: IpAddress;
  readonly addressText: string;
  readonly firstClass: number;
  readonly endClass: number;
}

export interface Partition {
  readonly classes: readonly WorkloadClass[];
  readonly locations: readonly Location[];
  /** Per class, its location's index. */
  readonly locationOf: Int32Array;
  /** Per VPC, the classes in it: contiguous. */
  readonly vpcSpans: ReadonlyMap<string, { readonly first: number; readonly end: number }>;
}

interface Placed {
  readonly workload: Workload;
  readonly address: IpAddress;
  readonly addressText: string;
  readonly locationKey: string;
  readonly groupIds: string[];
  /** The groups joined, printed once: the sort compares it about log n times per workload. */
  readonly groupsKey: string;
  readonly acceptsConnections: boolean;
  readonly opensConnections: boolean;
}

/**
 * Classes start from (VPC, subnet, groups). Rules, entries and routes also see the address, through
 * CIDRs: a CIDR containing the whole subnet, or disjoint from it, treats all its members alike, so
 * only CIDRs strictly inside the subnet split it. The address signature is the set of those that
 * contain the address; with it, two members of a class get the same verdict from every layer.
 */
export function partitionWorkloads(estate: Estate): Partition {
  const subnets = subnetCidrsOf(estate).bySubnet;
  const placed: Placed[] = [];
  for (const workload of estate.workloads) {
    // The engine's address for an ENI; ENIs without IPv4 talk IPv6, which the graph leaves out.
    const addressText = workload.privateIps[0];
    const address = addressText === undefined ? null : parseIp(addressText);
    if (addressText === undefined || address === null || address.family !== 4) continue;
    const signature = addressSignature(subnets.get(workload.subnetId), address);
    const groupIds = [...new Set(workload.groupIds)].sort();
    const acceptsConnections = acceptsConnectionsTo(workload);
    const opensConnections = opensConnectionsFrom(workload);
    // Members of a class must share these too: a NAT gateway's interface carries no group, yet is not
    // treated as other group-less ENIs are, and an endpoint's groups let nothing start from it.
    const roles = `${acceptsConnections ? '' : '\0takes-none'}${opensConnections ? '' : '\0opens-none'}`;
    placed.push({
      workload,
      address,
      addressText,
      locationKey: `${workload.vpcId}\t${workload.subnetId}\t${signature}`,
      groupIds,
      groupsKey: `${roles}${groupIds.join(',')}`,
      acceptsConnections,
      opensConnections,
    });
  }
  placed.sort((a, b) => compare(a.locationKey, b.locationKey) || compare(a.groupsKey, b.groupsKey));
  return assemble(placed);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function assemble(placed: readonly Placed[]): Partition {
  const classes: WorkloadClass[] = [];
  const locations: Location[] = [];
  const locationOf: number[] = [];
  const vpcSpans = new Map<string, { first: number; end: number }>();
  let members: string[] = [];
  let previous: Placed | undefined;
  for (const one of placed) {
    const { workload } = one;
    const newLocation = previous?.locationKey !== one.locationKey;
    if (previous === undefined || newLocation || previous.groupsKey !== one.groupsKey) {
      if (newLocation) {
        const { vpcId, subnetId } = workload;
        const { address, addressText } = one;
        locations.push({ vpcId, subnetId, address, addressText, firstClass: classes.length, endClass: 0 });
      }
      const span = vpcSpans.get(workload.vpcId) ?? { first: classes.length, end: 0 };
      vpcSpans.set(workload.vpcId, { ...span, end: classes.length + 1 });
      members = [];
      const { vpcId, subnetId } = workload;
      const { groupIds, acceptsConnections, opensConnections } = one;
      classes.push({
        id: classes.length,
        vpcId,
        subnetId,
        groupIds,
        acceptsConnections,
        opensConnections,
        workloadIds: members,
      });
      locationOf.push(locations.length - 1);
    }
    members.push(workload.id);
    previous = one;
  }
  const ended = locations.map((location, at) => ({
    ...location,
    endClass: locations[at + 1]?.firstClass ?? classes.length,
  }));
  return { classes, locations: ended, locationOf: Int32Array.from(locationOf), vpcSpans };
}

interface SubnetCidrs {
  readonly cidr: Cidr;
  /** The named CIDRs strictly inside the subnet's, by id. */
  readonly narrow: Ipv4CidrIndex<number>;
}

/** `@address` when the address is outside its subnet's CIDR (a broken export): then only it is known alike. */
function addressSignature(subnet: SubnetCidrs | undefined, address: IpAddress): string {
  if (subnet === undefined || !cidrContains(subnet.cidr, address)) return `@${address.value}`;
  return subnet.narrow
    .containing(ipv4Number(address))
    .sort((a, b) => a - b)
    .join(',');
}

/**
 * Whether `estate` has the classes of `earlier`, which it was made from (a what-if's estate after a
 * change, from the one before): the same workloads and subnets, the very objects, as a change leaves
 * those it does not edit, and the same CIDRs strictly inside subnets, the only ones that split a
 * class. Partitioning the bench estate's 50,000 workloads takes a third of a second; this check,
 * the CIDRs of both once read, a pass over the two lists.
 */
export function hasClassesOf(estate: Estate, earlier: Estate): boolean {
  if (!sameItems(estate.workloads, earlier.workloads) || !sameItems(estate.subnets, earlier.subnets)) {
    return false;
  }
  const [inside, insideEarlier] = [subnetCidrsOf(estate).inside, subnetCidrsOf(earlier).inside];
  return inside.size === insideEarlier.size && [...inside].every((key) => insideEarlier.has(key));
}

function sameItems<T>(items: readonly T[], others: readonly T[]): boolean {
  return items.length === others.length && items.every((item, at) => item === others[at]);
}

interface SubnetCidrsOfEstate {
  readonly bySubnet: ReadonlyMap<string, SubnetCidrs>;
  readonly inside: ReadonlySet<string>;
}

/**
 * By estate: `hasClassesOf` asks for the estate before a change at every what-if, and for the estate
 * after it just before that estate may be partitioned.
 */
const subnetCidrsByEstate = new WeakMap<Estate, SubnetCidrsOfEstate>();

function subnetCidrsOf(estate: Estate): SubnetCidrsOfEstate {
  let found = subnetCidrsByEstate.get(estate);
  if (found === undefined) {
    found = subnetCidrs(estate);
    subnetCidrsByEstate.set(estate, found);
  }
  return found;
}

/**
 * Every IPv4 CIDR a rule, entry, route (of a subnet or a transit gateway) or prefix list names, filed under the subnets it lies strictly
 * inside; and those CIDRs, as `network/length`.
 */
function subnetCidrs(estate: Estate): SubnetCidrsOfEstate {
  const bySubnet = new Map<string, SubnetCidrs>();
  const subnets = new Ipv4CidrIndex<SubnetCidrs>();
  for (const subnet of estate.subnets) {
    const cidr = subnet.cidrBlock === null ? null : parseCidr(subnet.cidrBlock);
    if (cidr === null) continue;
    const cidrs = { cidr, narrow: new Ipv4CidrIndex<number>() };
    bySubnet.set(subnet.id, cidrs);
    subnets.add(cidr, cidrs);
  }
  const inside = new Set<string>();
  for (const [id, cidr] of namedCidrs(estate).entries()) {
    for (const subnet of subnets.containing(Number(cidr.network))) {
      if (subnet.cidr.prefixLength < cidr.prefixLength) {
        subnet.narrow.add(cidr, id);
        inside.add(`${cidr.network}/${cidr.prefixLength}`);
      }
    }
  }
  return { bySubnet, inside };
}

function namedCidrs(estate: Estate): Cidr[] {
  const texts = new Set<string>();
  for (const { peer } of estate.securityGroupRules) if (peer.kind === 'cidr4') texts.add(peer.cidr);
  for (const entry of estate.networkAclEntries) texts.add(entry.cidr);
  for (const table of estate.routeTables) for (const route of table.routes) texts.add(route.destination);
  for (const table of estate.transitGatewayRouteTables) {
    for (const route of table.routes) texts.add(route.destination);
  }
  for (const list of estate.prefixLists) for (const entry of list.entries ?? []) texts.add(entry);
  const distinct = new Map<string, Cidr>();
  for (const text of texts) {
    const cidr = parseCidr(text);
    if (cidr?.family === 4) distinct.set(`${cidr.network}/${cidr.prefixLength}`, cidr);
  }
  return [...distinct.values()];
}
