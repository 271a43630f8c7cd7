/**
 * The Northwind application catalog (Backstage entities) derived from the model's app tags and the intended
 * dependencies, with three deliberate differences from what the network sees: two dependencies nobody
 * declared and one declared dependency that no longer happens.
 */
import { stringify } from 'yaml';
import type { Protocol } from './check';
import { type Dependency, dependencies, externals } from './deps';
import { type EniKind, type Model, type Team, teamOwner } from './model';
import { ADDRESS_ANNOTATION, DEPENDENCIES_ANNOTATION, SELECTOR_ANNOTATION } from './sources';

export const API_VERSION = 'backstage.io/v1alpha1';

export interface Entity {
  apiVersion: typeof API_VERSION;
  kind: 'System' | 'Component' | 'API' | 'Resource' | 'Group' | 'User';
  metadata: { name: string; description?: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

/** A dependency as the catalog states it: a component calling a component or resource. */
export interface Declaration {
  from: string;
  to: string;
  protocol: Protocol;
  port: number;
  /** The API through which it is declared (consumesApis), or null for a plain dependsOn. */
  api: string | null;
}

export interface Catalog {
  entities: Entity[];
  declarations: Declaration[];
  /** Intended dependencies the catalog leaves out: only flow logs show them. */
  undeclared: Dependency[];
  /** Intended dependencies whose client is outside the catalog (internet, office). */
  inbound: Dependency[];
  /** Declared, but not an intended dependency: flow logs never show it. */
  stale: Declaration;
}

/** Deliberately left out of the catalog (by from->to). */
const UNDECLARED = new Set(['order-worker->order-api', 'search-indexer->catalog-api']);
const STALE: Declaration = { from: 'catalog-api', to: 'search-api', protocol: 'tcp', port: 8083, api: null };

/** APIs, who provides them and on which port; a call to that port is declared through consumesApis. */
const APIS: { name: string; provider: string; port: number; description: string }[] = [
  {
    name: 'payments-api',
    provider: 'payment-gateway',
    port: 8443,
    description: 'Payment authorisation and callbacks',
  },
  { name: 'stock-api', provider: 'inventory-api', port: 8082, description: 'Stock levels and reservations' },
];

/** Targets of dependencies that are not workloads of an app: catalog Resources. */
const RESOURCES: Record<
  string,
  { name: string; type: string; app: string; team: Team; description: string; address?: string }
> = {
  psp: {
    name: 'payment-provider',
    type: 'external-service',
    app: 'payments',
    team: 'payments',
    description: `Card authorisation at the payment service provider (${externals.psp.ip}, through the NAT gateway)`,
    // Its address makes payment-gateway -> payment-provider a flow to the internet that is checked.
    address: externals.psp.ip,
  },
  s3: {
    name: 'fraud-model-artefacts',
    type: 's3-bucket',
    app: 'payments',
    team: 'payments',
    description: 'S3 bucket with the fraud models (through the S3 gateway endpoint)',
  },
  'sqs-endpoint': {
    name: 'orders-queue',
    type: 'sqs-queue',
    app: 'orders',
    team: 'commerce',
    description: 'SQS fulfilment queue (through the SQS interface endpoint)',
  },
};

const componentType: Record<EniKind, string> = {
  instance: 'service',
  rds: 'database',
  'load-balancer': 'load-balancer',
  lambda: 'function',
  'nat-gateway': 'service',
  'vpc-endpoint': 'service',
  'transit-gateway': 'service',
};

const ref = (kind: string, name: string) => `${kind}:${name}`;
const targetName = (to: string) => RESOURCES[to]?.name ?? to;
const userName = (team: Team) => teamOwner[team].split('@')[0] ?? team;

function declarations(): Pick<Catalog, 'declarations' | 'undeclared' | 'inbound'> {
  const inbound = dependencies.filter((d) => d.from in externals);
  const undeclared = dependencies.filter((d) => UNDECLARED.has(`${d.from}->${d.to}`));
  const declared = dependencies
    .filter((d) => !inbound.includes(d) && !undeclared.includes(d))
    .map(
      (d): Declaration => ({
        from: d.from,
        to: targetName(d.to),
        protocol: d.protocol,
        port: d.port,
        api: APIS.find((a) => a.provider === d.to && a.port === d.port)?.name ?? null,
      }),
    );
  return { declarations: [...declared, STALE], undeclared, inbound };
}

function componentEntity(
  service: { app: string; service: string; team: Team; kind: EniKind },
  declared: Declaration[],
  served: string[],
): Entity {
  const mine = declared.filter((d) => d.from === service.service);
  const isResource = (name: string) => Object.values(RESOURCES).some((r) => r.name === name);
  const annotations: Record<string, string> = {
    [SELECTOR_ANNOTATION]: `app=${service.app},service=${service.service}`,
  };
  if (mine.length > 0)
    annotations[DEPENDENCIES_ANNOTATION] = mine.map((d) => `${d.to}=${d.protocol}/${d.port}`).join(', ');
  const spec: Record<string, unknown> = {
    type: componentType[service.kind],
    lifecycle: 'production',
    owner: ref('group', service.team),
    system: service.app,
  };
  const dependsOn = mine
    .filter((d) => !d.api)
    .map((d) => ref(isResource(d.to) ? 'resource' : 'component', d.to));
  if (dependsOn.length > 0) spec.dependsOn = [...new Set(dependsOn)];
  const provides = APIS.filter((a) => a.provider === service.service).map((a) => a.name);
  if (provides.length > 0) spec.providesApis = provides;
  const consumes = [...new Set(mine.flatMap((d) => (d.api ? [d.api] : [])))];
  if (consumes.length > 0) spec.consumesApis = consumes;
  const description =
    served.length > 0 ? `Serves: ${served.join('; ')}` : `${service.service} (${service.app})`;
  return {
    apiVersion: API_VERSION,
    kind: 'Component',
    metadata: { name: service.service, description, annotations },
    spec,
  };
}

export function buildCatalog(model: Model): Catalog {
  const { declarations: declared, undeclared, inbound } = declarations();
  const services = new Map<string, { app: string; service: string; team: Team; kind: EniKind }>();
  for (const e of model.enis) {
    if (e.owner && !services.has(e.owner.service))
      services.set(e.owner.service, { ...e.owner, kind: e.kind });
  }
  const apps = new Map<string, Team>();
  for (const s of services.values()) if (!apps.has(s.app)) apps.set(s.app, s.team);
  const teams = Object.keys(teamOwner) as Team[];
  const purposes = (name: string) => [
    ...new Set(dependencies.filter((d) => d.to === name).map((d) => d.purpose)),
  ];

  const entities: Entity[] = [
    ...[...apps].map(
      ([app, team]): Entity => ({
        apiVersion: API_VERSION,
        kind: 'System',
        metadata: { name: app, description: `Northwind Retail ${app}` },
        spec: { owner: ref('group', team) },
      }),
    ),
    ...[...services.values()].map((s) => componentEntity(s, declared, purposes(s.service))),
    ...APIS.map((a): Entity => {
      const provider = services.get(a.provider);
      return {
        apiVersion: API_VERSION,
        kind: 'API',
        metadata: { name: a.name, description: a.description },
        spec: {
          type: 'openapi',
          lifecycle: 'production',
          owner: ref('group', provider?.team ?? 'platform'),
          system: provider?.app,
          definition: `openapi: 3.0.3\ninfo:\n  title: ${a.name}\n  version: 1.0.0\npaths: {}\n`,
        },
      };
    }),
    ...Object.values(RESOURCES).map(
      (r): Entity => ({
        apiVersion: API_VERSION,
        kind: 'Resource',
        metadata: {
          name: r.name,
          description: r.description,
          ...(r.address === undefined ? {} : { annotations: { [ADDRESS_ANNOTATION]: r.address } }),
        },
        spec: { type: r.type, owner: ref('group', r.team), system: r.app },
      }),
    ),
    ...teams.map(
      (team): Entity => ({
        apiVersion: API_VERSION,
        kind: 'Group',
        metadata: { name: team, description: `${team} team` },
        spec: {
          type: 'team',
          profile: { displayName: `${team} team`, email: teamOwner[team] },
          children: [],
          members: [userName(team)],
        },
      }),
    ),
    ...teams.map(
      (team): Entity => ({
        apiVersion: API_VERSION,
        kind: 'User',
        metadata: { name: userName(team) },
        spec: { profile: { displayName: userName(team), email: teamOwner[team] }, memberOf: [team] },
      }),
    ),
  ];
  return { entities, declarations: declared, undeclared, inbound, stale: STALE };
}

export function renderCatalog(catalog: Catalog): string {
  return catalog.entities.map((e) => stringify(e, { lineWidth: 0 })).join('---\n');
}
