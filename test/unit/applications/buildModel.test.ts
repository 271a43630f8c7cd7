import { describe, expect, it } from 'vitest';
import { formatApplications } from '../../../main/cli/applicationsFormat';
import { buildApplicationModel, noApplication } from '../../../main/core/applications/buildModel';
import type {
  ApplicationSources,
  DeclaredDependency,
  DeclaredService,
  ObservedFlow,
} from '../../../main/core/domain/applications';
import type { Estate, Workload } from '../../../main/core/domain/estate';
import { smallEstate } from '../helpers/estateBuilder';

const at = (path: string) => ({ file: 'catalog-info.yaml', path });

function estateWith(workloads: { id: string; ip: string; tags: Record<string, string> }[]): Estate {
  const base = smallEstate();
  const template = base.workloads[0] as Workload;
  return {
    ...base,
    workloads: workloads.map(({ id, ip, tags }) => ({ ...template, id, privateIps: [ip], tags })),
  };
}

const service = (
  name: string,
  app: string | null,
  owner: string | null,
  selector: Record<string, string> | null = null,
): DeclaredService => ({
  name,
  app,
  owner,
  workloadSelector: selector,
  origin: 'catalog',
  source: at(`doc ${name}`),
});

const dependency = (
  from: string,
  to: string,
  protocol: string | null,
  port: number | null,
): DeclaredDependency => ({
  from,
  to,
  protocol,
  port,
  origin: 'catalog',
  source: at(`${from}->${to}`),
});

const flow = (
  client: string,
  server: string,
  serverPort: number,
  action: 'ACCEPT' | 'REJECT' = 'ACCEPT',
): ObservedFlow => ({
  client,
  server,
  protocol: 6,
  serverPort,
  action,
  records: 2,
  packets: 10,
  bytes: 1000,
  firstSeen: 100,
  lastSeen: 200,
});

const sources = (s: Partial<ApplicationSources>): ApplicationSources => ({
  services: [],
  dependencies: [],
  providedApis: [],
  unresolvedApis: [],
  flows: [],
  ...s,
});

const estate = estateWith([
  { id: 'eni-web', ip: '10.0.1.10', tags: { app: 'shop', service: 'web', team: 'frontend' } },
  { id: 'eni-api', ip: '10.0.1.20', tags: { Application: 'shop', Component: 'api', Owner: 'bob' } },
  { id: 'eni-db', ip: '10.0.1.30', tags: { role: 'database', Name: 'orders-db' } },
  { id: 'eni-batch', ip: '10.0.1.40', tags: { app: 'reports' } },
  { id: 'eni-nat', ip: '10.0.1.50', tags: {} },
]);

