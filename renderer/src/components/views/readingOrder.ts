import type { Core, NodeSingular } from 'cytoscape';

/** The node after (or before) `current` left to right, top to bottom: how the arrow keys walk a view. */
export function nextInReadingOrder(cy: Core, current: string | null, step: 1 | -1): string | null {
  const nodes = (cy.nodes(':visible').toArray() as NodeSingular[])
    .filter((n) => !n.isParent())
    .sort((a, b) => a.position('y') - b.position('y') || a.position('x') - b.position('x'));
  if (nodes.length === 0) return null;
  const at = current === null ? -1 : nodes.findIndex((n) => n.id() === current);
  const next = at === -1 ? (step === 1 ? 0 : nodes.length - 1) : (at + step + nodes.length) % nodes.length;
  return nodes[next]?.id() ?? null;
}
