import type { Estate } from '../../domain/estate';
import { EstateIndex } from '../estateIndex';
import { ClassEdgeList } from './classEdgeList';
import { type SweepBasis, sweepBasis, sweepClassEdges } from './classEdges';
import type { FlowGraph, ProgressListener } from './types';
import { hasClassesOf, partitionWorkloads } from './workloadClasses';

export type { PackedSegmentEdges, PackedSegmentGraph } from './packedSegments';
export { aggregateBySegment } from './segments';
export type {
  ClassEdge,
  ClassEdges,
  FlowGraph,
  ProgressListener,
  Segment,
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
  /** The estate this one was made from (a what-if's before): its classes are taken if they hold. */
  readonly madeFrom?: Estate;
  /**
   * Protocols to list edges for although the estate names none of them: those another estate names,
   * when the two are compared protocol by protocol.
   */
  readonly protocols?: ReadonlySet<string>;
}

/**
 * Every allowed (or undecidable) flow of the estate, between classes of indistinguishable workloads,
 * without evaluating workload pairs: see docs/semantics/aws.md, "The allowed-flow graph".
 */
export function computeFlowGraph(
  estate: Estate,
  { onProgress, index, around, allowedOnly, madeFrom, protocols = new Set() }: FlowGraphOptions = {},
): FlowGraph {
  onProgress?.(0, 0);
  const basis = basisOf(estate, index, madeFrom, protocols);
  const { partition } = basis;
  const edges = new ClassEdgeList();
  const focus =
    around &&
    new Set(
      partition.classes.filter((one) => one.workloadIds.some((id) => around.has(id))).map((one) => one.id),
    );
  sweepClassEdges(basis, edges.push, {
    ...(focus ? { focus } : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(allowedOnly ? { allowedOnly } : {}),
  });
  const listed = basis.intervals.spaces.map((space) => space.protocol);
  return { classes: partition.classes, edges, protocols: listed };
}

/**
 * Sweep bases by estate. Estates are never changed once read, so a basis holds for as long as its
 * estate lives. A what-if sweeps the same estate before every change, and working out its basis took
 * 0.8 s of each on the bench estate; kept, it holds about 80 MB there (docs/performance.md).
 */
const bases = new WeakMap<Estate, Map<string, SweepBasis>>();

function basisOf(
  estate: Estate,
  index: EstateIndex | undefined,
  madeFrom: Estate | undefined,
  protocols: ReadonlySet<string>,
): SweepBasis {
  const key = [...protocols].sort().join();
  const ofEstate = bases.get(estate) ?? new Map<string, SweepBasis>();
  bases.set(estate, ofEstate);
  let basis = ofEstate.get(key);
  if (basis === undefined) {
    // Any basis of the estate has its classes; one of the estate it was made from may.
    const [same] = ofEstate.values();
    const [earlier] = madeFrom ? (bases.get(madeFrom)?.values() ?? []) : [];
    const partition =
      same?.partition ??
      (earlier && madeFrom && hasClassesOf(estate, madeFrom)
        ? earlier.partition
        : partitionWorkloads(estate));
    basis = sweepBasis(estate, index ?? new EstateIndex(estate), partition, protocols);
    ofEstate.set(key, basis);
  }
  return basis;
}
