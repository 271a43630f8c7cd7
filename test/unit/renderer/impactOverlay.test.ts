import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import type { ImpactReport } from '../../../preload/contract';
import { appElements } from '../../../renderer/src/graph/appElements';
import { impactOverlay, noOverlay } from '../../../renderer/src/graph/impactOverlay';
import { placeOverlay } from '../../../renderer/src/graph/impactPlacement';
import { noFilters, scopeOf } from '../../../renderer/src/graph/scope';
import { segmentElements } from '../../../renderer/src/graph/segmentElements';
import type { ViewIndex } from '../../../renderer/src/graph/viewData';
import { tempDbFile } from '../helpers/tempWorkspace';
import { viewIndexOf } from '../helpers/viewIndex';

const sample = join(import.meta.dirname, '../../../resources/sample');
const rdsPostgres = 'sg-0619411f266f96a8d';
const backendShared = 'sg-0cf7caca1e2b8e64e';

const endpoints = (ids: string[], apps: string[]) => ({
  workloadIds: ids,
  subnetId: 'subnet-1',
  groupIds: [],
  apps,
});

/** A report with one dependency that breaks, one flow no dependency explains, one segment that opens. */
function report(): ImpactReport {
  return {
    schemaVersion: 2,
    subject: {
      kind: 'change',
      title: 't',
      before: { snapshotId: 1, name: 'a' },
      after: { snapshotId: null, name: 'b' },
    },
    risk: { level: 'high', reasons: [] },
    changes: {
      rules: { added: [{ id: 'proposed:$.edits[0]', segment: 'sg-db', text: '' }], removed: [], changed: [] },
      aclAssociations: [],
      aclEntries: {
        added: [],
        removed: [],
        changed: [{ id: 'acl-1/ingress/100', segment: 'acl-1', before: '', after: '' }],
      },
      prefixListEntries: {
        added: [{ id: 'pl-0corp0001 10.9.0.0/16', segment: 'pl-0corp0001', text: '' }],
        removed: [],
        changed: [],
        namedBy: ['sg-office'],
      },
      workloads: [
        { workloadId: 'eni-web', change: 'groups', text: '', groupsAdded: ['sg-new'], groupsRemoved: [] },
      ],
      networkPolicies: {
        added: [{ id: 'networkpolicy/shop/allow-web', segment: 'namespace/shop', text: '' }],
        removed: [],
        changed: [],
      },
      pods: [],
      routes: [],
      transitGateways: [],
    },
    dependencies: [
      {
        from: 'api',
        to: 'db',
        fromApp: 'shop',
        toApp: 'shop',
        protocol: 'tcp',
        port: 5432,
        source: 'declared',
        effect: 'breaks',
        workloadPairs: 1,
        newlyBlocked: 1,
        newlyAllowed: 0,
        newlyUnknown: 0,
        examples: [],
      },
    ],
    flows: [
      {
        from: endpoints(['eni-api'], ['shop']),
        to: endpoints(['eni-db'], ['shop']),
        protocol: 'tcp',
        opened: [],
        closed: [{ from: 5432, to: 5432 }],
        undecided: [],
        workloadPairs: 1,
        neededBy: ['api → db'],
      },
      {
        from: endpoints(['eni-web', 'eni-web2'], ['shop']),
        to: endpoints(['eni-db'], ['shop']),
        protocol: 'tcp',
        opened: [
          { from: 5432, to: 5432 },
          { from: 0, to: 65535 },
        ],
        closed: [],
        undecided: [],
        workloadPairs: 2,
        neededBy: [],
      },
    ],
    segments: [
      {
        fromGroup: 'sg-web',
        toGroup: 'sg-db',
        protocol: 'tcp',
        opened: [{ from: 5432, to: 5432 }],
        closed: [],
        workloadPairs: 2,
      },
      {
        fromGroup: 'sg-db',
        toGroup: 'sg-db',
        protocol: 'tcp',
        opened: [],
        closed: [{ from: 1, to: 2 }],
        workloadPairs: 1,
      },
    ],
    exposure: [],
    internetEgress: [],
    outsideFlows: [
      {
        client: '198.51.100.23',
        workloadId: 'eni-bastion',
        service: 'bastion',
        app: 'ops',
        protocol: 'tcp',
        port: 22,
        records: 4,
        after: false,
        reason: '',
        rules: [],
        layers: ['sg-ingress'],
      },
    ],
    approvers: [],
    apps: [
      {
        app: 'shop',
        owners: [],
        dependenciesBroken: 1,
        pairsOpened: 2,
        pairsClosed: 1,
        exposureAdded: 0,
        outsideStopped: 0,
      },
    ],
    segmentNames: {},
    notEvaluated: [],
    figures: {
      workloadsAffected: 3,
      dependenciesBroken: 1,
      pairsOpened: 2,
      pairsClosed: 1,
      unneededOpenings: 1,
      ownersToApprove: 1,
    },
  };
}

const services: Record<string, string> = {
  'eni-api': 'api',
  'eni-db': 'db',
  'eni-web': 'web',
  'eni-web2': 'web',
};

