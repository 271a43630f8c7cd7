import { join } from 'node:path';
import cytoscape from 'cytoscape';
import { beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { appElements, appGraph, mergeDependencies } from '../../../renderer/src/graph/appElements';
import { collapse, defaultCollapsed } from '../../../renderer/src/graph/collapse';
import { gridPositions } from '../../../renderer/src/graph/gridLayout';
import { applyHighlight } from '../../../renderer/src/graph/highlight';
import { applyImpact } from '../../../renderer/src/graph/impactCanvas';
import { impactStylesheet } from '../../../renderer/src/graph/impactStylesheet';
import { applyDetours, runLayout } from '../../../renderer/src/graph/layout';
import { relatedKeys } from '../../../renderer/src/graph/linked';
import { noFilters, scopeOf } from '../../../renderer/src/graph/scope';
import { searchKeys } from '../../../renderer/src/graph/search';
import { segmentElements, segmentGraph } from '../../../renderer/src/graph/segmentElements';
import { graphStylesheet, lightGraphTheme } from '../../../renderer/src/graph/stylesheet';
import { svgOf } from '../../../renderer/src/graph/svgExport';
import type { ViewIndex } from '../../../renderer/src/graph/viewData';
import { tempDbFile } from '../helpers/tempWorkspace';
import { viewIndexOf } from '../helpers/viewIndex';

const sample = join(import.meta.dirname, '../../../resources/sample');
let index: ViewIndex;

beforeAll(async () => {
  const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sample });
  try {
    index = await viewIndexOf(service);
  } finally {
    close();
  }
});

const all = () => scopeOf(index, noFilters);
const backendShared = 'sg:sg-0cf7caca1e2b8e64e';
const supplyWorkers = 'sg:sg-06208df0c3c4cd635';
const prodCore = 'vpc:vpc-0b0e589882d7b2940';
const sharedServices = 'vpc:vpc-099d19c8d624dc3a1';
const hub = 'tgw:tgw-06a1129c805ca6a6f';
const peering = 'pcx:pcx-01f7c07e7d9cb4e7a';

describe('application view adapter', () => {
  it('puts services inside their app and styles dependencies by verdict and source', () => {
    const { nodes, edges } = appGraph(index, { scope: all(), showWorkloads: false, toggled: new Set() });
    expect(nodes.find((n) => n.id === 'svc:order-api')?.parent).toBe('app:orders');
    // Eight apps on AWS, two on the mobile backend's Kubernetes cluster.
    expect(nodes.filter((n) => n.kind === 'app')).toHaveLength(10);
    const blocked = edges.find((e) => e.source === 'svc:order-api' && e.target === 'svc:payment-gateway');
    expect(blocked).toMatchObject({
      verdict: 'blocked',
      origin: 'both',
      label: 'tcp/8443',
      classes: ['blocked', 'both'],
    });
    expect(edges.find((e) => e.source === 'svc:order-worker' && e.target === 'svc:order-api')?.origin).toBe(
      'observed',
    );
  });

  it('adds workloads under their service on demand', () => {
    const { nodes } = appGraph(index, { scope: all(), showWorkloads: true, toggled: new Set() });
    expect(nodes.find((n) => n.id === 'wl:eni-0b5be2d0910b12c9b')?.parent).toBe('svc:stock-sync');
  });

  it('keeps an app filter to the app and the apps it talks to', () => {
    const scope = scopeOf(index, { ...noFilters, app: 'inventory' });
    const apps = appGraph(index, { scope, showWorkloads: false, toggled: new Set() }).nodes.filter(
      (n) => n.kind === 'app',
    );
    expect(apps.map((n) => n.label).sort()).toEqual([
      'inventory',
      'orders',
      'platform-monitoring',
      'storefront',
    ]);
    expect(scope.segments).toContain('sg-06208df0c3c4cd635');
    expect(scope.segments).not.toContain('sg-0587bc80ef36fddd5');
  });
});

