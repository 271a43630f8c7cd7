import { aggregateBySegment, computeFlowGraph } from '../../main/core/analysis/flowGraph/index';
import { Workspace } from '../../main/store/workspace';
import { peakRssMb, timed } from './timing';

export interface GraphFigures {
  readonly enis: number;
  readonly classes: number;
  /** Class pairs with some allowed port, and with only unknown ports. */
  readonly allowedEdges: number;
  readonly unknownOnlyEdges: number;
  readonly segmentEdges: number;
  readonly graphMs: number;
  readonly segmentMs: number;
  readonly peakRssMb: number;
}

/** The whole allowed-flow graph of an imported snapshot, then its aggregation by segment for the views. */
export async function measureFlowGraph(dbFile: string, snapshotId: number): Promise<GraphFigures> {
  const workspace = Workspace.open(dbFile, { readonly: true });
  try {
    const estate = workspace.snapshots.loadEstate(snapshotId);
    const graph = await timed(() => computeFlowGraph(estate));
    const segments = await timed(() => aggregateBySegment(estate, graph.value));
    let allowedEdges = 0;
    graph.value.edges.forEach((_from, _to, _protocol, allowed) => {
      if (!allowed.isEmpty()) allowedEdges++;
    });
    return {
      enis: estate.workloads.length,
      classes: graph.value.classes.length,
      allowedEdges,
      unknownOnlyEdges: graph.value.edges.count - allowedEdges,
      segmentEdges: segments.value.edges.from.length,
      graphMs: graph.ms,
      segmentMs: segments.ms,
      peakRssMb: peakRssMb(),
    };
  } finally {
    workspace.close();
  }
}
