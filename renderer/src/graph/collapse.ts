import type { NodeKind } from './keys';
import { push } from './viewData';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly parent?: string;
  /** The team colouring the node in "color by owner" mode. */
  readonly owner?: string | null;
  /** A second label line: counts, CIDRs. */
  readonly detail?: string;
  /** Emphasis a finding or a verdict calls for, e.g. `exposed`, `empty`. */
  readonly flags?: readonly string[];
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label?: string;
  /** Style classes: the edge's verdict, source or need. */
  readonly classes: readonly string[];
}

export interface CollapseLimits {
  /** A group with more descendants than this starts collapsed. */
  readonly maxChildren: number;
  /** When more nodes than this would show, every top-level group starts collapsed. */
  readonly maxNodes: number;
}

/** Groups that start collapsed: the large ones, or all top-level ones when the view would be too dense. */
export function defaultCollapsed(nodes: readonly GraphNode[], limits: CollapseLimits): Set<string> {
  const descendants = countDescendants(nodes);
  const collapsed = new Set([...descendants].filter(([, n]) => n > limits.maxChildren).map(([id]) => id));
  if (visibleCount(nodes, collapsed) > limits.maxNodes) {
    for (const node of nodes) if (!node.parent && descendants.has(node.id)) collapsed.add(node.id);
  }
  return collapsed;
}

export interface Collapsed<E extends GraphEdge> {
  readonly nodes: readonly (GraphNode & { readonly collapsed?: number; readonly keys: readonly string[] })[];
  readonly edges: readonly (E & { readonly count: number })[];
}

/**
 * Hides the descendants of collapsed groups; a collapsed group stands for them (its `keys`), and
 * edges are redrawn between the visible ends, merged when several land on the same pair. Edges that
 * end up inside one collapsed group are dropped.
 */
export function collapse<E extends GraphEdge>(
  nodes: readonly GraphNode[],
  edges: readonly E[],
  collapsed: ReadonlySet<string>,
  merge: (a: E, b: E) => E,
): Collapsed<E> {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]));
  const shownAs = new Map<string, string>();
  const representative = (id: string): string => {
    const cached = shownAs.get(id);
    if (cached) return cached;
    let shown = id;
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) if (collapsed.has(p)) shown = p;
    shownAs.set(id, shown);
    return shown;
  };
  const keys = new Map<string, string[]>();
  for (const node of nodes) push(keys, representative(node.id), node.id);
  const hiddenCount = (id: string) => (keys.get(id)?.length ?? 1) - 1;
  const visible = nodes
    .filter((n) => representative(n.id) === n.id)
    .map((n) =>
      collapsed.has(n.id) && hiddenCount(n.id) > 0
        ? { ...n, collapsed: hiddenCount(n.id), keys: keys.get(n.id) ?? [n.id] }
        : { ...n, keys: keys.get(n.id) ?? [n.id] },
    );
  const merged = new Map<string, E & { count: number }>();
  for (const edge of edges) {
    const source = representative(edge.source);
    const target = representative(edge.target);
    if (source === target && source !== edge.source) continue;
    const id = source === edge.source && target === edge.target ? edge.id : `${source}->${target}`;
    const existing = merged.get(`${source}->${target}`);
    merged.set(
      `${source}->${target}`,
      existing
        ? { ...merge(existing, edge), id: existing.id, source, target, count: existing.count + 1 }
        : { ...edge, id, source, target, count: 1 },
    );
  }
  return { nodes: visible, edges: [...merged.values()] };
}

function countDescendants(nodes: readonly GraphNode[]): Map<string, number> {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]));
  const counts = new Map<string, number>();
  for (const node of nodes) {
    for (let p = node.parent; p !== undefined; p = parentOf.get(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

function visibleCount(nodes: readonly GraphNode[], collapsed: ReadonlySet<string>): number {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]));
  return nodes.filter((node) => {
    for (let p = node.parent; p !== undefined; p = parentOf.get(p)) if (collapsed.has(p)) return false;
    return true;
  }).length;
}

/** The default set with the user's toggles applied. */
export function flip(defaults: ReadonlySet<string>, toggled: ReadonlySet<string>): Set<string> {
  const result = new Set(defaults);
  for (const id of toggled) {
    if (result.has(id)) result.delete(id);
    else result.add(id);
  }
  return result;
}

const maxLabelParts = 3;

/** Port labels of merged edges: the first few, then how many more. */
export function mergeLabels(a: string | undefined, b: string | undefined): string {
  return joinLabels([...(a ?? '').split(', '), ...(b ?? '').split(', ')]);
}

/** Distinct labels, the first few, then how many more; a "+N" of an earlier merge is counted again. */
export function joinLabels(labels: Iterable<string>): string {
  const list = [...new Set([...labels].filter((p) => p && !p.startsWith('+')))];
  return list.length <= maxLabelParts
    ? list.join(', ')
    : `${list.slice(0, maxLabelParts).join(', ')}, +${list.length - maxLabelParts}`;
}