describe('an impact report as marks on the two views', () => {
  it('draws nothing without a report', () => {
    expect(impactOverlay(null, () => null)).toBe(noOverlay);
  });

  it('marks dependencies by their effect, and flows no dependency explains beside them', () => {
    const { app } = impactOverlay(report(), (id) => services[id] ?? null);
    expect(app.edges).toEqual([
      { source: 'svc:api', target: 'svc:db', effect: 'breaks', label: 'tcp/5432' },
      // The flow api → db is the dependency's: not marked twice.
      { source: 'svc:web', target: 'svc:db', effect: 'opened', label: 'tcp/5432, tcp all' },
    ]);
    expect(app.nodes.get('svc:api')).toBe('hit');
    expect(app.nodes.get('app:shop')).toBe('hit');
    expect(app.nodes.get('svc:bastion')).toBe('hit');
    expect(app.nodes.get('app:ops')).toBe('hit');
  });

  it('marks segment edges that open or close, and the segments the change edits', () => {
    const { segment } = impactOverlay(report(), () => null);
    expect(segment.edges).toEqual([
      { source: 'sg:sg-web', target: 'sg:sg-db', effect: 'opened', label: 'tcp/5432' },
    ]);
    expect(segment.nodes.get('sg:sg-db')).toBe('edited');
    expect(segment.nodes.get('acl:acl-1')).toBe('edited');
    expect(segment.nodes.get('sg:sg-new')).toBe('edited');
    expect(segment.nodes.get('sg:sg-office')).toBe('edited');
    expect(segment.nodes.get('sg:sg-web')).toBe('hit');
    expect(segment.nodes.get('sg:networkpolicy/shop/allow-web')).toBe('edited');
    expect(segment.nodes.get('sg:namespace/shop')).toBe('edited');
  });
});

describe('placing marks on what a canvas draws', () => {
  const overlay = impactOverlay(report(), (id) => services[id] ?? null).app;

  it('puts a mark on the drawn edge of its port, and draws an edge where none is', () => {
    const nodes = ['svc:api', 'svc:db', 'svc:web'].map((id) => ({ id, keys: [id] }));
    const edges = [
      { id: 'dep:api->db:tcp/5432', source: 'svc:api', target: 'svc:db', label: 'tcp/5432' },
      { id: 'dep:api->db:tcp/6432', source: 'svc:api', target: 'svc:db', label: 'tcp/6432' },
    ];
    const placed = placeOverlay(overlay, nodes, edges);
    expect([...placed.edges]).toEqual([['dep:api->db:tcp/5432', 'breaks']]);
    expect(placed.added).toEqual([
      {
        group: 'edges',
        data: {
          id: 'impact:svc:web->svc:db:opened',
          source: 'svc:web',
          target: 'svc:db',
          label: 'tcp/5432, tcp all',
        },
        classes: 'impact-added impact-opened',
      },
    ]);
  });

  it('lets a collapsed group stand for what it holds, keeping the worst effect', () => {
    const nodes = [
      { id: 'app:shop', keys: ['app:shop', 'svc:api', 'svc:web'] },
      { id: 'svc:db', keys: ['svc:db'] },
    ];
    const edges = [{ id: 'app:shop->svc:db', source: 'app:shop', target: 'svc:db', label: 'tcp/5432' }];
    const placed = placeOverlay(overlay, nodes, edges);
    expect([...placed.edges]).toEqual([['app:shop->svc:db', 'breaks']]);
    expect(placed.added).toEqual([]);
    expect(placed.nodes.get('app:shop')).toBe('hit');
  });

  it('skips marks whose ends are not drawn (filtered out)', () => {
    const placed = placeOverlay(overlay, [{ id: 'svc:api', keys: ['svc:api'] }], []);
    expect(placed.edges.size).toBe(0);
    expect(placed.added).toEqual([]);
  });
});

describe('on the sample: removing postgres from backend-shared', () => {
  let index: ViewIndex;
  let impact: ImpactReport;

  beforeAll(async () => {
    const { service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: sample });
    try {
      index = await viewIndexOf(service);
      impact = await service.impact({
        change: { edits: [{ op: 'remove-rule', rule: `${rdsPostgres}/ingress/0/1` }] },
      });
    } finally {
      close();
    }
  });

  const drawn = (elements: ReturnType<typeof appElements>) => ({
    nodes: elements
      .filter((e) => e.group === 'nodes')
      .map((e) => ({ id: String(e.data.id), keys: e.data.keys as string[] })),
    edges: elements
      .filter((e) => e.group === 'edges')
      .map((e) => ({
        id: String(e.data.id),
        source: String(e.data.source),
        target: String(e.data.target),
        label: e.data.label as string,
      })),
  });

  it('marks the dependency that breaks on the application view', () => {
    const overlay = impactOverlay(impact, (id) => index.workloads.get(id)?.service ?? null);
    const { nodes, edges } = drawn(
      appElements(index, { scope: scopeOf(index, noFilters), showWorkloads: false, toggled: new Set() }),
    );
    const placed = placeOverlay(overlay.app, nodes, edges);
    expect(placed.edges.get('dep:order-worker->orders-db:tcp/5432')).toBe('breaks');
  });

  it('marks the allowance that closes on the segment view, and the edited group', () => {
    const overlay = impactOverlay(impact, () => null);
    const options = {
      scope: scopeOf(index, noFilters),
      showAcls: false,
      showUnneeded: false,
      toggled: new Set<string>(),
    };
    const { nodes, edges } = drawn(segmentElements(index, options));
    const placed = placeOverlay(overlay.segment, nodes, edges);
    expect(placed.edges.get(`allow:${backendShared}->${rdsPostgres}`)).toBe('closed');
    expect(placed.nodes.get(`sg:${rdsPostgres}`)).toBe('edited');
  });
});
