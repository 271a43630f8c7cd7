/**
 * Where an overlay lands on what a canvas actually draws: a mark between two keys goes on the edge
 * between the nodes standing for them (a collapsed group stands for everything inside), or becomes a
 * new edge when the view draws none there (a flow that opens where nothing was allowed).
 */
import type { ElementDefinition } from 'cytoscape';
import { effectRank, type ImpactEffect, type NodeImpact, type ViewOverlay } from './impactOverlay';

export interface DrawnNode {
  readonly id: string;
  /** The keys the node stands for (see collapse). */
  readonly keys: readonly string[];
}

export interface DrawnEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label?: string;
}

export interface Placement {
  readonly nodes: ReadonlyMap<string, NodeImpact>;
  readonly edges: ReadonlyMap<string, ImpactEffect>;
  /** Edges to draw for marks no drawn edge carries. */
  readonly added: readonly ElementDefinition[];
}

export const impactClassPrefix = 'impact-';
export const addedEdgeClass = 'impact-added';

export function placeOverlay(
  overlay: ViewOverlay,
  nodes: readonly DrawnNode[],
  edges: readonly DrawnEdge[],
): Placement {
  const standsFor = new Map<string, string>();
  for (const node of nodes) for (const key of node.keys) standsFor.set(key, node.id);
  const placedNodes = new Map<string, NodeImpact>();
  for (const [key, impact] of overlay.nodes) {
    const id = standsFor.get(key);
    if (id && placedNodes.get(id) !== 'edited') placedNodes.set(id, impact);
  }
  const byPair = new Map<string, DrawnEdge[]>();
  for (const edge of edges) {
    const pair = `${edge.source} ${edge.target}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), edge]);
  }
  const placedEdges = new Map<string, ImpactEffect>();
  const added = new Map<string, { source: string; target: string; effect: ImpactEffect; labels: string[] }>();
  for (const mark of overlay.edges) {
    const source = standsFor.get(mark.source);
    const target = standsFor.get(mark.target);
    if (!source || !target || source === target) continue;
    const drawn = byPair.get(`${source} ${target}`) ?? [];
    // Between two services, one edge per dependency port: mark the one the mark is about, if drawn.
    const same = drawn.filter((edge) => edge.label?.split(', ').includes(mark.label));
    const carriers = same.length > 0 ? same : drawn;
    for (const edge of carriers) placedEdges.set(edge.id, worse(placedEdges.get(edge.id), mark.effect));
    if (carriers.length > 0) continue;
    const id = `impact:${source}->${target}:${mark.effect}`;
    const entry = added.get(id) ?? { source, target, effect: mark.effect, labels: [] };
    entry.labels.push(mark.label);
    added.set(id, entry);
  }
  return {
    nodes: placedNodes,
    edges: placedEdges,
    added: [...added].map(([id, { source, target, effect, labels }]) => ({
      group: 'edges',
      data: { id, source, target, label: [...new Set(labels)].join(', ') },
      classes: `${addedEdgeClass} ${impactClassPrefix}${effect}`,
    })),
  };
}

function worse(current: ImpactEffect | undefined, next: ImpactEffect): ImpactEffect {
  return current !== undefined && effectRank.indexOf(current) <= effectRank.indexOf(next) ? current : next;
}
