import type { ClassEdge, FlowGraph } from '../../../../main/core/analysis/flowGraph';
import type { ReachabilityEngine, Verdict } from '../../../../main/core/analysis/reachability';

/** Looks a workload flow up in the graph: in `allowed` → true, in `unknown` → 'unknown', else false. */
export class GraphVerdicts {
  private readonly classOf = new Map<string, number>();
  private readonly edges = new Map<string, ClassEdge>();

  constructor(graph: FlowGraph) {
    for (const one of graph.classes) for (const id of one.workloadIds) this.classOf.set(id, one.id);
    for (const edge of graph.edges) this.edges.set(`${edge.from}>${edge.to}>${edge.protocol}`, edge);
  }

  verdict(source: string, destination: string, protocol: string, port: number | null): Verdict {
    const edge = this.edges.get(`${this.classOf.get(source)}>${this.classOf.get(destination)}>${protocol}`);
    const point = port ?? 0;
    if (edge?.allowed.contains(point)) return true;
    return edge?.unknown.contains(point) ? 'unknown' : false;
  }
}

export interface Disagreement {
  readonly source: string;
  readonly destination: string;
  readonly protocol: string;
  readonly port: number | null;
  readonly graph: Verdict;
  readonly engine: Verdict;
}

/** Every flow among `workloadIds` (distinct ends) where the graph and the engine differ. */
export function disagreements(
  graph: FlowGraph,
  engine: ReachabilityEngine,
  workloadIds: readonly string[],
  traffic: readonly (readonly [protocol: string, port: number | null])[],
): Disagreement[] {
  const lookup = new GraphVerdicts(graph);
  const found: Disagreement[] = [];
  for (const source of workloadIds) {
    for (const destination of workloadIds) {
      if (source === destination) continue;
      for (const [protocol, port] of traffic) {
        const expected = engine.check({ source, destination, protocol, port }).allowed;
        const actual = lookup.verdict(source, destination, protocol, port);
        if (actual !== expected)
          found.push({ source, destination, protocol, port, graph: actual, engine: expected });
      }
    }
  }
  return found;
}
