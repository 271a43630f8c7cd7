import type { Segment, SegmentGraph } from './types';

/**
 * The segment graph as the views receive and the workspace keeps it: edges in columns of numbers
 * rather than an object each. On the 50,000-ENI bench estate its 583,380 edges were 83 MB of JSON
 * and 2.1 s per structured clone, and the app clones an answer twice (worker to main process, main
 * process to window).
 */
export interface PackedSegmentGraph {
  readonly segments: readonly Segment[];
  readonly edges: PackedSegmentEdges;
}

export interface PackedSegmentEdges {
  readonly protocols: readonly string[];
  /** Edge i joins segments[from[i]] to segments[to[i]] over protocols[protocol[i]]. */
  readonly from: readonly number[];
  readonly to: readonly number[];
  readonly protocol: readonly number[];
  readonly workloadPairs: readonly number[];
  /**
   * Edge i's port ranges are (ports[2k], ports[2k + 1]) for k from portStart[i] to portStart[i + 1]
   * (excluded); portStart has one entry more than there are edges.
   */
  readonly portStart: readonly number[];
  readonly ports: readonly number[];
}

export function packSegmentGraph({ segments, edges }: SegmentGraph): PackedSegmentGraph {
  const segmentAt = new Map(segments.map((segment, at) => [segment.groupId, at]));
  const indexOf = (groupId: string): number => {
    const at = segmentAt.get(groupId);
    // Every edge joins segments of the graph: aggregation lists every group it counts.
    if (at === undefined) throw new Error(`segment graph: an edge names ${groupId}, which is no segment`);
    return at;
  };
  const protocols: string[] = [];
  const protocolAt = new Map<string, number>();
  const packed = {
    protocols,
    from: [] as number[],
    to: [] as number[],
    protocol: [] as number[],
    workloadPairs: [] as number[],
    portStart: [0],
    ports: [] as number[],
  };
  for (const edge of edges) {
    let protocol = protocolAt.get(edge.protocol);
    if (protocol === undefined) {
      protocol = protocols.push(edge.protocol) - 1;
      protocolAt.set(edge.protocol, protocol);
    }
    packed.from.push(indexOf(edge.fromGroup));
    packed.to.push(indexOf(edge.toGroup));
    packed.protocol.push(protocol);
    packed.workloadPairs.push(edge.workloadPairs);
    for (const { from, to } of edge.ports) packed.ports.push(from, to);
    packed.portStart.push(packed.ports.length / 2);
  }
  return { segments, edges: packed };
}
