/**
 * The network estate of one snapshot, provider-neutral where it can be and AWS-shaped where the
 * analysis needs AWS semantics. Every object keeps its provider id and where it came from (file and
 * JSON path), so that explanations can point at the exact rule that decided a verdict. The export
 * files themselves are kept whole with the snapshot (see main/store/sourceOriginals.ts).
 */
import type { KubernetesEstate } from './kubernetes';

/** Tag keys to values. Built with Object.fromEntries, so a `__proto__` key stays an own property. */
export type Tags = Readonly<Record<string, string>>;

/** Where an object was read: the file (with `archive.zip!/inner/path.json` for zip members) and a JSON path. */
export interface SourceRef {
  readonly file: string;
  readonly path: string;
}

interface Sourced {
  readonly source: SourceRef;
}

export interface Vpc extends Sourced {
  readonly id: string;
  readonly ownerId: string | null;
  readonly isDefault: boolean;
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** Those of its IPv6 blocks marked private (`Ipv6AddressAttribute`), which the internet does not route; absent when none. */
  readonly privateIpv6CidrBlocks?: readonly string[];
  /**
   * VPC Block Public Access as describe-vpcs prints it for the VPC's Region
   * (`BlockPublicAccessStates.InternetGatewayBlockMode`); absent when `off` or not printed.
   */
  readonly blockPublicAccess?: 'block-bidirectional' | 'block-ingress';
  /**
   * The Block Public Access exclusion that names the VPC; null when describe-vpc-block-public-access-exclusions
   * was imported and names none; absent when it was not imported, and then no subnet's is known either.
   */
  readonly blockPublicAccessExclusion?: PublicAccessExclusion | null;
  readonly tags: Tags;
}

/**
 * A VPC Block Public Access exclusion (describe-vpc-block-public-access-exclusions), which exempts a
 * VPC or a subnet from its Region's mode. Only the exclusions that are or may be in effect are kept:
 * those whose creation failed, that were deleted or disabled exempt nothing.
 */
export interface PublicAccessExclusion extends Sourced {
  readonly id: string;
  readonly mode: 'allow-bidirectional' | 'allow-egress';
  /** `create-complete` or `update-complete` when in effect; a state in progress or a failed update otherwise. */
  readonly state: string;
}

export interface Subnet extends Sourced {
  readonly id: string;
  readonly vpcId: string;
  /** null for an IPv6-only subnet (`Ipv6Native`), which describe-subnets prints without one. */
  readonly cidrBlock: string | null;
  readonly ipv6CidrBlocks: readonly string[];
  readonly availabilityZone: string | null;
  /**
   * The zone's id (`use1-az1`), the same place in every account, where names (`us-east-1a`) map to
   * places per account. Absent when the export does not print it.
   */
  readonly availabilityZoneId?: string;
  /** The Block Public Access exclusion that names the subnet, where its VPC says the exclusions were imported. */
  readonly blockPublicAccessExclusion?: PublicAccessExclusion;
  readonly tags: Tags;
}

/**
 * IP protocol as AWS writes it after normalisation: `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6`,
 * or a decimal protocol number for anything else (`50` for ESP). AWS accepts both `6` and `tcp`;
 * numbers with a name are mapped to the name so equal protocols compare equal.
 */
export type IpProtocol = string;

export type RulePeer =
  | { readonly kind: 'cidr4'; readonly cidr: string }
  | { readonly kind: 'cidr6'; readonly cidr: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string }
  | {
      readonly kind: 'group';
      readonly groupId: string;
      readonly userId: string | null;
      readonly vpcId: string | null;
      readonly peeringStatus: string | null;
    };

export type RuleDirection = 'ingress' | 'egress';

export interface SecurityGroup extends Sourced {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vpcId: string | null;
  readonly ownerId: string | null;
  readonly tags: Tags;
}

/**
 * One security group rule with exactly one peer. An IpPermission with three CIDRs and a group
 * becomes four rules, each with the place of its peer in the IpPermission.
 */
export interface SecurityGroupRule extends Sourced {
  /** `sgr-…` when the export has rule ids, otherwise `groupId/direction/permissionIndex/peerIndex`. */
  readonly key: string;
  readonly groupId: string;
  readonly direction: RuleDirection;
  readonly protocol: IpProtocol;
  /** tcp/udp: port range; icmp: FromPort is the type and ToPort the code (-1 = all); null otherwise. */
  readonly fromPort: number | null;
  readonly toPort: number | null;
  readonly peer: RulePeer;
  readonly description: string | null;
}

export interface NetworkAcl extends Sourced {
  readonly id: string;
  readonly vpcId: string;
  readonly isDefault: boolean;
  readonly subnetIds: readonly string[];
  readonly tags: Tags;
}

