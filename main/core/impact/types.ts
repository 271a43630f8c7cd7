import type { DecidingRule, LayerName, Verdict } from '../analysis/verdict';
import type { NotEvaluated } from './change';

export type PortRange = { readonly from: number; readonly to: number };

export type RiskLevel = 'high' | 'medium' | 'low';

/** What the impact compares: a snapshot and a change to it, or two snapshots. */
export interface ImpactSubject {
  readonly kind: 'change' | 'plan' | 'compare';
  readonly title: string;
  readonly before: { readonly snapshotId: number | null; readonly name: string };
  readonly after: { readonly snapshotId: number | null; readonly name: string };
}

/** Rules, entries and memberships that differ between the two estates, one line each. */
export interface EstateChanges {
  readonly rules: ObjectChanges;
  readonly aclEntries: ObjectChanges;
  readonly prefixListEntries: PrefixListChanges;
  readonly workloads: readonly WorkloadChange[];
  /** By namespace and name: `id` is the policy's segment (`networkpolicy/NS/NAME`), `segment` its namespace's. */
  readonly networkPolicies: ObjectChanges;
  readonly pods: readonly PodChange[];
  /** The network ACL of each subnet of both estates, where it differs (`id`: the subnet). */
  readonly aclAssociations: readonly {
    readonly id: string;
    /** The ACLs before and after: their owners approve. */
    readonly aclIds: readonly string[];
    readonly text: string;
  }[];
  /**
   * Routes of VPC route tables (`id`: table and destination) and the tables subnets are associated
   * with (`id`: the subnet; `routeTableId`: its table now, or its main table).
   */
  readonly routes: readonly {
    readonly id: string;
    readonly what: 'route' | 'association';
    readonly routeTableId: string;
    /** The table's VPC: its owner approves. */
    readonly vpcId: string;
    readonly change: 'added' | 'removed' | 'changed';
    readonly text: string;
  }[];
  /**
   * Transit gateways' static routes (`id`: table and destination) and the options of transit gateways
   * and their attachments (`id`: the one whose option changed).
   */
  readonly transitGateways: readonly {
    readonly id: string;
    /** The transit gateways it belongs to (a route table: those whose attachments it routes for). */
    readonly gatewayIds: readonly string[];
    /** What of them changed, for the approvers' reasons. */
    readonly what: 'routes' | 'association' | 'security group referencing' | 'attachments';
    readonly change: 'added' | 'removed' | 'changed';
    readonly text: string;
  }[];
}

/** A pod (`namespace/name`) added, removed, or changed in what policies look at: labels, IPs, ports. */
export interface PodChange {
  readonly podId: string;
  readonly namespace: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** e.g. `labels +tier=web, -canary` or `is new in namespace shop`. */
  readonly text: string;
}

export interface ObjectChanges {
  readonly added: readonly ChangedLine[];
  readonly removed: readonly ChangedLine[];
  readonly changed: readonly {
    readonly id: string;
    readonly segment: string;
    readonly before: string;
    readonly after: string;
  }[];
}

/** By list and CIDR: `id` is `pl-… CIDR`, `segment` the list. */
export interface PrefixListChanges extends ObjectChanges {
  /** Groups whose rules name an edited list, before or after: what they admit changes with it. */
  readonly namedBy: readonly string[];
}

export interface ChangedLine {
  /** The rule key or `acl/direction/number`. */
  readonly id: string;
  /** The security group or network ACL it belongs to. */
  readonly segment: string;
  readonly text: string;
}

export interface WorkloadChange {
  readonly workloadId: string;
  readonly change: 'added' | 'removed' | 'groups' | 'moved';
  /** e.g. `sg-a, sg-b → sg-a, sg-c` or `subnet-1 → subnet-2`. */
  readonly text: string;
  readonly groupsAdded: readonly string[];
  readonly groupsRemoved: readonly string[];
}

/** A workload pair's verdict before and after; null where the pair cannot be evaluated (or an end is absent). */
export interface PairChange {
  readonly source: string;
  readonly destination: string;
  readonly before: Verdict | null;
  readonly after: Verdict | null;
  /** Why the after verdict is what it is: the deciding layers and their rules. */
  readonly reason: string;
  readonly rules: readonly DecidingRule[];
  readonly layers: readonly LayerName[];
}

/**
 * A conversation the flow logs saw from outside every service (an office, a partner) into a workload,
 * allowed before the change and denied or undecidable after it.
 */
export interface OutsideFlowChange {
  readonly client: string;
  readonly workloadId: string;
  readonly service: string;
  readonly app: string | null;
  readonly protocol: string;
  readonly port: number | null;
  /** Accepted records in the logs. */
  readonly records: number;
  readonly after: false | 'unknown';
  /** Why the after verdict is what it is: the deciding layers and their rules. */
  readonly reason: string;
  readonly rules: readonly DecidingRule[];
  readonly layers: readonly LayerName[];
}

export type DependencyEffect = 'breaks' | 'may-break' | 'restored' | 'changes';

export interface DependencyImpact {
  readonly from: string;
  readonly to: string;
  readonly fromApp: string | null;
  readonly toApp: string | null;
  readonly protocol: string;
  /** null for traffic without ports: icmp written without a type, a protocol by number. */
  readonly port: number | null;
  readonly source: 'declared' | 'observed' | 'both';
  readonly effect: DependencyEffect;
  readonly workloadPairs: number;
  readonly newlyBlocked: number;
  readonly newlyAllowed: number;
  readonly newlyUnknown: number;
  /** The first few changed pairs, enough to verify by hand. */
  readonly examples: readonly PairChange[];
}

