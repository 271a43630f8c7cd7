import type { PackedSegmentGraph } from '../../../main/core/analysis/flowGraph/packedSegments';
import type { FlowGraph } from '../../../main/core/analysis/flowGraph/types';
import type { PortSet } from '../../../main/core/analysis/portSet';

/** One edge of the segment graph as an object: what a packed edge says, for assertions. */
export interface SegmentEdge {
  readonly fromGroup: string;
  readonly toGroup: string;
  readonly protocol: string;
  readonly ports: readonly { readonly from: number; readonly to: number }[];
  readonly workloadPairs: number;
}

/** The views' packed segment graph as edge objects again, for assertions. */
export function unpackSegmentEdges({ segments, edges }: PackedSegmentGraph): SegmentEdge[] {
  return edges.from.map((from, i) => {
    const ports: { from: number; to: number }[] = [];
    for (let k = edges.portStart[i] as number; k < (edges.portStart[i + 1] as number); k++) {
      ports.push({ from: edges.ports[2 * k] as number, to: edges.ports[2 * k + 1] as number });
    }
    return {
      fromGroup: segments[from]?.groupId ?? '',
      toGroup: segments[edges.to[i] as number]?.groupId ?? '',
      protocol: edges.protocols[edges.protocol[i] as number] ?? '',
      ports,
      workloadPairs: edges.workloadPairs[i] as number,
    };
  });
}

const ranges = (set: PortSet) => set.ranges().map(({ from, to }) => ({ from, to }));

/** The sums as the definition has them, an object per (from group, to group, protocol): to compare with. */
export function segmentEdgesByDefinition(graph: FlowGraph): SegmentEdge[] {
  const sums = new Map<string, { edge: SegmentEdge; ports: PortSet }>();
  for (const { from, to, protocol, allowed } of graph.edges) {
    if (allowed.isEmpty()) continue;
    const [source, destination] = [graph.classes[from], graph.classes[to]];
    if (!source || !destination) throw new Error('an edge names a class the graph lacks');
    const size = source.workloadIds.length;
    const pairs = size * (from === to ? size - 1 : destination.workloadIds.length);
    for (const fromGroup of source.groupIds) {
      for (const toGroup of destination.groupIds) {
        const key = `${fromGroup} ${toGroup} ${protocol}`;
        const found = sums.get(key);
        const ports = found ? found.ports.union(allowed) : allowed;
        const workloadPairs = (found?.edge.workloadPairs ?? 0) + pairs;
        sums.set(key, { ports, edge: { fromGroup, toGroup, protocol, ports: ranges(ports), workloadPairs } });
      }
    }
  }
  return [...sums.values()].map(({ edge }) => edge);
}