export interface NetworkAclEntry extends Sourced {
  readonly aclId: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: IpProtocol;
  readonly action: 'allow' | 'deny';
  readonly cidr: string;
  /** tcp/udp only; null means all ports. */
  readonly portRange: { readonly from: number; readonly to: number } | null;
  /** icmp only; -1 means all. */
  readonly icmp: { readonly type: number; readonly code: number } | null;
}

export type WorkloadKind =
  | 'instance'
  | 'rds'
  | 'load-balancer'
  | 'lambda'
  | 'vpc-endpoint'
  | 'nat-gateway'
  | 'transit-gateway'
  | 'efs'
  | 'other';

/** A public IPv4 and the private address the internet gateway translates it to. */
export interface PublicAddress {
  readonly privateIp: string;
  readonly publicIp: string;
}

/** A workload is an ENI: the thing that carries addresses and security groups. */
export interface Workload extends Sourced {
  readonly id: string;
  readonly kind: WorkloadKind;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly instanceId: string | null;
  /** Device index of the attachment; 0 on network card 0 is an instance's primary ENI. */
  readonly deviceIndex: number | null;
  /**
   * The attachment's network card, where it is not the first: an instance with several network cards
   * has an ENI at device index 0 on each of them. Absent on most ENIs, so absent from most stored workloads.
   */
  readonly networkCardIndex?: number;
  readonly interfaceType: string;
  readonly description: string;
  readonly requesterId: string | null;
  readonly status: string;
  /** Private IPv4 addresses, primary first. */
  readonly privateIps: readonly string[];
  readonly ipv6Addresses: readonly string[];
  /** The public or Elastic IPv4 of the primary private address (the ENI's `Association`). */
  readonly publicIp: string | null;
  /**
   * Elastic IPs of secondary private addresses (`PrivateIpAddresses[].Association`), when there are
   * any. Snapshots imported before Faultline read them do not have it.
   */
  readonly secondaryPublicIps?: readonly PublicAddress[];
  /**
   * IPv4 and IPv6 prefixes delegated to the ENI (`Ipv4Prefixes`, `Ipv6Prefixes`), when it has any:
   * every address in them is the ENI's. Snapshots imported before Faultline read them do not have it.
   */
  readonly prefixes?: readonly string[];
  readonly groupIds: readonly string[];
  /** The ENI's own tags over the tags of the instance it is attached to. */
  readonly tags: Tags;
}

export interface Instance extends Sourced {
  readonly id: string;
  readonly vpcId: string | null;
  readonly subnetId: string | null;
  readonly state: string;
  readonly privateIp: string | null;
  readonly tags: Tags;
}

export interface PrefixList extends Sourced {
  readonly id: string;
  /** null when only get-managed-prefix-list-entries was exported, which prints entries alone. */
  readonly name: string | null;
  readonly addressFamily: string | null;
  /** null when the export has the list but not its entries: rules naming it are then undecidable. */
  readonly entries: readonly string[] | null;
}

export interface Route {
  readonly destination: string;
  readonly targetKind:
    | 'local'
    | 'internet-gateway'
    | 'egress-only-internet-gateway'
    | 'nat-gateway'
    /**
     * A VPC endpoint (`vpce-`): a gateway endpoint (S3, DynamoDB) when routed by its service's prefix
     * list, a Gateway Load Balancer endpoint when routed by a CIDR (analysis/routeTargets.ts).
     */
    | 'gateway-endpoint'
    | 'vpc-peering'
    | 'transit-gateway'
    | 'other';
  readonly targetId: string;
  readonly state: string;
  /**
   * A route a virtual private gateway propagated (`Origin` EnableVgwRoutePropagation), which a
   * static or prefix-list route to the same prefix overrides. Absent for the others.
   */
  readonly propagated?: true;
}

export interface RouteTable extends Sourced {
  readonly id: string;
  readonly vpcId: string;
  readonly isMain: boolean;
  readonly subnetIds: readonly string[];
  /**
   * Gateways (internet or virtual private) the table is associated with: a gateway route table routes
   * the traffic that enters the VPC through them. Absent from most tables, and from their stored form.
   */
  readonly gatewayIds?: readonly string[];
  readonly routes: readonly Route[];
  /** Its Name, and its owner tag: who approves a change to its routes. */
  readonly tags: Tags;
}

export interface PeeringConnection extends Sourced {
  readonly id: string;
  readonly requesterVpcId: string;
  readonly accepterVpcId: string;
  readonly status: string;
}