/** Workloads that every rule treats alike before and after, so one line holds for all of them. */
export interface Endpoints {
  readonly workloadIds: readonly string[];
  readonly subnetId: string;
  readonly groupIds: readonly string[];
  readonly apps: readonly string[];
}

/** Ports whose verdict changes between two sets of workloads, for one protocol. */
export interface FlowChange {
  readonly from: Endpoints;
  readonly to: Endpoints;
  readonly protocol: string;
  /** Denied or unknown before, allowed after. */
  readonly opened: readonly PortRange[];
  /** Allowed before, denied after. */
  readonly closed: readonly PortRange[];
  /** Decided before, unknown after. */
  readonly undecided: readonly PortRange[];
  readonly workloadPairs: number;
  /** Dependencies between the two sides whose port is among the changed ones. */
  readonly neededBy: readonly string[];
}

/** The same, seen by security group: what opens or closes between two segments. */
export interface SegmentChange {
  readonly fromGroup: string;
  readonly toGroup: string;
  readonly protocol: string;
  readonly opened: readonly PortRange[];
  readonly closed: readonly PortRange[];
  readonly workloadPairs: number;
}

/** Ports a workload with a public address admits from anywhere (0.0.0.0/0, ::/0). */
export interface ExposureChange {
  readonly workloadId: string;
  readonly publicAddress: string;
  readonly apps: readonly string[];
  readonly protocol: string;
  readonly added: readonly PortRange[];
  readonly removed: readonly PortRange[];
  /** The rules admitting the ports listed: the added ones after the change, the removed ones before. */
  readonly rules: readonly DecidingRule[];
  /**
   * Whether a client on the internet then reaches these ports (one entry per verdict): the subnet routes to
   * an internet gateway and the network ACL passes the request and its reply (an engine verdict, as the
   * exposure finding proves it). False: the groups open it, but the network stops it for now.
   * `unknown`: nothing in the export stops it, but the way goes through what the export does not
   * show (an inspection appliance, a transit gateway).
   */
  readonly reachable: Verdict;
}

/**
 * Ports workloads' security groups open out to the whole internet (egress to 0.0.0.0/0, ::/0) that a
 * change adds or removes, or whose way out it opens or stops; workloads alike in all of it are one entry.
 */
export interface InternetEgressChange {
  readonly workloadIds: readonly string[];
  readonly apps: readonly string[];
  readonly protocol: string;
  /** Connections out over IPv4 (to 0.0.0.0/0) or IPv6 (to ::/0): each family has its own rules and routes. */
  readonly family: 4 | 6;
  readonly added: readonly PortRange[];
  readonly removed: readonly PortRange[];
  /** The rules opening the ports listed: added and kept ones after the change, removed ones before. */
  readonly rules: readonly DecidingRule[];
  /**
   * Whether connections on the removed ports got out to the internet before (an engine verdict:
   * a route to an internet, egress-only or NAT gateway, ACLs passing the request and its reply).
   * True: they stop. False: the network stopped them already. Null when nothing was removed.
   */
  readonly removedGotOut: WayOut | null;
  /** Whether connections on the added ports then get out; null when nothing was added. */
  readonly addedGetsOut: WayOut | null;
  /** Ports open on both sides whose way out changed (an ACL or a route); empty when none did. */
  readonly kept: readonly PortRange[];
  /** Whether connections on `kept` got out before, and get out after; null when `kept` is empty. */
  readonly keptGotOut: WayOut | null;
  readonly keptGetsOut: WayOut | null;
}

/** Whether some connection gets out: `unknown` when the export cannot tell (a transit gateway, say). */
export type WayOut = boolean | 'unknown';

export interface Approver {
  readonly owner: string;
  /** `app orders: dependency breaks`, `segment sg-1 (web): rules edited`. */
  readonly reasons: readonly string[];
}

export interface AppImpact {
  readonly app: string;
  readonly owners: readonly string[];
  readonly dependenciesBroken: number;
  readonly pairsOpened: number;
  readonly pairsClosed: number;
  /** Distinct (workload, protocol) pairs of the app given ports open to the internet (exposureAddedPairs). */
  readonly exposureAdded: number;
  /** Connections from outside the flow logs saw into the app that stop. */
  readonly outsideStopped: number;
}

export interface ImpactReport {
  /** Bumped when a field changes meaning or goes; fields may be added within a version. */
  readonly schemaVersion: 2;
  readonly subject: ImpactSubject;
  readonly risk: { readonly level: RiskLevel; readonly reasons: readonly string[] };
  readonly changes: EstateChanges;
  readonly dependencies: readonly DependencyImpact[];
  readonly flows: readonly FlowChange[];
  readonly segments: readonly SegmentChange[];
  readonly exposure: readonly ExposureChange[];
  readonly internetEgress: readonly InternetEgressChange[];
  /** Conversations from outside every service, seen in the flow logs, that stop or become undecidable. */
  readonly outsideFlows: readonly OutsideFlowChange[];
  readonly approvers: readonly Approver[];
  readonly apps: readonly AppImpact[];
  /** `sg-0a1` → `web`: the names of the groups and ACLs the report mentions, for labels. */
  readonly segmentNames: Readonly<Record<string, string>>;
  /** Parts of the change the impact could not evaluate, and why. */
  readonly notEvaluated: readonly NotEvaluated[];
  readonly figures: {
    readonly workloadsAffected: number;
    readonly dependenciesBroken: number;
    readonly pairsOpened: number;
    readonly pairsClosed: number;
    readonly unneededOpenings: number;
    /** Owners who must approve, not counting the row of segments with no owner recorded. */
    readonly ownersToApprove: number;
  };
}
