import { type PrefixOwners, prefixOwners } from '../domain/delegatedPrefixes';
import type {
  Estate,
  NetworkAcl,
  NetworkAclEntry,
  PeeringConnection,
  PrefixList,
  PublicAccessExclusion,
  Route,
  RouteTable,
  RuleDirection,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  Vpc,
  Workload,
} from '../domain/estate';
import {
  addressKey,
  type Cidr,
  cidrContains,
  formatIp,
  type IpAddress,
  isInternetAddress,
  isPrivateAddress,
  parseCidr,
  parseIp,
} from '../domain/ip';
import { hasPortRange } from '../domain/ipProtocol';
import { isAwsManaged } from '../domain/prefixLists';
import { publicAddresses } from '../domain/publicAddresses';
import { natGatewayIdOf } from '../domain/workloadKind';
import type { TrafficSelector } from './protocol';
import { isPrivateGateway } from './routeTargets';

export type IndexedPeer =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

export interface IndexedRule {
  readonly rule: SecurityGroupRule;
  readonly peer: IndexedPeer;
  readonly selector: TrafficSelector;
}

export interface IndexedEntry {
  readonly entry: NetworkAclEntry;
  readonly cidr: Cidr;
  readonly selector: TrafficSelector;
}

interface IndexedPrefixList {
  readonly prefixList: PrefixList;
  /** null when the export has the list but not its entries. */
  readonly cidrs: readonly Cidr[] | null;
}

export interface IndexedRoute {
  readonly route: Route;
  /** Index in the table's Routes list, for the JSON path of the explanation. */
  readonly position: number;
  /** A CIDR destination, or the prefix list a `DestinationPrefixListId` route names. */
  readonly destination: { readonly cidr: Cidr } | { readonly prefixListId: string };
}

export interface IndexedTransitGatewayRoute {
  readonly route: TransitGatewayRoute;
  readonly destination: { readonly cidr: Cidr } | { readonly prefixListId: string };
}

export type RouteTableLookup =
  | { readonly kind: 'table'; readonly table: RouteTable; readonly routes: readonly IndexedRoute[] }
  /** No route table of the VPC is in the export at all. */
  | { readonly kind: 'not-exported' }
  /** The VPC's tables are exported, but not the one this subnet uses (its main table). */
  | { readonly kind: 'missing-main' };

export interface AddressOwner {
  readonly workload: Workload;
  /** The address as the export wrote it. */
  readonly text: string;
}

/**
 * Everything a reachability query looks up, keyed once per estate so that a query touches only the
 * objects on its path: the rules of the groups of two ENIs, the entries of two ACLs, two route tables.
 */
/** The family a prefix list holds, as describe-managed-prefix-lists prints it (`IPv4`, `IPv6`); null when not printed. */
export function listFamily(list: PrefixList): 4 | 6 | null {
  return list.addressFamily === 'IPv4' ? 4 : list.addressFamily === 'IPv6' ? 6 : null;
}

/** A Block Public Access exclusion and the VPC or subnet it names. */
export interface NamingExclusion {
  readonly exclusion: PublicAccessExclusion;
  readonly of: string;
}

export class EstateIndex {
  private readonly workloads = new Map<string, Workload>();
  private readonly interfacesByInstance = new Map<string, Workload[]>();
  private readonly natInterfaces = new Map<string, Workload>();
  private readonly byAddress = new Map<string, AddressOwner[]>();
  private readonly byPublicAddress = new Map<string, AddressOwner>();
  private readonly byPrefix: PrefixOwners<Workload[]>;
  private readonly groups: Map<string, SecurityGroup>;
  private readonly rulesByGroup = new Map<string, IndexedRule[]>();
  private readonly prefixLists = new Map<string, IndexedPrefixList>();
  private readonly subnets: Map<string, Subnet>;
  private readonly zonesById: boolean;
  private readonly aclBySubnet = new Map<string, NetworkAcl>();
  private readonly defaultAclByVpc = new Map<string, NetworkAcl>();
  private readonly entriesByAcl = new Map<string, IndexedEntry[]>();
  private readonly tableBySubnet = new Map<string, RouteTable>();
  private readonly mainTableByVpc = new Map<string, RouteTable>();
  private readonly vpcsWithTables = new Set<string>();
  private readonly routesByTable = new Map<string, IndexedRoute[]>();
  private readonly tableByGateway = new Map<string, RouteTable>();
  private readonly internetGatewayByVpc = new Map<string, string>();
  /** The VPCs whose Region has a Block Public Access mode. */
  private readonly blockedVpcs = new Map<string, Vpc>();
  private readonly privateIpv6: { readonly cidr: Cidr; readonly text: string; readonly vpcId: string }[] = [];
  private readonly peeringsByPair = new Map<string, PeeringConnection[]>();
  private readonly transitGateways = new Map<string, TransitGateway>();
  private readonly attachments = new Map<string, TransitGatewayAttachment>();
  private readonly attachmentsByVpc = new Map<string, TransitGatewayAttachment[]>();
  private readonly transitGatewaysSeen = new Set<string>();
  private readonly vpcsRoutingToTransitGateways = new Set<string>();
  private readonly vpcsRoutingToPrivateGateways = new Set<string>();
  /** The transit gateways each VPC is attached to or routes to. */
  private readonly transitGatewaysByVpc = new Map<string, Set<string>>();
  private readonly transitGatewayTables = new Map<
    string,
    { table: TransitGatewayRouteTable; routes: IndexedTransitGatewayRoute[] }
  >();

