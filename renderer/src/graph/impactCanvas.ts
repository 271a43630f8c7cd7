import type { Core } from 'cytoscape';
import type { ImpactEffect, NodeImpact, ViewOverlay } from './impactOverlay';
import { addedEdgeClass, impactClassPrefix, placeOverlay } from './impactPlacement';
import { applyDetours } from './layout';

const nodeClasses: readonly NodeImpact[] = ['edited', 'hit'];
const edgeClasses: readonly ImpactEffect[] = ['breaks', 'restored', 'undecided', 'opened', 'closed'];
const allClasses = [...nodeClasses, ...edgeClasses].map((c) => `${impactClassPrefix}${c}`).join(' ');

/**
 * Draws an impact overlay on a canvas, replacing the previous one, and records it on the container
 * (`data-impact`: `edge-id=effect …`) for the browser tests.
 */
export function applyImpact(cy: Core, overlay: ViewOverlay): void {
  cy.batch(() => {
    cy.remove(`.${addedEdgeClass}`);
    cy.elements().removeClass(allClasses);
    const placement = placeOverlay(
      overlay,
      cy.nodes().map((node) => ({ id: node.id(), keys: (node.data('keys') as string[]) ?? [node.id()] })),
      cy.edges().map((edge) => ({
        id: edge.id(),
        source: edge.source().id(),
        target: edge.target().id(),
        label: edge.data('label') as string | undefined,
      })),
    );
    for (const [id, impact] of placement.nodes)
      cy.getElementById(id).addClass(`${impactClassPrefix}${impact}`);
    for (const [id, effect] of placement.edges)
      cy.getElementById(id).addClass(`${impactClassPrefix}${effect}`);
    cy.add([...placement.added]);
  });
  // Edges added for the overlay may run behind boxes too.
  applyDetours(cy);
  const container = cy.container();
  if (container)
    container.dataset.impact = cy
      .edges()
      .map((edge) => {
        const effect = edgeClasses.find((e) => edge.hasClass(`${impactClassPrefix}${e}`));
        return effect ? `${edge.id()}=${effect}` : '';
      })
      .filter(Boolean)
      .sort()
      .join(' ');
}
