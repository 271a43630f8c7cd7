import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { type Box, type Detour, detours, type Link } from './detours';
import { type BoxNode, gridPositions } from './gridLayout';

/** Lays the graph out to fill the canvas's shape, then fits it. */
export function runLayout(cy: Core): void {
  const boxes: BoxNode[] = cy.nodes().map((node) => {
    // Transit gateways and peerings join the VPCs their edges lead to.
    const joined = node.outgoers('edge.joins').targets();
    return {
      id: node.id(),
      parent: node.data('parent') as string | undefined,
      width: node.data('width') as number,
      height: node.data('height') as number,
      label: node.data('display') as string,
      rank: node.hasClass('subnet') ? 1 : 0,
      ...(joined.length > 0 ? { anchors: joined.map((vpc) => vpc.id()) } : {}),
    };
  });
  const aspect = cy.width() > 0 && cy.height() > 0 ? cy.width() / cy.height() : 1.4;
  // Edges drawn between boxes, so that those inside one group get room; hidden unneeded allowances,
  // the lines of joining nodes and ACLs to their subnets are not between members of a group.
  const links = cy
    .edges()
    .filter((edge) => !['unneeded', 'joins', 'covers'].some((kind) => edge.hasClass(kind)))
    .map(linkOf);
  const positions = gridPositions(boxes, aspect, links);
  cy.layout({ name: 'preset', positions: Object.fromEntries(positions), fit: false }).run();
  applyDetours(cy);
  fitView(cy);
}

const maxDetourChecks = 4_000_000;

/**
 * Leads the edges between top-level boxes (collapsed VPCs, say) that would run behind another one
 * around it (detours.ts); again after a box is dragged. Edges inside groups are left as they are:
 * they are many, and the groups keep them apart.
 */
export function applyDetours(cy: Core): void {
  const tops = cy.nodes().orphans();
  const between = tops.edgesWith(tops);
  // Each edge is checked against every top-level box: with thousands of both (a view of loose nodes),
  // that would hold up the drawing for an improvement nobody could see in such a tangle.
  const found =
    tops.length * between.length > maxDetourChecks
      ? new Map<string, Detour>()
      : detours(tops.map(boxOf), between.map(linkOf));
  cy.batch(() => {
    cy.edges('.detour').removeClass('detour');
    for (const [id, { weights, distances }] of found) {
      cy.getElementById(id).data({ detourWeights: weights, detourDistances: distances }).addClass('detour');
    }
  });
}

function boxOf(node: NodeSingular): Box {
  const { x1, y1, w, h } = node.boundingBox({ includeLabels: false });
  return { id: node.id(), x: x1 + w / 2, y: y1 + h / 2, width: w, height: h };
}

function linkOf(edge: EdgeSingular): Link {
  return { id: edge.id(), source: edge.source().id(), target: edge.target().id() };
}

/** Fits the whole drawing, but a small graph is not blown up past 1.5×. */
export function fitView(cy: Core): void {
  cy.fit(undefined, 16);
  if (cy.zoom() > 1.5) cy.zoom({ level: 1.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}