describe('segment view adapter', () => {
  it('groups subnets in VPCs and places a group in its subnet only when all its members share it', () => {
    const { nodes } = segmentGraph(index, {
      scope: all(),
      showAcls: false,
      showUnneeded: false,
      toggled: new Set(),
    });
    expect(nodes.find((n) => n.id === 'subnet:subnet-01a9c660690e8965b')?.parent).toBe(
      'vpc:vpc-0b0e589882d7b2940',
    );
    // supply-workers: both stock-sync ENIs are in prod-app-c.
    expect(nodes.find((n) => n.id === supplyWorkers)?.parent).toBe('subnet:subnet-01a9c660690e8965b');
    expect(nodes.find((n) => n.id === backendShared)?.parent).toBe('vpc:vpc-0b0e589882d7b2940');
    expect(nodes.find((n) => n.id === backendShared)?.detail).toBe('20');
  });

  it('draws one edge per ordered pair of groups, never a group to itself, marked used or unneeded', () => {
    const { edges } = segmentGraph(index, {
      scope: all(),
      showAcls: false,
      showUnneeded: false,
      toggled: new Set(),
    });
    expect(edges.every((e) => e.source !== e.target)).toBe(true);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
    const orderApiToRds = edges.find((e) => e.id === 'allow:sg-0dd0baa66bc0f6db5->sg-0619411f266f96a8d');
    expect(orderApiToRds?.need).toBe('used');
    expect(orderApiToRds?.label).toBe('tcp/5432');
    expect(edges.some((e) => e.need === 'unneeded')).toBe(true);
  });

  it('draws, for a narrower scope, exactly the edges of the whole view between the groups still shown', () => {
    const options = { showAcls: false, showUnneeded: true, toggled: new Set<string>() };
    const whole = segmentGraph(index, { ...options, scope: all() });
    const orders = scopeOf(index, { ...noFilters, app: 'orders' });
    const narrow = segmentGraph(index, { ...options, scope: orders });
    const shown = new Set(narrow.nodes.map((n) => n.id));
    const expected = whole.edges.filter((e) => shown.has(e.source) && shown.has(e.target));
    expect(narrow.edges.length).toBeGreaterThan(0);
    expect(narrow.edges.length).toBeLessThan(whole.edges.length);
    expect(narrow.edges).toEqual(expected);
    // Asked again for the whole view, the same edges: nothing of the narrow scope stayed behind.
    expect(segmentGraph(index, { ...options, scope: all() }).edges).toEqual(whole.edges);
  });

  it('shows NACLs and the subnets they cover on demand', () => {
    const { nodes, edges } = segmentGraph(index, {
      scope: all(),
      showAcls: true,
      showUnneeded: false,
      toggled: new Set(),
    });
    expect(nodes.find((n) => n.id === 'acl:acl-087b491100a2932b4')?.kind).toBe('acl');
    expect(edges).toContainEqual(
      expect.objectContaining({
        source: 'acl:acl-087b491100a2932b4',
        target: 'subnet:subnet-08db3b471c4cc06cf',
        need: 'covers',
      }),
    );
  });

  it('draws what joins the VPCs: the peering and the transit gateway, each a node with an edge to each VPC', () => {
    const options = { showAcls: false, showUnneeded: false, toggled: new Set<string>() };
    const { nodes, edges } = segmentGraph(index, { ...options, scope: all() });
    // Transit gateways first: the layout places joining nodes in this order.
    expect(nodes.filter((n) => n.kind === 'tgw' || n.kind === 'pcx')).toEqual([
      { id: hub, kind: 'tgw', label: 'northwind-hub', owner: 'platform', detail: '2 VPCs' },
      { id: peering, kind: 'pcx', label: 'pcx-01f7c07e7d9cb4e7a', detail: 'peering' },
    ]);
    const joins = edges.filter((e) => e.need === 'joins');
    expect(joins.map(({ source, target, label, classes }) => ({ source, target, label, classes }))).toEqual([
      {
        source: hub,
        target: prodCore,
        label: 'tgw-attach-04cc88fa7a14ae1fc',
        classes: ['joins', 'attachment'],
      },
      {
        source: hub,
        target: sharedServices,
        label: 'tgw-attach-0ad877115ef06cbb0',
        classes: ['joins', 'attachment'],
      },
      { source: peering, target: prodCore, classes: ['joins', 'peering'] },
      { source: peering, target: sharedServices, classes: ['joins', 'peering'] },
    ]);
    // One VPC in view: the transit gateway with its one attachment, no peering to a VPC not drawn.
    const one = segmentGraph(index, {
      ...options,
      scope: scopeOf(index, { ...noFilters, vpc: 'vpc-099d19c8d624dc3a1' }),
    });
    expect(one.nodes.find((n) => n.id === hub)?.detail).toBe('1 VPC');
    expect(one.nodes.some((n) => n.id === peering)).toBe(false);
    expect(one.edges.filter((e) => e.need === 'joins').map((e) => e.label)).toEqual([
      'tgw-attach-0ad877115ef06cbb0',
    ]);
  });
});