/** A transit gateway, read from describe-transit-gateways: what its options let through. */
export interface TransitGateway extends Sourced {
  readonly id: string;
  readonly state: string;
  /**
   * Whether security group rules may name groups of other VPCs attached to it
   * (Options.SecurityGroupReferencingSupport); null when the output does not say, as the CLIs
   * older than the option print it.
   */
  readonly securityGroupReferencing: boolean | null;
  /**
   * The route table AWS associates a new attachment with, and the one it propagates the attachment's
   * ranges to, without being told (Options.AssociationDefaultRouteTableId while
   * DefaultRouteTableAssociation is `enable`, and the propagation pair alike): null while the option
   * is `disable`; absent when the export does not name the table.
   */
  readonly defaultAssociationTableId?: string | null;
  readonly defaultPropagationTableId?: string | null;
  /** Its owner tag is who approves a change to it. */
  readonly tags: Tags;
}

/**
 * A transit gateway attachment: a VPC, VPN, Direct Connect gateway, peering or Connect attachment, read
 * from describe-transit-gateway-attachments and, for VPCs, describe-transit-gateway-vpc-attachments.
 */
export interface TransitGatewayAttachment extends Sourced {
  readonly id: string;
  readonly transitGatewayId: string;
  /** `vpc`, `vpn`, `direct-connect-gateway`, `connect`, `peering`, `network-function`… */
  readonly resourceType: string;
  /** The VPC of a VPC attachment; the VPN connection, gateway or peer otherwise. */
  readonly resourceId: string;
  /** `available` carries traffic (`modifying` too); the other states do not. */
  readonly state: string;
  /**
   * The transit gateway route table the attachment is associated with, which routes what enters the
   * transit gateway through it: null when it has none. Absent when describe-transit-gateway-attachments,
   * the output that names it, was not imported.
   */
  readonly routeTableId?: string | null;
  /**
   * A VPC attachment's subnets, one per Availability Zone it serves, where the transit gateway has its
   * interfaces; with appliance mode. Absent when describe-transit-gateway-vpc-attachments was not imported.
   */
  readonly vpc?: {
    readonly subnetIds: readonly string[];
    readonly applianceMode: boolean;
    /** The attachment's own SecurityGroupReferencingSupport; null when the output does not print it. */
    readonly securityGroupReferencing: boolean | null;
  };
}

export interface TransitGatewayRouteTarget {
  readonly attachmentId: string;
  readonly resourceType: string;
  readonly resourceId: string;
}

export interface TransitGatewayRoute {
  /** A CIDR, or the `pl-` prefix list of a prefix-list reference. */
  readonly destination: string;
  /** `static` or `propagated`. */
  readonly type: string;
  /** `active` or `blackhole` route; `pending`, `deleting` and `deleted` ones route nothing. */
  readonly state: string;
  /** Several for equal-cost VPN routes; none for a blackhole. */
  readonly targets: readonly TransitGatewayRouteTarget[];
  /** The route's own place: a table searched in parts has routes from several files. */
  readonly source: SourceRef;
}

/** A transit gateway route table's routes, as search-transit-gateway-routes prints them. */
export interface TransitGatewayRouteTable extends Sourced {
  readonly id: string;
  readonly routes: readonly TransitGatewayRoute[];
  /**
   * False when the search stopped before the end (`AdditionalRoutesAvailable`): a route it did not
   * print may be the best match for any address.
   */
  readonly complete: boolean;
}

export interface Estate {
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly securityGroupRules: readonly SecurityGroupRule[];
  readonly networkAcls: readonly NetworkAcl[];
  readonly networkAclEntries: readonly NetworkAclEntry[];
  readonly workloads: readonly Workload[];
  readonly instances: readonly Instance[];
  readonly prefixLists: readonly PrefixList[];
  readonly routeTables: readonly RouteTable[];
  readonly peeringConnections: readonly PeeringConnection[];
  readonly transitGateways: readonly TransitGateway[];
  readonly transitGatewayAttachments: readonly TransitGatewayAttachment[];
  readonly transitGatewayRouteTables: readonly TransitGatewayRouteTable[];
  /** Absent when the snapshot holds no Kubernetes objects. */
  readonly kubernetes?: KubernetesEstate;
}

/** The kinds of cloud objects, each a list, stored as pages of its kind (`estate_page`). */
export type EstateKey = (typeof estateKeys)[number];

export type EstateCounts = { readonly [K in EstateKey]: number };

export const estateKeys = [
  'vpcs',
  'subnets',
  'securityGroups',
  'securityGroupRules',
  'networkAcls',
  'networkAclEntries',
  'workloads',
  'instances',
  'prefixLists',
  'routeTables',
  'peeringConnections',
  'transitGateways',
  'transitGatewayAttachments',
  'transitGatewayRouteTables',
] as const satisfies readonly (keyof Estate)[];

export function countEstate(estate: Estate): EstateCounts {
  return Object.fromEntries(estateKeys.map((k) => [k, estate[k].length])) as unknown as EstateCounts;
}
