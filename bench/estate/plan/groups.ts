import { awsId, type Random } from '../random';
import type { EstateSizes } from '../sizes';
import { connectedVpcs, type NetworkPlan, type PrefixListPlan, type VpcPlan } from './network';

/** One IpPermission: a protocol and port range with its peers, each list as AWS prints it. */
export interface PermissionPlan {
  readonly protocol: string;
  readonly ports: { readonly from: number; readonly to: number } | null;
  readonly cidrs: string[];
  readonly ipv6Cidrs: string[];
  readonly groupIds: string[];
  readonly prefixListIds: string[];
}

export interface GroupPlan {
  readonly id: string;
  readonly name: string;
  readonly vpc: VpcPlan;
  readonly ingress: PermissionPlan[];
  readonly egress: PermissionPlan[];
}

const tcpPorts = [443, 80, 22, 5432, 3306, 6379, 8080, 8443, 9092, 27017, 2049, 9200];
const tcpRanges: readonly [number, number][] = [
  [8000, 8099],
  [1024, 65535],
  [30000, 32767],
  [9090, 9100],
];
const udpPorts = [53, 123, 514, 1194, 4789];

/**
 * Groups are spread over the VPCs round-robin; the first group of each VPC is its `default`.
 * Rules are dealt out evenly, counted one per peer, so the importer's rule count equals `sizes.rules`.
 */
export function planGroups(sizes: EstateSizes, network: NetworkPlan, random: Random): GroupPlan[] {
  const { vpcs } = network;
  const groups = Array.from({ length: sizes.groups }, (_, index): GroupPlan => {
    const vpc = vpcs[index % vpcs.length] as VpcPlan;
    return {
      id: awsId('sg', index),
      name: index < vpcs.length ? 'default' : `app-${index}`,
      vpc,
      ingress: [],
      egress: [],
    };
  });
  const byVpc = vpcs.map((vpc) => groups.filter((group) => group.vpc === vpc).map((group) => group.id));
  const base = Math.floor(sizes.rules / sizes.groups);
  groups.forEach((group, index) => {
    const quota = base + (index < sizes.rules % sizes.groups ? 1 : 0);
    const peers = new PeerPicker(
      random,
      byVpc,
      network.prefixLists,
      group.vpc,
      connectedVpcs(network, group.vpc),
    );
    fillRules(group, quota, index < vpcs.length, peers, random);
  });
  return groups;
}

function fillRules(group: GroupPlan, quota: number, isDefault: boolean, peers: PeerPicker, random: Random) {
  let left = quota;
  const add = (into: PermissionPlan[], permission: PermissionPlan) => {
    into.push(permission);
    left -= peerCount(permission);
  };
  // What AWS creates with every group: all traffic out; a default group also admits its own members.
  if (left > 0) add(group.egress, { ...noPeers('-1', null), cidrs: ['0.0.0.0/0'] });
  if (left > 0 && isDefault) add(group.ingress, { ...noPeers('-1', null), groupIds: [group.id] });
  while (left > 0) {
    const permission = randomPermission(random);
    peers.fill(permission, Math.min(left, 1 + random.int(4)));
    add(random.chance(0.12) ? group.egress : group.ingress, permission);
  }
}

function peerCount(p: PermissionPlan): number {
  return p.cidrs.length + p.ipv6Cidrs.length + p.groupIds.length + p.prefixListIds.length;
}

function noPeers(protocol: string, ports: PermissionPlan['ports']): PermissionPlan {
  return { protocol, ports, cidrs: [], ipv6Cidrs: [], groupIds: [], prefixListIds: [] };
}

function randomPermission(random: Random): PermissionPlan {
  const roll = random.next();
  if (roll < 0.45) {
    const port = random.pick(tcpPorts);
    return noPeers('tcp', { from: port, to: port });
  }
  if (roll < 0.62) {
    const [from, to] = random.pick(tcpRanges);
    return noPeers('tcp', { from, to });
  }
  if (roll < 0.77) {
    const port = random.pick(udpPorts);
    return noPeers('udp', { from: port, to: port });
  }
  // icmp ports are type and code: echo request, or fragmentation needed (path MTU discovery).
  if (roll < 0.88) return noPeers('icmp', random.chance(0.5) ? { from: 8, to: -1 } : { from: 3, to: 4 });
  return noPeers('-1', null);
}

/**
 * Peers of one permission, distinct within their list as AWS requires. In a connected VPC, some peers
 * are in the VPCs across its peerings (a group there, or one of their ranges) or its transit gateway
 * (ranges: a group of another VPC is named across a peering), as a hub's shared services and the VPCs
 * they serve admit each other.
 */
class PeerPicker {
  private readonly peered: readonly VpcPlan[];
  private readonly reachable: readonly VpcPlan[];

  constructor(
    private readonly random: Random,
    private readonly groupIdsByVpc: readonly (readonly string[])[],
    private readonly prefixLists: readonly PrefixListPlan[],
    private readonly vpc: VpcPlan,
    connected: { peered: VpcPlan[]; transit: VpcPlan[] },
  ) {
    this.peered = connected.peered;
    this.reachable = [...connected.peered, ...connected.transit];
  }

  fill(permission: PermissionPlan, count: number): void {
    const start = this.random.int(256);
    for (let k = 0; k < count; k++) {
      const roll = this.random.next();
      const vpcGroupIds = this.groupIdsByVpc[this.peerVpc(this.peered).index] ?? [];
      const groupId = vpcGroupIds[(start + k) % vpcGroupIds.length];
      const prefixList = this.prefixLists[(start + k) % this.prefixLists.length];
      if (roll < 0.35 && groupId !== undefined && !permission.groupIds.includes(groupId)) {
        permission.groupIds.push(groupId);
      } else if (roll < 0.42 && prefixList && !permission.prefixListIds.includes(prefixList.id)) {
        permission.prefixListIds.push(prefixList.id);
      } else if (roll < 0.48) {
        permission.ipv6Cidrs.push(`2001:db8:${this.vpc.index.toString(16)}:${(start + k).toString(16)}::/64`);
      } else {
        permission.cidrs.push(this.cidr(start + k));
      }
    }
  }

  /** Mostly this VPC, one peer in six in another of `others` when it has any. */
  private peerVpc(others: readonly VpcPlan[]): VpcPlan {
    if (others.length === 0 || !this.random.chance(1 / 6)) return this.vpc;
    return this.random.pick(others);
  }

  /** Mostly a VPC's own ranges, some corporate ones; `slot` keeps them distinct within a permission. */
  private cidr(slot: number): string {
    if (this.random.chance(0.2)) return `192.168.${slot % 256}.0/24`;
    return `10.${this.peerVpc(this.reachable).index}.${slot % 256}.0/24`;
  }
}