describe('linking', () => {
  it('lights a transit gateway with the VPCs it joins and what they hold, and a VPC with its transit gateways', () => {
    const fromHub = relatedKeys(index, hub);
    expect(fromHub.has(prodCore) && fromHub.has(sharedServices)).toBe(true);
    expect(fromHub.has('svc:order-api')).toBe(true);
    expect([...relatedKeys(index, sharedServices)]).toEqual(expect.arrayContaining([hub, peering]));
    expect(relatedKeys(index, peering).has(prodCore)).toBe(true);
    expect(relatedKeys(index, 'subnet:subnet-01a9c660690e8965b').has(hub)).toBe(false);
    expect(searchKeys(index, 'northwind-hub')).toEqual([hub]);
    expect(searchKeys(index, 'pcx-01f7')).toEqual([peering]);
  });

  it('lights the segments an app lives in, not the others', () => {
    const related = relatedKeys(index, 'app:orders');
    expect(related).toContain(backendShared);
    expect(related).toContain('subnet:subnet-08db3b471c4cc06cf');
    expect(related).not.toContain(supplyWorkers);
  });

  it('lights the apps a segment touches, not every group those apps carry', () => {
    const related = relatedKeys(index, supplyWorkers);
    expect(related).toContain('app:inventory');
    expect(related).toContain('svc:stock-sync');
    expect(related).not.toContain('app:orders');
    expect(related).not.toContain(backendShared);
  });

  it('finds objects by name, id and address', () => {
    expect(searchKeys(index, 'stock')).toEqual([
      'svc:stock-sync',
      'wl:eni-0b5be2d0910b12c9b',
      'wl:eni-034ebe09081b25fd5',
    ]);
    expect(searchKeys(index, '10.20.48.124')).toEqual(['wl:eni-0b5be2d0910b12c9b']);
  });
});

describe('collapsing', () => {
  const nodes = [
    { id: 'a', kind: 'app' as const, label: 'a' },
    ...Array.from({ length: 5 }, (_, i) => ({
      id: `a${i}`,
      kind: 'service' as const,
      label: `a${i}`,
      parent: 'a',
    })),
    { id: 'b', kind: 'app' as const, label: 'b' },
    { id: 'b0', kind: 'service' as const, label: 'b0', parent: 'b' },
  ];
  const edge = (id: string, source: string, target: string, verdict: 'allowed' | 'blocked') => ({
    id,
    source,
    target,
    label: id,
    verdict,
    origin: 'declared' as const,
    classes: [verdict, 'declared'],
  });

  it('collapses groups larger than the limit, and all top-level groups when the view is too dense', () => {
    expect(defaultCollapsed(nodes, { maxChildren: 4, maxNodes: 100 })).toEqual(new Set(['a']));
    expect(defaultCollapsed(nodes, { maxChildren: 10, maxNodes: 5 })).toEqual(new Set(['a', 'b']));
  });

  it('redraws edges between the visible ends, merged with the worst verdict', () => {
    const edges = [
      edge('x', 'a0', 'b0', 'allowed'),
      edge('y', 'a1', 'b0', 'blocked'),
      edge('z', 'a0', 'a1', 'allowed'),
    ];
    const collapsed = collapse(nodes, edges, new Set(['a']), mergeDependencies);
    expect(collapsed.nodes.map((n) => n.id)).toEqual(['a', 'b', 'b0']);
    expect(collapsed.nodes[0]).toMatchObject({ collapsed: 5, keys: ['a', 'a0', 'a1', 'a2', 'a3', 'a4'] });
    expect(collapsed.edges).toEqual([
      expect.objectContaining({ source: 'a', target: 'b0', verdict: 'blocked', count: 2, label: 'x, y' }),
    ]);
  });
});

