import type { UnresolvedApi } from '../domain/applications';
import type { SourceRef } from '../domain/estate';

/** Where a service's membership or a dependency came from. */
export type ServiceOrigin = 'tags' | 'catalog' | 'dependencies-file';

export interface ServiceNode {
  readonly name: string;
  readonly app: string;
  readonly owners: readonly string[];
  readonly workloadIds: readonly string[];
  /** Internet addresses of a service outside the estate (catalog `faultline.dev/address`). */
  readonly addresses?: readonly string[];
  readonly origins: readonly ServiceOrigin[];
}

export interface AppNode {
  readonly name: string;
  readonly owners: readonly string[];
  readonly services: readonly ServiceNode[];
}

export interface ObservedTraffic {
  readonly records: number;
  readonly packets: number;
  readonly bytes: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Unix seconds. */
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface ServiceDependency {
  readonly from: string;
  readonly to: string;
  readonly protocol: string | null;
  readonly port: number | null;
  readonly source: 'declared' | 'observed' | 'both';
  /** Where it was declared (catalog entries, dependencies-file rows). */
  readonly declaredAt: readonly SourceRef[];
  readonly observed: ObservedTraffic | null;
}

export interface UnassignedWorkload {
  readonly workloadId: string;
  readonly kind: string;
  readonly name: string | null;
  readonly reason: string;
}

/**
 * A flow-log conversation into a service from an address no service has: an office, a partner, a
 * shopper. Nothing declares these clients, so only the logs say that something depends on the path.
 */
export interface OutsideFlow {
  readonly client: string;
  /** The address the log names the server by: one of the service's workloads'. */
  readonly server: string;
  /**
   * The ENI holding the server's address, told as every end of a conversation is (docs/flow-logs.md,
   * "Whose address it is": by the VPC of the interface that logged it where several VPCs hold the
   * address). Null when it cannot be told: a pod no ENI holds, or ENIs of several VPCs holding the
   * address for this service in a log that does not name the interface.
   */
  readonly workloadId: string | null;
  readonly service: string;
  readonly protocol: string;
  readonly port: number | null;
  /** Accepted records. */
  readonly records: number;
  /** Unix seconds. */
  readonly lastSeen: number;
}

/** Apps → services → workloads → owners, and the dependencies between services. */
export interface ApplicationModel {
  readonly apps: readonly AppNode[];
  /** Workloads no tag, selector or catalog entry maps to an application: listed, not hidden. */
  readonly unassigned: readonly UnassignedWorkload[];
  readonly dependencies: readonly ServiceDependency[];
  /** Flow-log conversations with an end that is no service's workload (internet clients, unassigned ENIs). */
  readonly unattributedFlows: number;
  /**
   * Of those, the ones left unattributed because an end's address is held by workloads of several VPCs
   * for different services and no interface tells which (docs/flow-logs.md, "Whose address it is").
   */
  readonly contestedFlows: number;
  /**
   * Of those, the accepted ones from outside every service into a service, the busiest first, at most
   * `outsideFlowsKept`: what a change can stop that no dependency names.
   */
  readonly outsideFlows: readonly OutsideFlow[];
  /**
   * APIs the catalog says a service consumes that no catalog file provides: the dependency they stand
   * for is missing from the model until the provider's file is imported.
   */
  readonly unresolvedApis: readonly UnresolvedApi[];
}