  constructor(estate: Estate) {
    for (const workload of estate.workloads) {
      this.workloads.set(workload.id, workload);
      if (workload.instanceId !== null) pushTo(this.interfacesByInstance, workload.instanceId, workload);
      const natId = natGatewayIdOf(workload);
      if (natId !== null) this.natInterfaces.set(natId, workload);
      for (const text of [...workload.privateIps, ...workload.ipv6Addresses]) {
        const address = parseIp(text);
        if (address !== null) pushTo(this.byAddress, addressKey(address), { workload, text });
      }
      for (const { publicIp, privateIp } of publicAddresses(workload)) {
        const address = parseIp(publicIp);
        if (address !== null) this.byPublicAddress.set(addressKey(address), { workload, text: privateIp });
      }
    }
    this.byPrefix = prefixOwners(estate.workloads);
    this.groups = new Map(estate.securityGroups.map((group) => [group.id, group]));
    for (const rule of estate.securityGroupRules) {
      pushTo(this.rulesByGroup, ruleKey(rule.groupId, rule.direction), indexRule(rule));
    }
    for (const prefixList of estate.prefixLists) {
      const cidrs = prefixList.entries?.map((text) => cidrOf(text, `prefix list ${prefixList.id}`)) ?? null;
      this.prefixLists.set(prefixList.id, { prefixList, cidrs });
    }
    this.subnets = new Map(estate.subnets.map((subnet) => [subnet.id, subnet]));
    for (const vpc of estate.vpcs) {
      if (vpc.blockPublicAccess !== undefined) this.blockedVpcs.set(vpc.id, vpc);
      for (const text of vpc.privateIpv6CidrBlocks ?? []) {
        const cidr = parseCidr(text);
        if (cidr !== null) this.privateIpv6.push({ cidr, text, vpcId: vpc.id });
      }
    }
    this.zonesById = estate.subnets.every((subnet) => subnet.availabilityZoneId !== undefined);
    for (const acl of estate.networkAcls) {
      for (const subnetId of acl.subnetIds) this.aclBySubnet.set(subnetId, acl);
      if (acl.isDefault) this.defaultAclByVpc.set(acl.vpcId, acl);
    }
    for (const entry of estate.networkAclEntries) {
      pushTo(this.entriesByAcl, entryKey(entry.aclId, entry.egress), indexEntry(entry));
    }
    // AWS evaluates entries by ascending rule number, whatever order the export lists them in.
    for (const entries of this.entriesByAcl.values()) {
      entries.sort((a, b) => a.entry.ruleNumber - b.entry.ruleNumber);
    }
    for (const table of estate.routeTables) {
      this.vpcsWithTables.add(table.vpcId);
      if (table.isMain) this.mainTableByVpc.set(table.vpcId, table);
      for (const subnetId of table.subnetIds) this.tableBySubnet.set(subnetId, table);
      for (const gatewayId of table.gatewayIds ?? []) {
        this.tableByGateway.set(gatewayKey(table.vpcId, gatewayId), table);
        if (gatewayId.startsWith('igw-')) this.internetGatewayByVpc.set(table.vpcId, gatewayId);
      }
      this.routesByTable.set(table.id, table.routes.map(indexRoute(table)));
      for (const route of table.routes) {
        if (isPrivateGateway(route)) this.vpcsRoutingToPrivateGateways.add(table.vpcId);
        if (route.targetKind !== 'transit-gateway') continue;
        this.vpcsRoutingToTransitGateways.add(table.vpcId);
        this.noteTransitGateway(table.vpcId, route.targetId);
      }
    }
    for (const peering of estate.peeringConnections) {
      pushTo(this.peeringsByPair, pairKey(peering.requesterVpcId, peering.accepterVpcId), peering);
    }
    for (const gateway of estate.transitGateways) this.transitGateways.set(gateway.id, gateway);
    for (const attachment of estate.transitGatewayAttachments) {
      this.attachments.set(attachment.id, attachment);
      this.transitGatewaysSeen.add(attachment.transitGatewayId);
      if (attachment.resourceType !== 'vpc') continue;
      pushTo(this.attachmentsByVpc, attachment.resourceId, attachment);
      this.noteTransitGateway(attachment.resourceId, attachment.transitGatewayId);
    }
    for (const table of estate.transitGatewayRouteTables) {
      const routes = table.routes.map((route) => ({
        route,
        destination: route.destination.startsWith('pl-')
          ? { prefixListId: route.destination }
          : { cidr: cidrOf(route.destination, `transit gateway route table ${table.id}`) },
      }));
      this.transitGatewayTables.set(table.id, { table, routes });
    }
  }

