import { awsId, intToIp } from '../random';
import type { EstateSizes } from '../sizes';

export type Tier = 'public' | 'app' | 'data';

export interface VpcPlan {
  readonly index: number;
  readonly id: string;
  readonly cidr: string;
}

export interface SubnetPlan {
  readonly id: string;
  readonly vpc: VpcPlan;
  readonly cidr: string;
  readonly tier: Tier;
  readonly az: 'a' | 'b' | 'c';
  /** First usable address; AWS reserves the first four. */
  readonly firstHost: number;
  readonly hostCount: number;
  used: number;
}

export interface PeeringPlan {
  readonly id: string;
  readonly requester: VpcPlan;
  readonly accepter: VpcPlan;
}

export interface PrefixListPlan {
  readonly id: string;
  readonly name: string;
  readonly awsManaged: boolean;
}

export interface TransitGatewayPlan {
  readonly id: string;
  /** The one route table, which every attachment is associated with and propagates to. */
  readonly routeTableId: string;
  /** Each with one subnet per zone the VPC has subnets in. */
  readonly attachments: readonly {
    readonly id: string;
    readonly vpc: VpcPlan;
    readonly subnets: readonly SubnetPlan[];
  }[];
}

export interface NetworkPlan {
  readonly vpcs: readonly VpcPlan[];
  readonly subnets: readonly SubnetPlan[];
  readonly peerings: readonly PeeringPlan[];
  /** null when there are too few VPCs to join. */
  readonly transitGateway: TransitGatewayPlan | null;
  readonly prefixLists: readonly PrefixListPlan[];
}

const tiers: readonly Tier[] = ['public', 'app', 'data'];
const zones = ['a', 'b', 'c'] as const;

/** VPC v is 10.v.0.0/16; its subnets split that /16 into equal blocks, as many as the largest VPC needs. */
export function planNetwork(sizes: EstateSizes): NetworkPlan {
  const vpcCount = Math.min(sizes.vpcs, sizes.subnets);
  const vpcs = Array.from({ length: vpcCount }, (_, index) => ({
    index,
    id: awsId('vpc', index),
    cidr: `10.${index}.0.0/16`,
  }));
  const slotBits = Math.ceil(Math.log2(Math.ceil(sizes.subnets / vpcCount)));
  const prefix = 16 + slotBits;
  if (prefix > 28) throw new Error('too many subnets per VPC: each needs at least a /28');
  const blockSize = 2 ** (32 - prefix);
  const subnets = Array.from({ length: sizes.subnets }, (_, index): SubnetPlan => {
    const vpc = vpcs[index % vpcCount] as VpcPlan;
    const slot = Math.floor(index / vpcCount);
    const base = ((10 << 24) | (vpc.index << 16)) + slot * blockSize;
    return {
      id: awsId('subnet', index),
      vpc,
      cidr: `${intToIp(base)}/${prefix}`,
      tier: tiers[slot % tiers.length] as Tier,
      // Tiers cycle fastest, so each tier's consecutive subnets sit in different zones.
      az: zones[Math.floor(slot / tiers.length) % zones.length] as 'a' | 'b' | 'c',
      firstHost: base + 4,
      hostCount: blockSize - 5,
      used: 0,
    };
  });
  // A hub VPC peered with the next two: enough for peering routes and cross-VPC references.
  const peerings = vpcs.slice(1, 3).map((accepter, index) => ({
    id: awsId('pcx', index),
    requester: vpcs[0] as VpcPlan,
    accepter,
  }));
  // A transit gateway joins the hub to two VPCs it is not peered with.
  const attached = [vpcs[0], ...vpcs.slice(3, 5)].filter((vpc) => vpc !== undefined);
  const transitGateway =
    attached.length < 2
      ? null
      : {
          id: awsId('tgw', 0),
          routeTableId: awsId('tgw-rtb', 0),
          attachments: attached.map((vpc, index) => ({
            id: awsId('tgw-attach', index),
            vpc,
            subnets: zones.flatMap((zone) => subnets.find((s) => s.vpc === vpc && s.az === zone) ?? []),
          })),
        };
  const prefixLists = [
    { id: awsId('pl', 0), name: 'com.amazonaws.eu-west-1.s3', awsManaged: true },
    { id: awsId('pl', 1), name: 'com.amazonaws.eu-west-1.dynamodb', awsManaged: true },
    { id: awsId('pl', 2), name: 'corp-office-ranges', awsManaged: false },
  ];
  return { vpcs, subnets, peerings, transitGateway, prefixLists };
}

/** The VPCs a VPC's workloads can reach besides its own: across its peerings and its transit gateway. */
export function connectedVpcs(plan: NetworkPlan, vpc: VpcPlan): { peered: VpcPlan[]; transit: VpcPlan[] } {
  const peered = plan.peerings.flatMap((peering) =>
    peering.requester === vpc ? [peering.accepter] : peering.accepter === vpc ? [peering.requester] : [],
  );
  const attached = plan.transitGateway?.attachments.map((attachment) => attachment.vpc) ?? [];
  const transit = attached.includes(vpc)
    ? attached.filter((other) => other !== vpc && !peered.includes(other))
    : [];
  return { peered, transit };
}

/** The next free private address of a subnet. */
export function allocateAddress(subnet: SubnetPlan): string {
  if (subnet.used >= subnet.hostCount) {
    throw new Error(`subnet ${subnet.cidr} is full: generate more subnets or fewer ENIs`);
  }
  return intToIp(subnet.firstHost + subnet.used++);
}
