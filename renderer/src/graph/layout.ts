import type { Core } from 'cytoscape';
import { type BoxNode, gridPositions } from './gridLayout';

/** Lays the graph out to fill the canvas's shape, then fits it. */
export function runLayout(cy: Core): void {
  const boxes: BoxNode[] = cy.nodes().map((node) => ({
    id: node.id(),
    parent: node.data('parent') as string | undefined,
    width: node.data('width') as number,
    height: node.data('height') as number,
    label: node.data('display') as string,
    rank: node.hasClass('subnet') ? 1 : 0,
  }));
  const aspect = cy.width() > 0 && cy.height() > 0 ? cy.width() / cy.height() : 1.4;
  const positions = gridPositions(boxes, aspect);
  cy.layout({ name: 'preset', positions: Object.fromEntries(positions), fit: false }).run();
  fitView(cy);
}

/** Fits the whole drawing, but a small graph is not blown up past 1.5×. */
export function fitView(cy: Core): void {
  cy.fit(undefined, 16);
  if (cy.zoom() > 1.5) cy.zoom({ level: 1.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}
