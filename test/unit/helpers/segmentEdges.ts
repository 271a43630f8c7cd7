import type { PackedSegmentGraph } from '../../../main/core/analysis/flowGraph/packedSegments';

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
