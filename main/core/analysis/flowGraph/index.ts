import type { Estate } from '../../domain/estate';
import { EstateIndex } from '../estateIndex';
import { ClassEdgeList } from './classEdgeList';
import { sweepClassEdges } from './classEdges';
import type { FlowGraph, ProgressListener } from './types';
import { partitionWorkloads } from './workloadClasses';

export {
  type PackedSegmentEdges,
  type PackedSegmentGraph,
  packSegmentGraph,
} from './packedSegments';
export { aggregateBySegment } from './segments';
export type {
  ClassEdge,
  ClassEdges,
  FlowGraph,
  ProgressListener,
  Segment,
  SegmentEdge,
  SegmentGraph,
  WorkloadClass,
} from './types';

export interface FlowGraphOptions {
  /**
   * Called once per source class, and with (0, 0) before the classes are known: on a large estate,
   * finding them and indexing the rules takes a second of its own.
   */
  readonly onProgress?: ProgressListener;
  /** The engine's index, when it has one already. */
  readonly index?: EstateIndex;
  /**
   * Only the edges with an end in a class holding one of these workloads (a what-if's affected ones):
   * on a large estate far fewer than all.
   */
  readonly around?: ReadonlySet<string>;
  /** Only the edges with some surely allowed port (see SweepOptions). */
  readonly allowedOnly?: boolean;
}

/**
 * Every allowed (or undecidable) flow of the estate, between classes of indistinguishable workloads,
 * without evaluating workload pairs: see docs/semantics/aws.md, "The allowed-flow graph".
 */
export function computeFlowGraph(
  estate: Estate,
  { onProgress, index = new EstateIndex(estate), around, allowedOnly }: FlowGraphOptions = {},
): FlowGraph {
  onProgress?.(0, 0);
  const partition = partitionWorkloads(estate);
  const edges = new ClassEdgeList();
  const focus =
    around &&
    new Set(
      partition.classes.filter((one) => one.workloadIds.some((id) => around.has(id))).map((one) => one.id),
    );
  sweepClassEdges(estate, index, partition, edges.push, {
    ...(focus ? { focus } : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(allowedOnly ? { allowedOnly } : {}),
  });
  return { classes: partition.classes, edges };
}
