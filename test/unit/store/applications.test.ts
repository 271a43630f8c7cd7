import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { ApplicationSources } from '../../../main/core/domain/applications';
import { migrations, schemaVersion } from '../../../main/store/migrations';
import { Workspace } from '../../../main/store/workspace';
import { smallEstate } from '../helpers/estateBuilder';
import { tempDbFile } from '../helpers/tempWorkspace';

const sources: ApplicationSources = {
  services: [
    {
      name: 'api',
      app: 'shop',
      owner: 'team-a',
      workloadSelector: { app: 'shop' },
      origin: 'catalog',
      source: { file: 'catalog-info.yaml', path: 'doc 1' },
    },
  ],
  dependencies: [
    {
      from: 'web',
      to: 'api',
      protocol: 'tcp',
      port: 8080,
      origin: 'catalog',
      source: { file: 'c.yaml', path: 'doc 2' },
    },
  ],
  providedApis: [{ api: 'shop-api', service: 'api', source: { file: 'c.yaml', path: 'doc 1' } }],
  unresolvedApis: [],
  flows: [
    {
      client: '10.0.1.10',
      server: '10.0.1.20',
      protocol: 6,
      serverPort: 8080,
      action: 'ACCEPT',
      records: 3,
      packets: 9,
      bytes: 900,
      firstSeen: 1,
      lastSeen: 2,
    },
  ],
};

describe('application sources in the store', () => {
  it('are written with the snapshot and read back whole; a snapshot without them has none', async () => {
    const workspace = Workspace.open(tempDbFile());
    const files = [] as const;
    const withSources = await workspace.snapshots.create({
      name: 'a',
      importedAt: new Date(),
      estate: smallEstate(),
      files,
      applications: sources,
    });
    const without = await workspace.snapshots.create({
      name: 'b',
      importedAt: new Date(),
      estate: smallEstate(),
      files,
    });
    expect(workspace.snapshots.loadApplications(withSources.id)).toEqual(sources);
    expect(workspace.snapshots.loadApplications(without.id)).toEqual({
      services: [],
      dependencies: [],
      providedApis: [],
      unresolvedApis: [],
      flows: [],
    });
    workspace.snapshots.delete(withSources.id);
    expect(() => workspace.snapshots.loadApplications(withSources.id)).toThrow(/no snapshot/);
    workspace.close();
  });

  it('keeps the tag keys per workspace, defaulting to the common conventions', () => {
    const file = tempDbFile();
    const workspace = Workspace.open(file);
    expect(workspace.settings.tagKeys()).toEqual(defaultTagKeys);
    workspace.settings.setTagKeys({ app: ['Product'], service: ['svc'], owner: ['CostCenter'] });
    workspace.close();
    expect(Workspace.open(file).settings.tagKeys()).toEqual({
      app: ['Product'],
      service: ['svc'],
      owner: ['CostCenter'],
    });
  });
});

describe('migrations', () => {
  it('takes a version 1 workspace forward without losing its snapshots', () => {
    const file = tempDbFile();
    const v1 = new Database(file);
    v1.exec(migrations[0] as string);
    v1.pragma('user_version = 1');
    v1.prepare(
      "INSERT INTO snapshot (name, imported_at, provider, counts) VALUES ('old', '2026-01-01T00:00:00.000Z', 'aws', ?)",
    ).run(JSON.stringify({ vpcs: 0 }));
    v1.close();
    const workspace = Workspace.open(file);
    expect(workspace.schemaVersion).toBe(schemaVersion);
    expect(schemaVersion).toBeGreaterThanOrEqual(2);
    expect(workspace.snapshots.list().map((s) => s.name)).toEqual(['old']);
    expect(workspace.snapshots.loadApplications(1).flows).toEqual([]);
    workspace.close();
  });
});

describe('the v9 migration (unresolved APIs kept)', () => {
  it('keeps the application sources of a version 8 workspace, which then stores unresolved APIs', async () => {
    const file = tempDbFile();
    const v8 = new Database(file);
    for (const sql of migrations.slice(0, 8)) v8.exec(sql);
    v8.pragma('user_version = 8');
    v8.prepare(
      "INSERT INTO snapshot (name, imported_at, provider, counts) VALUES ('old', '2026-01-01T00:00:00.000Z', 'aws', '{}')",
    ).run();
    v8.prepare("INSERT INTO application_source VALUES (1, 'api', 0, ?)").run(
      JSON.stringify(sources.providedApis[0]),
    );
    v8.close();
    const workspace = Workspace.open(file);
    expect(workspace.snapshots.loadApplications(1).providedApis).toEqual(sources.providedApis);
    const unresolvedApis = [{ api: 'stock-api', consumer: 'api', source: { file: 'c.yaml', path: 'doc 1' } }];
    const { id } = await workspace.snapshots.create({
      name: 'new',
      importedAt: new Date(),
      estate: smallEstate(),
      files: [],
      applications: { ...sources, unresolvedApis },
    });
    expect(workspace.snapshots.loadApplications(id).unresolvedApis).toEqual(unresolvedApis);
    workspace.close();
  });
});

describe('the v6 migration (estate objects in pages)', () => {
  it('moves every v1 estate row into pages in import order and drops the old tables', () => {
    const file = tempDbFile();
    const v5 = new Database(file);
    v5.pragma('foreign_keys = ON');
    for (const sql of migrations.slice(0, 5)) v5.exec(sql);
    v5.pragma('user_version = 5');
    v5.prepare(
      "INSERT INTO snapshot (name, imported_at, provider, counts) VALUES ('old', '2026-01-01T00:00:00.000Z', 'aws', '{}')",
    ).run();
    const row = (table: string, columns: string[]) => {
      const names = ['snapshot_id', 'ordinal', ...columns, 'data', 'raw'];
      const insert = v5.prepare(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      );
      return (ordinal: number, ...values: (string | number)[]) => insert.run(1, ordinal, ...values);
    };
    row('vpc', ['id'])(0, 'vpc-1', JSON.stringify({ id: 'vpc-1' }), JSON.stringify({ VpcId: 'vpc-1' }));
    row('security_group', ['id', 'vpc_id'])(0, 'sg-1', 'vpc-1', '{"id":"sg-1"}', '{"GroupId":"sg-1"}');
    // 1,001 rules: two pages, inserted in reverse so that only the ordinal orders them.
    const rule = row('security_group_rule', ['key', 'group_id']);
    for (let ordinal = 1000; ordinal >= 0; ordinal--) {
      rule(
        ordinal,
        `sg-1/ingress/${ordinal}/0`,
        'sg-1',
        JSON.stringify({ key: `r${ordinal}` }),
        `{"FromPort":${ordinal}}`,
      );
    }
    v5.close();

    const workspace = Workspace.open(file);
    expect(workspace.schemaVersion).toBe(schemaVersion);
    const estate = workspace.snapshots.loadEstate(1);
    // v7 keeps export files whole instead of each object's original JSON: these had none kept.
    expect(estate.vpcs).toEqual([{ id: 'vpc-1' }]);
    expect(estate.securityGroups).toEqual([{ id: 'sg-1' }]);
    expect(estate.securityGroupRules).toHaveLength(1001);
    estate.securityGroupRules.forEach((r, ordinal) => {
      expect(r).toEqual({ key: `r${ordinal}` });
    });
    expect(estate.workloads).toEqual([]);
    workspace.close();
    const db = new Database(file, { readonly: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toContain('estate_page');
    for (const gone of ['vpc', 'security_group_rule', 'workload', 'workload_group'])
      expect(tables).not.toContain(gone);
    db.close();
  });
});
