import type { ElementDefinition } from 'cytoscape';
import type { Collapsed, GraphEdge } from './collapse';

/** Cytoscape elements of a collapsed graph; everything styles read lives in `data` and classes. */
export function toElements<E extends GraphEdge>(graph: Collapsed<E>): ElementDefinition[] {
  const nodes = graph.nodes.map((node): ElementDefinition => {
    const display = displayLabel(
      node.label,
      node.collapsed ? collapsedDetail(node.detail, node.collapsed) : node.detail,
    );
    return {
      group: 'nodes',
      data: { ...node, display, owner: node.owner ?? '', ...boxFor(display) },
      classes: [node.kind, ...(node.flags ?? []), ...(node.collapsed ? ['collapsed'] : [])].join(' '),
    };
  });
  const edges = graph.edges.map(
    (edge): ElementDefinition => ({
      group: 'edges',
      data: { ...edge },
      classes: edge.classes.join(' '),
    }),
  );
  return [...nodes, ...edges];
}

function collapsedDetail(detail: string | undefined, hidden: number): string {
  return detail ? `${detail} · ${hidden} inside` : `${hidden} inside`;
}

/** One line: readable at the zoom a whole estate fits in, and predictable to size. */
function displayLabel(label: string, detail: string | undefined): string {
  return detail ? `${label} · ${detail}` : label;
}

/** Cytoscape cannot size a node to its label, so leaf nodes are sized here from the text they carry. */
function boxFor(display: string): { width: number; height: number } {
  return { width: Math.min(220, Math.max(48, display.length * 6.2 + 16)), height: 24 };
}
