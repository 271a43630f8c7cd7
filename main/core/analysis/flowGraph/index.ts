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

/**
 * Every allowed (or undecidable) flow of the estate, between classes of indistinguishable workloads,
 * without evaluating workload pairs: see docs/semantics/aws.md, "The allowed-flow graph".
 * `onProgress` is called once per source class, and with (0, 0) before the classes are known: on a
 * large estate, finding them and indexing the rules takes a second of its own. `index`: the
 * engine's, when it has one already.
 */
export function computeFlowGraph(
  estate: Estate,
  onProgress?: ProgressListener,
  index: EstateIndex = new EstateIndex(estate),
): FlowGraph {
  onProgress?.(0, 0);
  const partition = partitionWorkloads(estate);
  const edges = new ClassEdgeList();
  sweepClassEdges(estate, index, partition, edges.push, onProgress ? { onProgress } : {});
  return { classes: partition.classes, edges };
}
