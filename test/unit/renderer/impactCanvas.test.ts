import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { applyImpact } from '../../../renderer/src/graph/impactCanvas';
import type { ViewOverlay } from '../../../renderer/src/graph/impactOverlay';

const node = (id: string) => ({ group: 'nodes' as const, data: { id, keys: [id] } });

describe('drawing an overlay on a canvas', () => {
  it('marks edges and nodes, draws missing edges, and replaces the previous overlay', () => {
    const cy = cytoscape({
      headless: true,
      elements: [
        node('svc:a'),
        node('svc:b'),
        node('svc:c'),
        { group: 'edges', data: { id: 'dep:a->b', source: 'svc:a', target: 'svc:b', label: 'tcp/5432' } },
      ],
    });
    const overlay: ViewOverlay = {
      nodes: new Map([['svc:b', 'hit']]),
      edges: [
        { source: 'svc:a', target: 'svc:b', effect: 'breaks', label: 'tcp/5432' },
        { source: 'svc:c', target: 'svc:b', effect: 'opened', label: 'tcp/443' },
      ],
    };
    applyImpact(cy, overlay);
    expect(cy.getElementById('dep:a->b').hasClass('impact-breaks')).toBe(true);
    expect(cy.getElementById('svc:b').hasClass('impact-hit')).toBe(true);
    expect(cy.getElementById('impact:svc:c->svc:b:opened').hasClass('impact-added')).toBe(true);

    applyImpact(cy, { nodes: new Map(), edges: [] });
    expect(cy.edges().map((e) => e.id())).toEqual(['dep:a->b']);
    expect(cy.getElementById('svc:b').hasClass('impact-hit')).toBe(false);
    expect(cy.getElementById('dep:a->b').classes()).toEqual([]);
  });
});
