import type { Core, NodeSingular } from 'cytoscape';

export interface HighlightState {
  /** Keys lit in this view; null when nothing is selected, hovered or in focus. */
  readonly highlight: ReadonlySet<string> | null;
  /** The hovered or selected key itself. */
  readonly active: string | null;
  /** The objects of the finding in focus. */
  readonly focus: ReadonlySet<string> | null;
  readonly showUnneeded: boolean;
}

const stands = (node: NodeSingular, keys: ReadonlySet<string> | null): boolean =>
  keys !== null && (node.data('keys') as readonly string[]).some((key) => keys.has(key));

/**
 * Lights the nodes standing for highlighted keys (a collapsed group stands for everything in it),
 * fades the rest, and shows an unneeded allowance only next to the active node or when asked to.
 */
export function applyHighlight(cy: Core, state: HighlightState): void {
  const active = state.active === null ? null : new Set([state.active]);
  cy.batch(() => {
    for (const node of cy.nodes()) {
      const lit = stands(node, state.highlight);
      node.toggleClass('hl', lit);
      node.toggleClass('faded', state.highlight !== null && !lit && !node.isParent());
      node.toggleClass('focus', stands(node, state.focus));
      node.toggleClass('active', stands(node, active));
    }
    for (const edge of cy.edges()) {
      const touchesActive = stands(edge.source(), active) || stands(edge.target(), active);
      const bothLit = edge.source().hasClass('hl') && edge.target().hasClass('hl');
      edge.toggleClass('hl', touchesActive || (state.active === null && bothLit));
      // Ports only next to the one active node: labels on every lit edge would pile up.
      edge.toggleClass('labelled', touchesActive);
      edge.toggleClass('faded', state.highlight !== null && !touchesActive && !bothLit);
      edge.toggleClass('reveal', state.showUnneeded || touchesActive);
    }
  });
}

/** Ids of the nodes carrying a class, sorted: what the tests read off the view. */
export function idsWithClass(cy: Core, className: string): string {
  return cy
    .nodes(`.${className}`)
    .map((n) => n.id())
    .sort()
    .join(' ');
}
