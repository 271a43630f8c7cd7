import type { SourceRef } from './estate';

/**
 * The application side of a snapshot: what the catalog, a dependencies file and flow logs say, before
 * it is joined to workloads. Names are as the source wrote them; joining normalises them.
 */

/** A Backstage entity or a dependencies-file row naming a component (service) and what it belongs to. */
export interface DeclaredService {
  /** The service (Backstage Component) name. */
  readonly name: string;
  /** The application (Backstage System), when the source says. */
  readonly app: string | null;
  /** The owning team or person (Backstage Group/User ref without the kind prefix), when the source says. */
  readonly owner: string | null;
  /**
   * How to find the service's workloads: tag key/value pairs that must all match a workload's tags
   * (from the annotation `faultline.dev/workload-selector: "app=orders,service=order-api"`).
   */
  readonly workloadSelector: Readonly<Record<string, string>> | null;
  /**
   * Internet addresses of a service outside the estate (a payment provider, a SaaS API), from the
   * annotation `faultline.dev/address`: dependencies on it are checked as flows to the internet.
   */
  readonly addresses?: readonly string[];
  readonly origin: 'catalog' | 'dependencies-file';
  readonly source: SourceRef;
}

/** A dependency someone wrote down: service `from` calls service `to`. */
export interface DeclaredDependency {
  readonly from: string;
  readonly to: string;
  /** `tcp`, `udp`, ... or null when the source does not say. */
  readonly protocol: string | null;
  readonly port: number | null;
  /** Where it was written: a catalog's dependsOn/consumesApis, or a dependencies-file row. */
  readonly origin: 'catalog' | 'dependencies-file';
  readonly source: SourceRef;
}

/** An API a component provides (Backstage `providesApis`), so `consumesApis` can name its provider. */
export interface ProvidedApi {
  readonly api: string;
  readonly service: string;
  readonly source: SourceRef;
}

/**
 * Flow-log records folded by conversation: one client address talking to one server address and
 * port, with one action. The server side is told from the client's ephemeral port.
 */
export interface ObservedFlow {
  readonly client: string;
  readonly server: string;
  /** IANA protocol number as the log writes it: 6 tcp, 17 udp, 1 icmp. */
  readonly protocol: number;
  /** The server's port; null for protocols without ports. */
  readonly serverPort: number | null;
  readonly action: 'ACCEPT' | 'REJECT';
  readonly records: number;
  readonly packets: number;
  readonly bytes: number;
  /** Unix seconds. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /**
   * The interface (`interface-id`) whose records these are, kept only when an end is an address that
   * workloads of several VPCs hold: its VPC tells whose address it is. The conversation's records on
   * other interfaces are then conversations of their own.
   */
  readonly interfaceId?: string;
}

/** A `consumesApis` entry no component in the files provides: shown to the user, not an error. */
export interface UnresolvedApi {
  readonly api: string;
  readonly consumer: string;
  readonly source: SourceRef;
}

export interface ApplicationSources {
  readonly services: readonly DeclaredService[];
  readonly dependencies: readonly DeclaredDependency[];
  readonly providedApis: readonly ProvidedApi[];
  readonly unresolvedApis: readonly UnresolvedApi[];
  readonly flows: readonly ObservedFlow[];
}
