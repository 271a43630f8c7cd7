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
  it('are written with the snapshot and read back whole; a snapshot without them has none', () => {
    const workspace = Workspace.open(tempDbFile());
    const files = [] as const;
    const withSources = workspace.snapshots.create({
      name: 'a',
      importedAt: new Date(),
      estate: smallEstate(),
      files,
      applications: sources,
    });
    const without = workspace.snapshots.create({
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
