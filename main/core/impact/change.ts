/**
 * A proposed edit of the network, as CHANGE.json writes it (docs/change-format.md), a Terraform plan
 * turns into, or the renderer builds while the user edits. Ids name objects of the snapshot; peers and
 * protocols are written the way the console and `aws ec2` write them, NetworkPolicies as manifests.
 */

/** `tcp`, `udp`, `icmp`, `icmpv6`, `-1` or `all` (every protocol), or a protocol number. */
export type ProtocolText = string;

/**
 * One security group rule written out. `peer` is an IPv4 or IPv6 CIDR, a group id (`sg-…`) or a
 * prefix list id (`pl-…`). Ports: tcp/udp `fromPort`-`toPort`; icmp/icmpv6 `fromPort` is the type and
 * `toPort` the code (-1 for all), both required but for icmpv6; other protocols have none.
 */
export interface RuleSpec {
  readonly groupId: string;
  readonly direction: 'ingress' | 'egress';
  readonly protocol: ProtocolText;
  readonly fromPort?: number | null;
  readonly toPort?: number | null;
  readonly peer: string;
  readonly description?: string | null;
}

/** A rule of the snapshot: by its id (`sgr-…`, or the key Faultline gave it) or written out in full. */
export type RuleRef = string | RuleSpec;

export type RuleFields = Partial<Omit<RuleSpec, 'groupId' | 'direction'>>;

/** A network ACL entry is named by its ACL, direction and rule number, as in the console. */
export interface AclEntryRef {
  readonly aclId: string;
  readonly egress: boolean;
  readonly ruleNumber: number;
}

export interface AclEntryFields {
  readonly protocol?: ProtocolText;
  readonly action?: 'allow' | 'deny';
  /** IPv4 or IPv6 CIDR. */
  readonly cidr?: string;
  /** tcp/udp, both required (0-65535 for every port). */
  readonly fromPort?: number | null;
  readonly toPort?: number | null;
  /** icmp/icmpv6; -1 means all. */
  readonly icmpType?: number | null;
  readonly icmpCode?: number | null;
}

export type AclEntrySpec = AclEntryRef &
  AclEntryFields & {
    readonly protocol: ProtocolText;
    readonly action: 'allow' | 'deny';
    readonly cidr: string;
  };

interface EditBase {
  /** Where the edit came from when not CHANGE.json itself, e.g. a Terraform resource address. */
  readonly origin?: string;
}