describe('buildApplicationModel', () => {
  it('groups workloads into apps and services by tags, with any of the configured keys, and lists the unassigned', () => {
    const model = buildApplicationModel(estate, sources({}));
    expect(
      model.apps.map((a) => [a.name, a.owners, a.services.map((s) => [s.name, s.workloadIds, s.origins])]),
    ).toEqual([
      ['reports', [], [['reports', ['eni-batch'], ['tags']]]],
      [
        'shop',
        ['bob', 'frontend'],
        [
          ['api', ['eni-api'], ['tags']],
          ['web', ['eni-web'], ['tags']],
        ],
      ],
    ]);
    expect(model.unassigned.map((u) => [u.workloadId, u.name])).toEqual([
      ['eni-db', 'orders-db'],
      ['eni-nat', null],
    ]);
  });

  it('places workloads by catalog selectors, with the catalog app and owner, and keeps declared services without workloads', () => {
    const model = buildApplicationModel(
      estate,
      sources({
        services: [
          service('orders-db', 'orders', 'data', { role: 'database' }),
          service('ledger', 'orders', 'data'),
        ],
      }),
    );
    const orders = model.apps.find((a) => a.name === 'orders');
    expect(orders?.services.map((s) => [s.name, s.workloadIds, s.owners, s.origins])).toEqual([
      ['ledger', [], ['data'], ['catalog']],
      ['orders-db', ['eni-db'], ['data'], ['catalog']],
    ]);
    expect(model.unassigned.map((u) => u.workloadId)).toEqual(['eni-nat']);
  });

  it('compares service, app and owner names without regard to case, showing the catalog spelling first', () => {
    const model = buildApplicationModel(
      estateWith([
        { id: 'eni-a', ip: '10.0.1.10', tags: { app: 'Orders', service: 'Order-API', team: 'Team-Orders' } },
        { id: 'eni-b', ip: '10.0.1.20', tags: { app: 'orders', service: 'ORDERS-DB' } },
      ]),
      sources({
        services: [service('order-api', 'orders', 'team-orders')],
        dependencies: [dependency('Order-Api', 'orders-db', 'tcp', 5432)],
        flows: [flow('10.0.1.10', '10.0.1.20', 5432)],
      }),
    );
    expect(model.apps.map((a) => [a.name, a.owners, a.services.map((s) => [s.name, s.workloadIds])])).toEqual(
      [
        [
          'orders',
          ['team-orders'],
          [
            ['order-api', ['eni-a']],
            ['ORDERS-DB', ['eni-b']],
          ],
        ],
      ],
    );
    expect(model.dependencies.map((d) => [d.from, d.to, d.source])).toEqual([
      ['order-api', 'ORDERS-DB', 'both'],
    ]);
  });

  it('gives a workload matched by two selectors to the one with the most pairs, whatever the file order', () => {
    const workloads = estateWith([
      { id: 'eni-api', ip: '10.0.1.10', tags: { app: 'orders', service: 'order-api' } },
      { id: 'eni-db', ip: '10.0.1.20', tags: { app: 'orders', service: 'orders-db' } },
    ]);
    const declared = [
      service('order-api', 'orders', null, { app: 'orders' }),
      service('orders-db', 'orders', null, { app: 'orders', service: 'orders-db' }),
    ];
    for (const services of [declared, [...declared].reverse()]) {
      const model = buildApplicationModel(workloads, sources({ services }));
      expect(model.apps.flatMap((a) => a.services.map((s) => [s.name, s.workloadIds]))).toEqual([
        ['order-api', ['eni-api']],
        ['orders-db', ['eni-db']],
      ]);
    }
  });

  it('leaves a workload two services match equally unassigned, saying which and why', () => {
    const workloads = estateWith([
      { id: 'eni-db', ip: '10.0.1.20', tags: { app: 'orders', service: 'orders-db' } },
    ]);
    // orders-db has no selector: its default, the service tag equal to its name, is one pair too.
    const model = buildApplicationModel(
      workloads,
      sources({
        services: [
          service('order-api', 'orders', null, { app: 'orders' }),
          service('orders-db', 'orders', null),
        ],
      }),
    );
    expect(model.apps.flatMap((a) => a.services.map((s) => [s.name, s.workloadIds]))).toEqual([
      ['order-api', []],
      ['orders-db', []],
    ]);
    expect(model.unassigned).toEqual([
      {
        workloadId: 'eni-db',
        kind: 'instance',
        name: null,
        reason:
          'the workload selectors of order-api and orders-db match it equally (1 tag pair each): make the one meant for it more specific',
      },
    ]);
  });

  it('joins declared and observed dependencies by service, protocol and port, and says where each came from', () => {
    const model = buildApplicationModel(
      estate,
      sources({
        dependencies: [
          dependency('web', 'api', 'tcp', 8080),
          dependency('api', 'reports', null, null),
          dependency('web', 'reports', 'tcp', 9000),
        ],
        flows: [
          flow('10.0.1.10', '10.0.1.20', 8080),
          flow('10.0.1.10', '10.0.1.20', 8080, 'REJECT'),
          flow('10.0.1.20', '10.0.1.40', 5000),
          flow('10.0.1.20', '10.0.1.10', 443),
          flow('203.0.113.9', '10.0.1.10', 443),
          flow('10.0.1.10', '10.0.1.10', 8080),
        ],
      }),
    );
    expect(
      model.dependencies.map((d) => [d.from, d.to, d.protocol, d.port, d.source, d.declaredAt.length]),
    ).toEqual([
      ['api', 'reports', 'tcp', 5000, 'both', 1],
      ['api', 'web', 'tcp', 443, 'observed', 0],
      ['web', 'api', 'tcp', 8080, 'both', 1],
      ['web', 'reports', 'tcp', 9000, 'declared', 1],
    ]);
    const webApi = model.dependencies.find((d) => d.from === 'web' && d.to === 'api');
    expect(webApi?.observed).toEqual({
      records: 4,
      packets: 20,
      bytes: 2000,
      accepted: 2,
      rejected: 2,
      firstSeen: 100,
      lastSeen: 200,
    });
    expect(model.unattributedFlows).toBe(1);
    // Only the fields of a ServiceDependency: apps --json prints the model as it is.
    expect(Object.keys(webApi ?? {}).sort()).toEqual([
      'declaredAt',
      'from',
      'observed',
      'port',
      'protocol',
      'source',
      'to',
    ]);
  });

  it('meets a declaration with a protocol alone with every observation of that protocol, not of another', () => {
    const model = buildApplicationModel(
      estate,
      sources({
        dependencies: [dependency('web', 'api', 'tcp', null)],
        flows: [
          flow('10.0.1.10', '10.0.1.20', 5432),
          { ...flow('10.0.1.10', '10.0.1.20', 53), protocol: 17 },
        ],
      }),
    );
    expect(model.dependencies.map((d) => [d.from, d.to, d.protocol, d.port, d.source])).toEqual([
      ['web', 'api', 'udp', 53, 'observed'],
      ['web', 'api', 'tcp', 5432, 'both'],
    ]);
  });

  it('attributes a conversation from a pod on a delegated prefix to the service of the node holding it', () => {
    const nodes = {
      ...estate,
      workloads: estate.workloads.map((workload) =>
        workload.id === 'eni-web' ? { ...workload, prefixes: ['10.0.1.96/28'] } : workload,
      ),
    };
    const flows = [flow('10.0.1.100', '10.0.1.20', 8080), flow('10.0.1.112', '10.0.1.20', 8080)];
    const model = buildApplicationModel(nodes, sources({ flows }));
    expect(model.dependencies.map((d) => [d.from, d.to, d.port, d.observed?.records])).toEqual([
      ['web', 'api', 8080, 2],
    ]);
    // 10.0.1.112 is just past the prefix: no workload holds it.
    expect(model.unattributedFlows).toBe(1);
    expect(buildApplicationModel(estate, sources({ flows })).unattributedFlows).toBe(2);
  });

  it('names services nothing places in an app', () => {
    const model = buildApplicationModel(
      estateWith([{ id: 'eni-x', ip: '10.0.1.9', tags: { service: 'lonely' } }]),
      sources({}),
    );
    expect(model.apps.map((a) => [a.name, a.services.map((s) => s.name)])).toEqual([
      [noApplication, ['lonely']],
    ]);
  });
});

