import { describe, expect, it } from 'vitest';
import { looksLikeCatalog, readCatalogFiles } from '../../../main/core/catalog';
import { fixture, textFile } from './files';

const shop = ['shop/orders.yaml', 'shop/payments.yaml', 'shop/storefront.yaml'].map(fixture);

describe('readCatalogFiles on one multi-document file', () => {
  const catalog = readCatalogFiles([fixture('shop/orders.yaml')]);

  it('maps Components and Resources to services with app, owner and selector', () => {
    expect(catalog.services).toEqual([
      {
        name: 'order-api',
        app: 'shop',
        owner: 'team-orders',
        workloadSelector: { app: 'orders', service: 'order-api' },
        origin: 'catalog',
        source: { file: 'shop/orders.yaml', path: 'doc 5 $.metadata.name' },
      },
      {
        name: 'orders-db',
        app: 'shop',
        owner: 'team-orders',
        workloadSelector: null,
        origin: 'catalog',
        source: { file: 'shop/orders.yaml', path: 'doc 6 $.metadata.name' },
      },
    ]);
  });

  it('keeps Groups and Users as owners, with their profile when given', () => {
    expect(catalog.owners).toEqual([
      {
        ref: 'team-orders',
        kind: 'group',
        displayName: 'Orders Team',
        email: 'orders@example.com',
        source: { file: 'shop/orders.yaml', path: 'doc 3 $.metadata.name' },
      },
      {
        ref: 'jdoe',
        kind: 'user',
        displayName: null,
        email: null,
        source: { file: 'shop/orders.yaml', path: 'doc 4 $.metadata.name' },
      },
    ]);
  });

  it('turns dependsOn into dependencies on the annotated endpoint', () => {
    expect(catalog.dependencies).toEqual([
      {
        from: 'order-api',
        to: 'orders-db',
        protocol: 'tcp',
        port: 5432,
        origin: 'catalog',
        source: { file: 'shop/orders.yaml', path: 'doc 5 $.spec.dependsOn[0]' },
      },
    ]);
  });

  it('lists provided APIs, and consumed APIs nobody here provides as unresolved', () => {
    expect(catalog.providedApis).toEqual([
      {
        api: 'orders-api',
        service: 'order-api',
        source: { file: 'shop/orders.yaml', path: 'doc 5 $.spec.providesApis[0]' },
      },
    ]);
    expect(catalog.unresolved).toEqual([
      {
        api: 'payments-api',
        consumer: 'order-api',
        source: { file: 'shop/orders.yaml', path: 'doc 5 $.spec.consumesApis[0]' },
      },
    ]);
  });
});

describe('readCatalogFiles on a folder of files', () => {
  const catalog = readCatalogFiles(shop);
  const edges = catalog.dependencies.map(
    ({ from, to, protocol, port }) => `${from} -> ${to} ${protocol}/${port}`,
  );

  it('resolves consumesApis against providers in other files, annotation first, then the API port', () => {
    expect(edges).toEqual([
      'order-api -> orders-db tcp/5432',
      'storefront -> search null/null',
      'order-api -> payment-gateway tcp/8443',
      'storefront -> order-api tcp/8080',
      'storefront -> payment-gateway tcp/8443',
    ]);
    expect(catalog.dependencies.find((d) => d.from === 'storefront' && d.to === 'order-api')?.source).toEqual(
      {
        file: 'shop/storefront.yaml',
        path: 'doc 1 $.spec.consumesApis[0]',
      },
    );
  });

  it('strips kind and namespace from refs, and leaves only unprovided APIs unresolved', () => {
    expect(catalog.services.map(({ name, owner }) => `${name} ${owner}`)).toEqual([
      'order-api team-orders',
      'orders-db team-orders',
      'payment-gateway team-payments',
      'storefront jdoe',
    ]);
    expect(catalog.unresolved.map(({ api, consumer }) => `${consumer} ${api}`)).toEqual([
      'storefront recommendations-api',
    ]);
  });
});