  workload(id: string): Workload | undefined {
    return this.workloads.get(id);
  }

  /** An instance's primary ENI (device index 0 on network card 0). */
  primaryWorkloadOf(instanceId: string): Workload | undefined {
    return this.instanceInterfaces(instanceId).find(
      (workload) => workload.deviceIndex === 0 && !workload.networkCardIndex,
    );
  }

  /** The ENIs of the export attached to the instance, in export order. */
  instanceInterfaces(instanceId: string): readonly Workload[] {
    return this.interfacesByInstance.get(instanceId) ?? [];
  }

  /** The network interface of a NAT gateway, which a route names by the gateway's id. */
  natGatewayInterface(natId: string): Workload | undefined {
    return this.natInterfaces.get(natId);
  }

  /**
   * The ENIs holding an address: as one of their own, else (in a VPC where none lists it) inside a
   * prefix delegated to them. VPCs of different accounts may reuse a range, so there may be one in
   * each: which one a flow means is the other end's to decide (endpoints.ts).
   */
  holders(address: IpAddress): readonly AddressOwner[] {
    const own = this.byAddress.get(addressKey(address)) ?? [];
    const delegated = (this.byPrefix.ownerOf(address) ?? [])
      .filter((workload) => !own.some((owner) => owner.workload.vpcId === workload.vpcId))
      .map((workload) => ({ workload, text: formatIp(address) }));
    return delegated.length === 0 ? own : [...own, ...delegated];
  }

  /** The workload whose public or Elastic IPv4 address this is, and the private address it translates to. */
  publicOwnerOf(address: IpAddress): AddressOwner | undefined {
    return this.byPublicAddress.get(addressKey(address));
  }

  group(id: string): SecurityGroup | undefined {
    return this.groups.get(id);
  }

  rules(groupId: string, direction: RuleDirection): readonly IndexedRule[] {
    return this.rulesByGroup.get(ruleKey(groupId, direction)) ?? [];
  }

  /**
   * The CIDRs of a prefix list that contain the address, or why that cannot be told. AWS-managed lists
   * (names starting `com.amazonaws.`, which AWS reserves) hold public AWS service ranges, so even without
   * their entries they are known not to contain a private address.
   */
  prefixListMatch(id: string, address: IpAddress): readonly Cidr[] | string {
    const list = this.prefixLists.get(id);
    if (list === undefined) return `prefix list ${id} is not in the export`;
    // "A prefix list supports a single type of IP addressing only (IPv4 or IPv6)": an unexported
    // list of the other family cannot hold the address.
    if (listFamily(list.prefixList) !== address.family && listFamily(list.prefixList) !== null) return [];
    if (list.cidrs !== null) return list.cidrs.filter((cidr) => cidrContains(cidr, address));
    const { name } = list.prefixList;
    if (isAwsManaged(name) && isPrivateAddress(address)) return [];
    return `the entries of prefix list ${id}${name === null ? '' : ` (${name})`} are not in the export (aws ec2 get-managed-prefix-list-entries --prefix-list-id ${id} prints them; import its output saved as ${id}.json)`;
  }

  subnet(id: string): Subnet | undefined {
    return this.subnets.get(id);
  }