describe('layout', () => {
  it('never lets two leaves overlap', () => {
    const { nodes } = segmentGraph(index, {
      scope: all(),
      showAcls: true,
      showUnneeded: false,
      toggled: new Set(),
    });
    const boxes = nodes.map((n) => ({
      id: n.id,
      parent: n.parent,
      width: 120,
      height: 24,
      label: n.label,
      rank: 0,
    }));
    const parents = new Set(boxes.flatMap((b) => (b.parent ? [b.parent] : [])));
    const positions = gridPositions(boxes, 1.2);
    const leaves = boxes.filter((b) => !parents.has(b.id)).map((b) => positions.get(b.id));
    for (const [i, a] of leaves.entries()) {
      for (const b of leaves.slice(i + 1)) {
        if (!a || !b) throw new Error('a leaf has no position');
        expect(Math.abs(a.x - b.x) >= 120 || Math.abs(a.y - b.y) >= 24).toBe(true);
      }
    }
  });

  /**
   * Three groups of `size` leaves each, forty loose leaves, and `hub` joining groups a and c, labelled
   * to come last among the loose ones; `anchored` says whether it tells the layout so.
   */
  const joined = (size: number, anchored: boolean) => [
    ...['a', 'b', 'c'].flatMap((group) => [
      { id: group, width: 0, height: 0, label: `group ${group}`, rank: 0 },
      ...Array.from({ length: size }, (_, at) => ({
        id: `${group}${at}`,
        parent: group,
        width: 100,
        height: 24,
        label: `${group}${at}`,
        rank: 0,
      })),
    ]),
    ...Array.from({ length: 40 }, (_, at) => ({
      id: `loose${at}`,
      width: 100,
      height: 24,
      label: `loose${at}`,
      rank: 0,
    })),
    {
      id: 'hub',
      width: 100,
      height: 24,
      label: 'zz hub',
      rank: 0,
      ...(anchored ? { anchors: ['a', 'c'] } : {}),
    },
  ];

  it('finds room for a joining node among thousands of loose boxes, over none of them', () => {
    const boxes = [
      ...Array.from({ length: 3000 }, (_, at) => ({
        id: `n${at}`,
        width: 100,
        height: 24,
        label: `n${at}`,
        rank: 0,
      })),
      { id: 'hub', width: 100, height: 24, label: 'hub', rank: 0, anchors: ['n0', 'n2999'] },
    ];
    const positions = gridPositions(boxes, 1.4);
    const hub = positions.get('hub') as { x: number; y: number };
    for (const [id, p] of positions)
      if (id !== 'hub') expect(Math.abs(p.x - hub.x) >= 100 || Math.abs(p.y - hub.y) >= 24).toBe(true);
  });

  it('sets a node that joins groups in the free space nearest them, not after everything', () => {
    const extent = (positions: Map<string, { x: number; y: number }>, group: string) => {
      const members = [...positions].filter(([id]) => id.startsWith(group) && id !== group).map(([, p]) => p);
      return {
        x1: Math.min(...members.map((p) => p.x)) - 50,
        x2: Math.max(...members.map((p) => p.x)) + 50,
        y1: Math.min(...members.map((p) => p.y)) - 12,
        y2: Math.max(...members.map((p) => p.y)) + 12,
      };
    };
    const distance = (positions: Map<string, { x: number; y: number }>) => {
      const hub = positions.get('hub') as { x: number; y: number };
      return ['a', 'c']
        .map((group) => extent(positions, group))
        .reduce((sum, box) => {
          const dx = Math.max(box.x1 - hub.x, 0, hub.x - box.x2);
          const dy = Math.max(box.y1 - hub.y, 0, hub.y - box.y2);
          return sum + Math.hypot(dx, dy);
        }, 0);
    };
    const anchored = gridPositions(joined(9, true), 1.4);
    const loose = gridPositions(joined(9, false), 1.4);
    expect(distance(anchored)).toBeLessThan(distance(loose));
    // And over no other box: every leaf keeps clear of it.
    const hub = anchored.get('hub') as { x: number; y: number };
    for (const [id, p] of anchored) {
      if (id === 'hub' || ['a', 'b', 'c'].includes(id)) continue;
      expect(Math.abs(p.x - hub.x) >= 100 || Math.abs(p.y - hub.y) >= 24).toBe(true);
    }
  });
});