describe('flow-log ends in VPCs whose ranges overlap', () => {
  // As an audit found it: 10.20.16.2 is orders-db in vpc-orders and analytics-db in vpc-analytics,
  // listed last; 10.30.0.5 is held in vpc-analytics alone.
  const template = smallEstate().workloads[0] as Workload;
  const eni = (id: string, vpcId: string, ip: string, service: string): Workload => ({
    ...template,
    id,
    vpcId,
    privateIps: [ip],
    tags: { service },
  });
  const overlapping: Estate = {
    ...smallEstate(),
    workloads: [
      eni('eni-api', 'vpc-orders', '10.20.16.1', 'order-api'),
      eni('eni-db', 'vpc-orders', '10.20.16.2', 'orders-db'),
      eni('eni-analytics', 'vpc-analytics', '10.20.16.2', 'analytics-db'),
      eni('eni-reports', 'vpc-analytics', '10.30.0.5', 'reporting'),
    ],
  };
  const on = (interfaceId: string, observed: ObservedFlow): ObservedFlow => ({ ...observed, interfaceId });
  const edges = (flows: ObservedFlow[]) => {
    const model = buildApplicationModel(overlapping, sources({ flows }));
    return {
      edges: model.dependencies.map((d) => [d.from, d.to, d.port, d.observed?.records]),
      unattributed: model.unattributedFlows,
    };
  };

  it('resolves an end among the workloads of the VPC of the interface that logged it', () => {
    expect(
      edges([
        on('eni-api', flow('10.20.16.1', '10.20.16.2', 5432)),
        on('eni-analytics', flow('10.30.0.5', '10.20.16.2', 5432)),
      ]),
    ).toEqual({
      edges: [
        ['order-api', 'orders-db', 5432, 2],
        ['reporting', 'analytics-db', 5432, 2],
      ],
      unattributed: 0,
    });
  });

  it('resolves an address outside that VPC only where one VPC holds it', () => {
    expect(
      edges([
        on('eni-api', flow('10.30.0.5', '10.20.16.1', 8080)),
        on('eni-reports', flow('10.30.0.5', '10.20.16.1', 8080)),
        // The interface is not in the snapshot: it tells nothing.
        on('eni-elsewhere', flow('10.30.0.5', '10.20.16.2', 5432)),
      ]),
    ).toEqual({ edges: [['reporting', 'order-api', 8080, 4]], unattributed: 1 });
  });

  it('leaves a conversation unattributed, not to the workload listed last, when nothing tells the VPC', () => {
    expect(edges([flow('10.20.16.1', '10.20.16.2', 5432)])).toEqual({ edges: [], unattributed: 1 });
  });

  it('counts apart the conversations left out because VPCs that disagree hold an address, and says so in `apps`', () => {
    const model = buildApplicationModel(
      overlapping,
      sources({
        flows: [
          flow('10.20.16.1', '10.20.16.2', 5432),
          flow('198.51.100.7', '10.20.16.2', 5432),
          flow('198.51.100.7', '10.20.16.1', 8080),
          // The interface tells whose it is: attributed.
          on('eni-db', flow('10.20.16.1', '10.20.16.2', 5432)),
        ],
      }),
    );
    expect([model.unattributedFlows, model.contestedFlows]).toEqual([3, 2]);
    expect(formatApplications(model)).toContain(
      '\nDependencies (1; 1 flow-log conversations outside any service, 2 more at addresses VPCs hold for different services, with no interface-id to tell whose)\n',
    );
  });

  it('names the ENI a client from outside reached, as the interface that logged it tells', () => {
    const outside = (flows: ObservedFlow[]) =>
      buildApplicationModel(overlapping, sources({ flows })).outsideFlows.map((f) => [
        f.client,
        f.service,
        f.workloadId,
      ]);
    expect(
      outside([
        on('eni-db', flow('198.51.100.7', '10.20.16.2', 5432)),
        on('eni-analytics', flow('198.51.100.8', '10.20.16.2', 5432)),
        flow('198.51.100.9', '10.30.0.5', 443),
      ]),
    ).toEqual([
      ['198.51.100.7', 'orders-db', 'eni-db'],
      ['198.51.100.8', 'analytics-db', 'eni-analytics'],
      ['198.51.100.9', 'reporting', 'eni-reports'],
    ]);
  });
});