  /**
   * Where the subnet is, comparable across accounts: its zone's id (`use1-az1`) when every subnet
   * has one, for a zone's name (`us-east-1a`) is another place in another account ("AZ IDs" in the
   * AWS Regions and Availability Zones guide); else its name, which is right within one account.
   */
  subnetZone(id: string): string | null {
    const subnet = this.subnets.get(id);
    if (subnet === undefined) return null;
    return (this.zonesById ? subnet.availabilityZoneId : null) ?? subnet.availabilityZone;
  }

  /** The subnet's associated ACL, else its VPC's default ACL, which AWS applies to unassociated subnets. */
  aclOf(subnetId: string, vpcId: string): { acl: NetworkAcl; byDefault: boolean } | null {
    const associated = this.aclBySubnet.get(subnetId);
    if (associated !== undefined) return { acl: associated, byDefault: false };
    const fallback = this.defaultAclByVpc.get(vpcId);
    return fallback === undefined ? null : { acl: fallback, byDefault: true };
  }

  /** Sorted by rule number. */
  entries(aclId: string, egress: boolean): readonly IndexedEntry[] {
    return this.entriesByAcl.get(entryKey(aclId, egress)) ?? [];
  }

  /** The subnet's explicitly associated table, else its VPC's main table. */
  routeTableOf(subnetId: string, vpcId: string): RouteTableLookup {
    const table = this.tableBySubnet.get(subnetId) ?? this.mainTableByVpc.get(vpcId);
    if (table !== undefined) return { kind: 'table', table, routes: this.routesByTable.get(table.id) ?? [] };
    return this.vpcsWithTables.has(vpcId) ? { kind: 'missing-main' } : { kind: 'not-exported' };
  }

  /** The route table associated with a gateway of the VPC, which routes what enters through it; if any. */
  gatewayRouteTable(
    vpcId: string,
    gatewayId: string,
  ): { table: RouteTable; routes: readonly IndexedRoute[] } | null {
    const table = this.tableByGateway.get(gatewayKey(vpcId, gatewayId));
    return table === undefined ? null : { table, routes: this.routesByTable.get(table.id) ?? [] };
  }

  /** The VPC's IPv6 block marked private that holds the address, if any: the internet does not route it. */
  privateIpv6Block(address: IpAddress): { readonly text: string; readonly vpcId: string } | null {
    if (address.family !== 6) return null;
    return this.privateIpv6.find((block) => cidrContains(block.cidr, address)) ?? null;
  }

  /**
   * Whether the internet routes the address to its VPC: an IPv6 address outside the special ranges
   * and outside every block marked private. Such an address is global, wherever it is used.
   */
  isGlobalIpv6(address: IpAddress): boolean {
    return address.family === 6 && isInternetAddress(address) && this.privateIpv6Block(address) === null;
  }

  /** The VPC Block Public Access mode of the VPC's Region, as its describe-vpcs record says; null: off. */
  blockPublicAccess(vpcId: string): NonNullable<Vpc['blockPublicAccess']> | null {
    return this.blockedVpcs.get(vpcId)?.blockPublicAccess ?? null;
  }

  /**
   * The Block Public Access exclusions that name a subnet of a blocked VPC, or the VPC; null when the
   * export holds no describe-vpc-block-public-access-exclusions, so that none is known.
   */
  publicAccessExclusions(vpcId: string, subnetId: string): readonly NamingExclusion[] | null {
    const vpc = this.blockedVpcs.get(vpcId);
    if (vpc?.blockPublicAccessExclusion === undefined) return null;
    const subnet = this.subnets.get(subnetId)?.blockPublicAccessExclusion;
    return [
      ...(subnet === undefined ? [] : [{ exclusion: subnet, of: subnetId }]),
      ...(vpc.blockPublicAccessExclusion === null
        ? []
        : [{ exclusion: vpc.blockPublicAccessExclusion, of: vpcId }]),
    ];
  }

  /**
   * The VPC's internet gateway, when the export associates a route table with it. A VPC has at most
   * one internet gateway, so whatever reaches the VPC from the internet enters through this one.
   */
  routedInternetGateway(vpcId: string): string | null {
    return this.internetGatewayByVpc.get(vpcId) ?? null;
  }

  peerings(vpcA: string, vpcB: string): readonly PeeringConnection[] {
    return this.peeringsByPair.get(pairKey(vpcA, vpcB)) ?? [];
  }

  /** From describe-transit-gateways; null when that output was not imported at all. */
  transitGateway(id: string): TransitGateway | undefined | null {
    return this.transitGateways.size === 0 ? null : this.transitGateways.get(id);
  }

  transitGatewayAttachment(id: string): TransitGatewayAttachment | undefined {
    return this.attachments.get(id);
  }

