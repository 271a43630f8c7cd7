import type { WorkloadKind } from '../domain/estate';
import type { PolicyManifest } from '../impact/change';

/** What the two topology views draw that the application model and the segment graph do not carry. */
export interface Topology {
  readonly vpcs: readonly TopologyVpc[];
  readonly subnets: readonly TopologySubnet[];
  readonly segments: readonly TopologySegment[];
  readonly networkAcls: readonly TopologyNetworkAcl[];
  /** The prefix lists some rule names. */
  readonly prefixLists: readonly TopologyPrefixList[];
  /** VPC route tables, with the subnets they route (the main table: those associated with none). */
  readonly routeTables: readonly TopologyRouteTable[];
  /** Transit gateways with a VPC attachment in the export, and their security group referencing. */
  readonly transitGateways: readonly TopologyTransitGateway[];
  readonly transitGatewayRouteTables: readonly TopologyTransitGatewayRouteTable[];
  /** Active peering connections: the other way private addresses leave a VPC. */
  readonly peerings: readonly { readonly id: string; readonly vpcIds: readonly [string, string] }[];
  readonly workloads: readonly TopologyWorkload[];
  readonly dependencies: readonly DependencyVerdict[];
  /** Segment pairs some allowed dependency flows through: the allowances that are needed. */
  readonly usedSegmentPairs: readonly UsedSegmentPair[];
}

/**
 * A setting of security group referencing (docs/semantics/aws.md): null when the export does not
 * print it; `exported` false when the output that holds it was not imported, so a what-if cannot set it.
 */
export interface ReferencingSetting {
  readonly securityGroupReferencing: boolean | null;
  readonly exported: boolean;
}

export interface TopologyTransitGateway extends ReferencingSetting {
  readonly id: string;
  /** Its Name and owner tags; null when untagged or not in describe-transit-gateways. */
  readonly name: string | null;
  readonly owner: string | null;
  readonly attachments: readonly (ReferencingSetting & {
    readonly id: string;
    readonly vpcId: string;
    /** The route table that routes what enters through it; null when none or not exported. */
    readonly routeTableId: string | null;
  })[];
}

export interface TopologyRouteTable {
  readonly id: string;
  readonly name: string | null;
  readonly vpcId: string;
  readonly isMain: boolean;
  readonly subnetIds: readonly string[];
  readonly routes: readonly {
    readonly destination: string;
    /** The id it sends to, `local` for the VPC's own range. */
    readonly target: string;
    /** `active`, or `blackhole` when the target is gone. */
    readonly state: string;
  }[];
}

/** A transit gateway route table whose routes the export holds. */
export interface TopologyTransitGatewayRouteTable {
  readonly id: string;
  /** The transit gateways it belongs to, as its attachments tell (domain/transitGatewayTables.ts). */
  readonly transitGatewayIds: readonly string[];
  /** False when the search that printed it stopped early. */
  readonly complete: boolean;
  readonly routes: readonly {
    readonly destination: string;
    readonly type: string;
    /** `active` sends to `attachmentIds`, `blackhole` drops; other states route nothing. */
    readonly state: string;
    readonly attachmentIds: readonly string[];
  }[];
}

export interface TopologyVpc {
  readonly id: string;
  readonly name: string | null;
  readonly cidrBlocks: readonly string[];
}

export interface TopologySubnet {
  readonly id: string;
  readonly vpcId: string;
  readonly name: string | null;
  /** null for an IPv6-only subnet. */
  readonly cidrBlock: string | null;
  readonly availabilityZone: string | null;
  readonly networkAclId: string | null;
}

/** One rule on one line, and the description its author wrote, for the inspector. */
export interface RuleLine {
  readonly key: string;
  readonly text: string;
  readonly description: string | null;
}

export interface TopologySegment {
  readonly groupId: string;
  readonly name: string;
  readonly description: string;
  readonly vpcId: string | null;
  /** The team or person its tags name, with the workspace's owner keys. */
  readonly owner: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly rules: readonly RuleLine[];
  /** A Kubernetes NetworkPolicy's manifest as its author would edit it (what-if replace); absent for others. */
  readonly manifest?: PolicyManifest;
}

export interface TopologyNetworkAcl {
  readonly id: string;
  readonly vpcId: string;
  readonly name: string | null;
  readonly isDefault: boolean;
  readonly subnetIds: readonly string[];
  readonly entries: readonly RuleLine[];
}

export interface TopologyPrefixList {
  readonly id: string;
  readonly name: string | null;
  /** null when the export lacks them (docs/aws-import.md): rules naming the list are undecidable. */
  readonly entries: readonly string[] | null;
  /** AWS's own lists (`com.amazonaws.…`), which only AWS edits. */
  readonly managedByAws: boolean;
  /** The groups whose rules name it. */
  readonly namedBy: readonly string[];
}

export interface TopologyWorkload {
  readonly id: string;
  readonly name: string | null;
  readonly kind: WorkloadKind | 'pod';
  readonly vpcId: string;
  readonly subnetId: string;
  readonly groupIds: readonly string[];
  readonly privateIp: string | null;
  readonly publicIp: string | null;
  readonly app: string | null;
  readonly service: string | null;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A dependency as the policy treats it between the two services' workloads: allowed when every pair
 * is, blocked when some pair is denied, unknown when some pair is undecidable, unchecked when it
 * names no protocol and port or no workload pair.
 */
export interface DependencyVerdict {
  readonly from: string;
  readonly to: string;
  readonly protocol: string | null;
  readonly port: number | null;
  readonly source: 'declared' | 'observed' | 'both';
  readonly verdict: 'allowed' | 'blocked' | 'unknown' | 'unchecked';
  readonly pairs: number;
  readonly deniedPairs: number;
}

export interface UsedSegmentPair {
  readonly fromGroup: string;
  readonly toGroup: string;
  readonly protocol: string;
}