describe("interfaces that only pass other workloads' traffic", () => {
  // A transit gateway's and a NAT gateway's interfaces in front of order-api, as imports mark them.
  const template = smallEstate().workloads[0] as Workload;
  const withRelays: Estate = {
    ...smallEstate(),
    workloads: [
      { ...template, id: 'eni-api', privateIps: ['10.20.16.77'], tags: { service: 'order-api' } },
      { ...template, id: 'eni-tgw', kind: 'transit-gateway', privateIps: ['10.20.16.13'], tags: {} },
      { ...template, id: 'eni-nat', kind: 'nat-gateway', privateIps: ['10.20.0.9'], tags: {} },
      { ...template, id: 'eni-spare', privateIps: ['10.20.0.10'], tags: {} },
    ],
  };

  it('are never clients from outside, though their conversations stay counted as outside any service', () => {
    const model = buildApplicationModel(
      withRelays,
      sources({
        flows: [
          // The default format names the transit gateway's own address, not the scraper's behind it.
          flow('10.20.16.13', '10.20.16.77', 9100),
          flow('10.20.0.9', '10.20.16.77', 8080),
          flow('10.20.0.10', '10.20.16.77', 8080),
          flow('203.0.113.161', '10.20.16.77', 443),
        ],
      }),
    );
    expect(model.outsideFlows.map((f) => [f.client, f.port])).toEqual([
      ['10.20.0.10', 8080],
      ['203.0.113.161', 443],
    ]);
    expect(model.unattributedFlows).toBe(4);
  });
});