  /** The VPC's attachments to transit gateways, to one when `transitGatewayId` is given. */
  vpcAttachments(vpcId: string, transitGatewayId?: string): readonly TransitGatewayAttachment[] {
    const all = this.attachmentsByVpc.get(vpcId) ?? [];
    return transitGatewayId === undefined
      ? all
      : all.filter((attachment) => attachment.transitGatewayId === transitGatewayId);
  }

  /** Whether the VPC has a transit gateway attachment in the export, or a route to a transit gateway. */
  mayUseTransitGateway(vpcId: string): boolean {
    return this.attachmentsByVpc.has(vpcId) || this.vpcsRoutingToTransitGateways.has(vpcId);
  }

  /**
   * Whether private addresses may leave the VPC for another: through a transit gateway, or a route
   * to a virtual private gateway or a Cloud WAN core network (routeTargets.ts, isPrivateGateway).
   */
  mayLeaveVpc(vpcId: string): boolean {
    return this.mayUseTransitGateway(vpcId) || this.vpcsRoutingToPrivateGateways.has(vpcId);
  }

  /** Transit gateways both VPCs are attached to or route to: the ones that may carry traffic between them. */
  sharedTransitGateways(vpcA: string, vpcB: string): string[] {
    const theirs = this.transitGatewaysByVpc.get(vpcB);
    return [...(this.transitGatewaysByVpc.get(vpcA) ?? [])].filter((id) => theirs?.has(id));
  }

  private noteTransitGateway(vpcId: string, transitGatewayId: string): void {
    const known = this.transitGatewaysByVpc.get(vpcId) ?? new Set<string>();
    this.transitGatewaysByVpc.set(vpcId, known.add(transitGatewayId));
  }

  /** Whether any attachment of the transit gateway is in the export. */
  knowsTransitGateway(transitGatewayId: string): boolean {
    return this.transitGatewaysSeen.has(transitGatewayId);
  }

  transitGatewayRouteTable(
    id: string,
  ): { table: TransitGatewayRouteTable; routes: readonly IndexedTransitGatewayRoute[] } | undefined {
    return this.transitGatewayTables.get(id);
  }
}

const ruleKey = (groupId: string, direction: RuleDirection) => `${groupId}/${direction}`;
const entryKey = (aclId: string, egress: boolean) => `${aclId}/${egress ? 'egress' : 'ingress'}`;
/** By VPC too: a gateway belongs to one VPC, and a table of another VPC naming it must not route this one's traffic. */
const gatewayKey = (vpcId: string, gatewayId: string) => `${vpcId}/${gatewayId}`;
/** Peering is symmetric: either VPC may be the requester. */
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}

/** The importer keeps CIDRs as written; one that does not parse cannot be evaluated honestly either way. */
function cidrOf(text: string, owner: string): Cidr {
  const cidr = parseCidr(text);
  if (cidr === null) throw new Error(`${owner} has "${text}", which is not an IPv4 or IPv6 CIDR`);
  return cidr;
}

function indexRule(rule: SecurityGroupRule): IndexedRule {
  const { peer, fromPort, toPort, protocol } = rule;
  const owner = `security group rule ${rule.key}`;
  const ports = fromPort === null || toPort === null ? null : { from: fromPort, to: toPort };
  return {
    rule,
    peer:
      peer.kind === 'cidr4' || peer.kind === 'cidr6'
        ? { kind: 'cidr', cidr: cidrOf(peer.cidr, owner) }
        : peer.kind === 'group'
          ? { kind: 'group', groupId: peer.groupId }
          : { kind: 'prefix-list', prefixListId: peer.prefixListId },
    // FromPort/ToPort are a port range for tcp/udp and type/code for icmp (see SecurityGroupRule).
    selector: hasPortRange(protocol)
      ? { protocol, ports, icmp: null }
      : { protocol, ports: null, icmp: ports && { type: ports.from, code: ports.to } },
  };
}

function indexEntry(entry: NetworkAclEntry): IndexedEntry {
  return {
    entry,
    cidr: cidrOf(entry.cidr, `network ACL ${entry.aclId} rule ${entry.ruleNumber}`),
    selector: { protocol: entry.protocol, ports: entry.portRange, icmp: entry.icmp },
  };
}

function indexRoute(table: RouteTable): (route: Route, position: number) => IndexedRoute {
  return (route, position) => ({
    route,
    position,
    destination: route.destination.startsWith('pl-')
      ? { prefixListId: route.destination }
      : { cidr: cidrOf(route.destination, `route table ${table.id}`) },
  });
}