export type ChangeEdit = EditBase &
  (
    | { readonly op: 'remove-rule'; readonly rule: RuleRef }
    | { readonly op: 'change-rule'; readonly rule: RuleRef; readonly set: RuleFields }
    | { readonly op: 'add-rule'; readonly rule: RuleSpec }
    | { readonly op: 'remove-acl-entry'; readonly entry: AclEntryRef }
    | { readonly op: 'change-acl-entry'; readonly entry: AclEntryRef; readonly set: AclEntryFields }
    | { readonly op: 'add-acl-entry'; readonly entry: AclEntrySpec }
    | {
        readonly op: 'add-prefix-list-entry' | 'remove-prefix-list-entry';
        /** A customer-managed list of the snapshot whose entries were exported. */
        readonly prefixListId: string;
        /** IPv4 or IPv6, the list's address family. */
        readonly cidr: string;
      }
    | {
        /**
         * A route of a VPC route table, as `aws ec2 create-route` adds one and `replace-route` sends an
         * existing one elsewhere.
         */
        readonly op: 'add-route' | 'replace-route';
        readonly routeTableId: string;
        /** An IPv4 or IPv6 CIDR, or a prefix list id. */
        readonly destination: string;
        /** The id of where it sends: `tgw-…`, `pcx-…`, `igw-…`, `nat-…`, `vpce-…`, `eni-…`. */
        readonly target: string;
      }
    | {
        /**
         * The table that routes a subnet, as `aws ec2 associate-route-table` (or replacing the
         * association) would; null: none, so its VPC's main table routes it.
         */
        readonly op: 'set-route-table-association';
        readonly subnetId: string;
        readonly routeTableId: string | null;
      }
    | {
        /**
         * The network ACL that filters a subnet, as `aws ec2 replace-network-acl-association` would.
         * A subnet always has one: taking it off an ACL is giving it its VPC's default ACL.
         */
        readonly op: 'set-network-acl-association';
        readonly subnetId: string;
        readonly networkAclId: string;
      }
    | {
        /** A route of a VPC route table, as `aws ec2 delete-route` removes one; never the local route. */
        readonly op: 'remove-route';
        readonly routeTableId: string;
        readonly destination: string;
      }
    | {
        /** Security group referencing across a transit gateway (docs/semantics/aws.md). */
        readonly op: 'set-security-group-referencing';
        readonly transitGatewayId: string;
        /** One of its VPC attachments; absent: the transit gateway's own option. */
        readonly attachmentId?: string;
        readonly enabled: boolean;
      }
    | {
        /** A static route, as `aws ec2 create-transit-gateway-route` adds one. */
        readonly op: 'add-transit-gateway-route';
        readonly routeTableId: string;
        /** An IPv4 or IPv6 CIDR. */
        readonly destination: string;
        /** Exactly one of the two: the attachment it sends to, or a blackhole that drops. */
        readonly attachmentId?: string;
        readonly blackhole?: true;
      }
    | {
        /** A static route, as `aws ec2 delete-transit-gateway-route` removes one; propagated ones cannot be. */
        readonly op: 'remove-transit-gateway-route';
        readonly routeTableId: string;
        readonly destination: string;
      }
    | {
        /**
         * A VPC attached to a transit gateway in one subnet per Availability Zone, as
         * `aws ec2 create-transit-gateway-vpc-attachment` attaches one: associated with no table
         * until an association edit says which.
         */
        readonly op: 'add-transit-gateway-vpc-attachment';
        /** The new attachment's id, for the edits that associate and propagate it. */
        readonly attachmentId: string;
        readonly transitGatewayId: string;
        readonly vpcId: string;
        readonly subnetIds: readonly string[];
        /** Default false. */
        readonly applianceMode?: boolean;
        /** The attachment's security group referencing; default true, as AWS's. */
        readonly securityGroupReferencing?: boolean;
        /**
         * Whether the transit gateway's default association and propagation tables take the new
         * attachment, where its options name them; default true, as AWS's (Terraform's
         * transit_gateway_default_route_table_association and _propagation).
         */
        readonly defaultAssociation?: boolean;
        readonly defaultPropagation?: boolean;
      }
    | {
        /** The table that routes what enters through the attachment, as associating it would; null: none. */
        readonly op: 'set-transit-gateway-association';
        readonly attachmentId: string;
        readonly routeTableId: string | null;
      }
    | {
        /** Whether a VPC attachment's ranges are propagated to a table, as enabling propagation would. */
        readonly op: 'set-transit-gateway-propagation';
        readonly attachmentId: string;
        readonly routeTableId: string;
        readonly enabled: boolean;
      }
    | { readonly op: 'add-group'; readonly eni: string; readonly groupId: string }
    | { readonly op: 'remove-group'; readonly eni: string; readonly groupId: string }
    | {
        readonly op: 'move-workload';
        readonly eni: string;
        readonly subnetId?: string;
        /** Replaces the ENI's groups. */
        readonly groupIds?: readonly string[];
        /** The primary private IPv4 in the new subnet; required when the current one is outside it. */
        readonly privateIp?: string;
      }
    | { readonly op: 'add-network-policy'; readonly policy: PolicyManifest }
    | { readonly op: 'remove-network-policy'; readonly namespace: string; readonly name: string }
    | {
        readonly op: 'replace-network-policy';
        readonly namespace: string;
        readonly name: string;
        /** The whole new policy; its metadata must name the same namespace and name. */
        readonly policy: PolicyManifest;
      }
    | {
        readonly op: 'set-pod-labels';
        readonly namespace: string;
        /** A pod, or a controller (Deployment, StatefulSet, DaemonSet, ReplicaSet): all its pods. */
        readonly workload: string;
        /** Labels to set; null removes one. The others stay. */
        readonly labels: Readonly<Record<string, string | null>>;
      }
  );

/**
 * A networking.k8s.io/v1 NetworkPolicy as a manifest writes it (`apiVersion`, `kind`, `metadata`,
 * `spec`), read and refused exactly as the Kubernetes import reads policies.
 */
export type PolicyManifest = Readonly<Record<string, unknown>>;

/** Part of a change that cannot be evaluated: a value known only after apply, an id not in the snapshot. */
export interface NotEvaluated {
  /** The resource address or CHANGE.json place. */
  readonly where: string;
  readonly what: string;
}

export interface ProposedChange {
  readonly title?: string;
  /** The file the change was read from, cited as the source of the rules it adds. */
  readonly source?: string;
  /** Applied in order. */
  readonly edits: readonly ChangeEdit[];
  readonly notEvaluated?: readonly NotEvaluated[];
}