describe('in cytoscape, headless', () => {
  const load = (elements: cytoscape.ElementDefinition[]) => {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements,
      style: graphStylesheet({ theme: lightGraphTheme, owners: null, large: false }),
    });
    runLayout(cy);
    return cy;
  };

  it('highlights across a collapsed group and reveals unneeded allowances next to the active node', () => {
    const cy = load(
      segmentElements(index, {
        scope: all(),
        showAcls: false,
        showUnneeded: false,
        toggled: new Set(['vpc:vpc-099d19c8d624dc3a1']),
      }),
    );
    applyHighlight(cy, {
      highlight: relatedKeys(index, 'app:bastion'),
      active: 'app:bastion',
      focus: null,
      showUnneeded: false,
    });
    // bastion lives in shared-services, drawn collapsed: the VPC node stands for it.
    expect(cy.getElementById('vpc:vpc-099d19c8d624dc3a1').hasClass('hl')).toBe(true);
    expect(cy.getElementById(supplyWorkers).hasClass('faded')).toBe(true);

    applyHighlight(cy, {
      highlight: relatedKeys(index, backendShared),
      active: backendShared,
      focus: null,
      showUnneeded: false,
    });
    const next = cy.getElementById(backendShared).connectedEdges('.unneeded');
    expect(next.nonempty()).toBe(true);
    expect(next.filter('.reveal').length).toBe(next.length);
    expect(cy.edges('.unneeded.reveal').length).toBe(next.length);
  });

  it("sets the sample's transit gateway between its VPCs, its lines through no other box, and the peering over none", () => {
    const cy = load(
      segmentElements(index, { scope: all(), showAcls: false, showUnneeded: false, toggled: new Set() }),
    );
    const tops = cy.nodes().orphans();
    const inside = (node: cytoscape.SingularElementArgument, x: number, y: number) => {
      const { x1, x2, y1, y2 } = node.boundingBox({ includeLabels: false });
      return x > x1 && x < x2 && y > y1 && y < y2;
    };
    const gateway = cy.getElementById(hub);
    expect(gateway.outgoers('edge.joins').edges().length).toBe(2);
    for (const edge of gateway.outgoers('edge.joins').edges()) {
      const from = gateway.position();
      const box = edge.target().boundingBox({ includeLabels: false });
      const to = { x: box.x1 + box.w / 2, y: box.y1 + box.h / 2 };
      // Points along the line: whether any lies inside another box.
      const crossed = tops
        .filter((node) => node.id() !== hub && node.id() !== edge.target().id())
        .filter((node) =>
          Array.from({ length: 99 }, (_, k) => (k + 1) / 100).some((t) =>
            inside(node, from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t),
          ),
        )
        .map((node) => node.id());
      expect({ edge: edge.id(), crossed }).toEqual({ edge: edge.id(), crossed: [] });
    }
    const { x1, x2, y1, y2 } = cy.getElementById(peering).boundingBox({ includeLabels: false });
    const corners = [
      [x1, y1],
      [x2, y1],
      [x1, y2],
      [x2, y2],
    ] as const;
    const under = tops.filter(
      (node) => node.id() !== peering && corners.some(([x, y]) => inside(node, x, y)),
    );
    expect(under.map((node) => node.id())).toEqual([]);
  });

  it('leaves room for an edge between services of one app, its length, its label and no box across it', () => {
    const cy = load(appElements(index, { scope: all(), showWorkloads: false, toggled: new Set() }));
    const inside = cy
      .edges()
      .filter(
        (edge) =>
          !edge.isLoop() &&
          edge.source().parent().same(edge.target().parent()) &&
          edge.source().parent().nonempty(),
      );
    // The sample's blocked push-worker → session-cache (tcp/6379) and mobile-bff → session-cache among them.
    const ids = inside.map((edge) => edge.id());
    expect(ids).toEqual(
      expect.arrayContaining([
        'dep:push-worker->session-cache:tcp/6379',
        'dep:mobile-bff->session-cache:tcp/6379',
      ]),
    );
    for (const edge of inside) {
      const [a, b] = [edge.source(), edge.target()].map((node) => node.boundingBox({ includeLabels: false }));
      if (!a || !b) throw new Error('an end has no box');
      // The clear space between the boxes, along the axis they are apart on: room for `tcp/6379`.
      const apart = Math.max(b.x1 - a.x2, a.x1 - b.x2, b.y1 - a.y2, a.y1 - b.y2);
      expect({ edge: edge.id(), roomy: apart >= 60 }).toEqual({ edge: edge.id(), roomy: true });
      // No third service stands across an edge (orders-webhook → order-api once ran behind orders-db).
      const [from, to] = [edge.source().position(), edge.target().position()];
      const crossed = edge
        .source()
        .siblings()
        .filter((node) => node.id() !== edge.target().id())
        .filter((node) => {
          const { x1, x2, y1, y2 } = node.boundingBox({ includeLabels: false });
          return Array.from({ length: 99 }, (_, k) => (k + 1) / 100).some((t) => {
            const [x, y] = [from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t];
            return x > x1 && x < x2 && y > y1 && y < y2;
          });
        })
        .map((node) => node.id());
      expect({ edge: edge.id(), crossed }).toEqual({ edge: edge.id(), crossed: [] });
    }
  });

  it('exports an SVG with every visible label', () => {
    const cy = load(appElements(index, { scope: all(), showWorkloads: false, toggled: new Set() }));
    const svg = svgOf(cy, '#ffffff');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('>payment-gateway<');
    expect(svg).toContain('>orders · commerce<');
    expect(svg.match(/<line /g)?.length).toBe(cy.edges(':visible').length);
  });

  it('leads an edge between top-level boxes around the box between them, on the canvas and in SVG', () => {
    const vpc = (id: string) => ({
      data: { id, display: `${id} · 550 inside`, width: 330, height: 40 },
      classes: 'group collapsed',
    });
    const edge = (id: string, source: string, target: string) => ({ data: { id, source, target } });
    const cy = load([
      vpc('hub'),
      vpc('spoke-1'),
      vpc('spoke-2'),
      edge('next', 'hub', 'spoke-1'),
      edge('past', 'hub', 'spoke-2'),
    ]);
    // Three wide boxes stack in one column: the hub, then the spokes.
    const ys = ['hub', 'spoke-1', 'spoke-2'].map((id) => cy.getElementById(id).position().y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    const past = cy.getElementById('past');
    expect(past.hasClass('detour')).toBe(true);
    expect(past.style('curve-style')).toBe('segments');
    expect(cy.getElementById('next').hasClass('detour')).toBe(false);
    const svg = svgOf(cy, '#ffffff');
    expect(svg.match(/<polyline /g)?.length).toBe(1);
    expect(svg.match(/<line /g)?.length).toBe(1);
    // Dragged beside the hub, the second spoke is reached directly again.
    cy.getElementById('spoke-2').position({ x: cy.getElementById('hub').position().x + 400, y: ys[0] ?? 0 });
    applyDetours(cy);
    expect(past.hasClass('detour')).toBe(false);
  });

  it('leads an edge that a change opens around the box between its ends too', () => {
    const vpc = (id: string) => ({
      data: { id, keys: [id], display: `${id} · 550 inside`, width: 330, height: 40 },
      classes: 'group collapsed',
    });
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements: [vpc('hub'), vpc('spoke-1'), vpc('spoke-2')],
      style: [
        ...graphStylesheet({ theme: lightGraphTheme, owners: null, large: false }),
        ...impactStylesheet(lightGraphTheme),
      ],
    });
    runLayout(cy);
    applyImpact(cy, {
      nodes: new Map(),
      edges: [{ source: 'hub', target: 'spoke-2', effect: 'opened', label: 'tcp/443' }],
    });
    const added = cy.edges('.impact-added');
    expect(added.length).toBe(1);
    const opened = added.first();
    expect(opened.hasClass('detour')).toBe(true);
    expect(opened.style('curve-style')).toBe('segments');
  });
});
