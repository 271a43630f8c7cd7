import type { PortSet } from '../portSet';

/** Workloads that every rule, entry and route treats alike: a flow's verdict never tells them apart. */
export interface WorkloadClass {
  readonly id: number;
  readonly vpcId: string;
  readonly subnetId: string;
  /** Sorted. */
  readonly groupIds: readonly string[];
  /** False for NAT gateway interfaces, which take no connection opened to them. */
  readonly acceptsConnections: boolean;
  /** False for VPC endpoint interfaces, from which no connection starts. */
  readonly opensConnections: boolean;
  readonly workloadIds: readonly string[];
}

/**
 * What members of `from` may send to members of `to` with one protocol: ports (ICMP types for icmp;
 * for protocols without ports, all or nothing) allowed for sure, and those whose verdict is unknown.
 * `from === to` is the flow between two different members of one class.
 */
export interface ClassEdge {
  readonly from: number;
  readonly to: number;
  readonly protocol: string;
  readonly allowed: PortSet;
  readonly unknown: PortSet;
}

/** Receives edges as the sweep finds them: arguments, not objects, as there can be millions. */
export type EdgeSink = (
  from: number,
  to: number,
  protocol: string,
  allowed: PortSet,
  unknown: PortSet,
) => void;

export interface FlowGraph {
  readonly classes: readonly WorkloadClass[];
  readonly edges: ClassEdges;
  /**
   * The protocols edges are listed for. Any other is decided by `-1` rules and entries alone, as
   * every protocol the estate does not name is: so alike that one listing would stand for them all.
   */
  readonly protocols: readonly string[];
}

/** The edges of a graph, which can number millions: counted, and walked one at a time. */
export interface ClassEdges extends Iterable<ClassEdge> {
  readonly count: number;
  /** Each edge as arguments, without an object per edge. */
  forEach(visit: EdgeSink): void;
  /** The edges leaving one class, the same way. */
  forEachFrom(source: number, visit: EdgeSink): void;
}

export type ProgressListener = (done: number, total: number) => void;

export interface Segment {
  readonly groupId: string;
  readonly name: string;
  readonly vpcId: string | null;
  /** Workloads carrying the group. */
  readonly members: number;
}