describe('readCatalogFiles compares names as Backstage does, without regard to case', () => {
  const catalog = readCatalogFiles([
    textFile(
      'catalog-info.yaml',
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: order-api',
        '  annotations: { faultline.dev/dependencies: "ORDERS-DB=tcp/5432" }',
        'spec: { owner: group:default/Team-Orders, system: System:Default/Orders, dependsOn: [Resource:default/Orders-DB] }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata: { name: orders-db }',
        'spec: { owner: team-orders, system: orders }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata: { name: team-orders }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: System',
        'metadata: { name: orders }',
        '',
      ].join('\n'),
    ),
  ]);

  it('shows a reference as the entity it names spells itself, with its annotated endpoint', () => {
    expect(catalog.services.map(({ name, app, owner }) => `${name} ${app} ${owner}`)).toEqual([
      'order-api orders team-orders',
      'orders-db orders team-orders',
    ]);
    expect(
      catalog.dependencies.map(({ from, to, protocol, port }) => `${from} ${to} ${protocol}/${port}`),
    ).toEqual(['order-api orders-db tcp/5432']);
  });

  it('resolves a consumed API whatever the case of the reference', () => {
    const { dependencies, unresolved } = readCatalogFiles([
      textFile(
        'c.yaml',
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a }\nspec: { consumesApis: [API:Stock-API] }\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: b }\nspec: { providesApis: [stock-api] }\n',
      ),
    ]);
    expect(dependencies.map(({ from, to }) => `${from} ${to}`)).toEqual(['a b']);
    expect(unresolved).toEqual([]);
  });
});

describe('readCatalogFiles reads spec.dependencyOf as the reverse of dependsOn', () => {
  // The Component example of Backstage's descriptor-format page, with the entities it names.
  const example = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata: { name: artist-web }',
    'spec:',
    '  type: website',
    '  lifecycle: production',
    '  owner: artist-relations-team',
    '  system: artist-engagement-portal',
    '  dependsOn: [resource:default/artists-db]',
    '  dependencyOf: [component:default/artist-web-lookup]',
    '  providesApis: [artist-api]',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Resource',
    'metadata: { name: artists-db }',
    'spec: { type: database, owner: artist-relations-team }',
    '',
  ].join('\n');
  const lookup = (annotations: string) =>
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: artist-web-lookup, annotations: ${annotations} }\nspec: {}\n`;

  it('as a dependency of the named entity on the one saying so, on its annotated endpoint', () => {
    const catalog = readCatalogFiles([
      textFile('artist-web.yaml', example),
      textFile('lookup.yaml', lookup('{ faultline.dev/dependencies: "artist-web=tcp/443" }')),
    ]);
    expect(catalog.dependencies).toEqual([
      {
        from: 'artist-web',
        to: 'artists-db',
        protocol: null,
        port: null,
        origin: 'catalog',
        source: { file: 'artist-web.yaml', path: 'doc 1 $.spec.dependsOn[0]' },
      },
      {
        from: 'artist-web-lookup',
        to: 'artist-web',
        protocol: 'tcp',
        port: 443,
        origin: 'catalog',
        source: { file: 'artist-web.yaml', path: 'doc 1 $.spec.dependencyOf[0]' },
      },
    ]);
  });

  it('with an unknown endpoint when the dependent is declared nowhere', () => {
    const catalog = readCatalogFiles([textFile('artist-web.yaml', example)]);
    expect(catalog.dependencies.map(({ from, to, protocol }) => `${from} ${to} ${protocol}`)).toEqual([
      'artist-web artists-db null',
      'artist-web-lookup artist-web null',
    ]);
  });
});

describe('looksLikeCatalog', () => {
  it.each([
    ['apiVersion: backstage.io/v1alpha1\nkind: Component\n', true],
    ['---\napiVersion: "backstage.io/v1beta1"\n', true],
    ['apiVersion: apps/v1\nkind: Deployment\n', false],
    ['dependencies:\n  - service: a\n', false],
  ])('%j -> %s', (text, expected) => {
    expect(looksLikeCatalog(text)).toBe(expected);
  });
});
