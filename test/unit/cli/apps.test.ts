import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationModel, ServiceDependency } from '../../../main/core/applications/model';
import { runCli } from '../helpers/runCli';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

const sampleRoot = join(sampleDir, '..');

const run = runCli;

let db: string;
beforeEach(async () => {
  db = tempDbFile();
  expect((await run('import', '--db', db, sampleRoot)).code).toBe(0);
});

const find = (
  model: ApplicationModel,
  from: string,
  to: string,
  port: number,
): ServiceDependency | undefined =>
  model.dependencies.find((d) => d.from === from && d.to === to && d.port === port);

describe('faultline apps with hostile names', () => {
  it('shows the bidirectional controls of an owner instead of letting them reorder the line', async () => {
    const root = join(dirname(tempDbFile()), 'sample');
    cpSync(sampleRoot, root, { recursive: true });
    const catalog = join(root, 'catalog', 'catalog-info.yaml');
    writeFileSync(
      catalog,
      readFileSync(catalog, 'utf8').replaceAll('owner: group:web\n', 'owner: "group:web\\u202E"\n'),
    );
    const hostile = tempDbFile();
    expect((await run('import', '--db', hostile, root)).code).toBe(0);
    const { code, out } = await run('apps', '--db', hostile);
    expect(code).toBe(0);
    expect(out).toMatch(/\nstorefront {2}owners: web, web<U\+202E>\n/);
    expect(out).not.toMatch(/\p{Bidi_Control}/u);
  });
});

describe('faultline apps on the bundled sample (resources/sample/README.md, "Application sources")', () => {
  it('joins the catalog, the tags and the flow logs: apps, services, owners, unassigned workloads', async () => {
    const { code, out } = await run('apps', '--db', db, '--json');
    expect(code).toBe(0);
    const model = JSON.parse(out) as ApplicationModel;
    expect(model.apps.map((a) => a.name)).toEqual([
      'bastion',
      'ci',
      'inventory',
      'mobile',
      'observability',
      'orders',
      'payments',
      'platform-monitoring',
      'search',
      'storefront',
    ]);
    const orders = model.apps.find((a) => a.name === 'orders');
    expect(orders?.services.find((s) => s.name === 'order-api')).toMatchObject({
      owners: ['commerce'],
      origins: ['catalog'],
    });
    expect(orders?.services.find((s) => s.name === 'order-api')?.workloadIds).toHaveLength(4);
    expect(model.unassigned.map((u) => u.kind).sort()).toEqual(['nat-gateway', 'vpc-endpoint']);
  });

  it('says which dependencies are declared, observed or both, with the rejected traffic of the blocked ones', async () => {
    const model = JSON.parse((await run('apps', '--db', db, '--json')).out) as ApplicationModel;
    expect(find(model, 'catalog-api', 'search-api', 8083)).toMatchObject({
      source: 'declared',
      observed: null,
    });
    expect(find(model, 'search-indexer', 'catalog-api', 8081)).toMatchObject({
      source: 'observed',
      declaredAt: [],
    });
    expect(find(model, 'order-worker', 'order-api', 8080)?.source).toBe('observed');
    const blocked = find(model, 'order-api', 'payment-gateway', 8443);
    expect(blocked?.source).toBe('both');
    expect(blocked?.observed?.rejected).toBeGreaterThan(0);
    expect(find(model, 'stock-sync', 'orders-db', 5432)?.observed?.rejected).toBeGreaterThan(0);
    expect(find(model, 'web-frontend', 'order-api', 8080)).toMatchObject({
      source: 'both',
      observed: { rejected: 0 },
    });
  });

  it('prints a readable tree and table, and follows the workspace tag keys', async () => {
    const { out } = await run('apps', '--db', db);
    expect(out).toMatch(/^Applications \(10\)\n/);
    expect(out).toMatch(/\n {2}order-api {2}4 workloads {2}owners: commerce {2}\(catalog\)\n/);
    // A service outside the estate is where its address says.
    expect(out).toMatch(/\n {2}payment-provider {2}at 192\.0\.2\.10 {2}owners: payments {2}\(catalog\)\n/);
    expect(out).toMatch(/\nUnassigned workloads \(2\)\n/);
    expect(out).toMatch(
      /\norder-api\s+payment-gateway\s+tcp\s+8443\s+both\s+\d+ records \(\d+ accepted, \d+ rejected\)\n/,
    );
    // The office's ssh into the bastion and the shoppers of the load balancer.
    expect(out).toMatch(
      /\nClients from outside any service .*\nCLIENT\s+SERVER\s+SERVICE\s+PROTOCOL\s+PORT\s+RECORDS\n/,
    );
    expect(out).toMatch(/\n198\.51\.100\.23\s+10\.30\.0\.169\s+bastion\s+tcp\s+22\s+\d+\n/);
    expect(out).toMatch(/\n198\.51\.100\.\d+\s+10\.20\.\d+\.\d+\s+northwind-web-alb\s+tcp\s+443\s+\d+\n/);
    const keys = await run('tag-keys', '--db', db, '--owner', 'owner');
    expect(keys.out).toBe(
      'app: app, application, app.kubernetes.io/part-of\nservice: service, component, app.kubernetes.io/name\nowner: owner\n',
    );
    const model = JSON.parse((await run('apps', '--db', db, '--json')).out) as ApplicationModel;
    const orderApi = model.apps.flatMap((a) => a.services).find((s) => s.name === 'order-api');
    expect(orderApi?.owners).toEqual(['bob@northwind.example', 'commerce']);
  });
});
