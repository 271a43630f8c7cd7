import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations, schemaVersion } from '../../../main/store/migrations';
import { Workspace, workspacePageSize } from '../../../main/store/workspace';
import { tempDbFile } from '../helpers/tempWorkspace';

const packed = (value: unknown) => brotliCompressSync(JSON.stringify(value));

describe('the v7 migration (export files whole instead of per-object originals)', () => {
  it('drops the originals v6 kept per page, keeps the objects, and gives the space back', () => {
    const file = tempDbFile();
    const v6 = new Database(file);
    v6.pragma(`page_size = ${workspacePageSize}`);
    v6.pragma('journal_mode = WAL');
    for (const sql of migrations.slice(0, 6)) v6.exec(sql);
    v6.pragma('user_version = 6');
    v6.prepare(
      "INSERT INTO snapshot (name, imported_at, provider, counts) VALUES ('v6', '2026-11-01T00:00:00.000Z', 'aws', '{}')",
    ).run();
    // Incompressible originals, so that their space is worth giving back.
    const raws = Array.from({ length: 200 }, () => ({ Blob: randomBytes(4096).toString('base64') }));
    const objects = raws.map((_, k) => ({ id: `vpc-${k}` }));
    v6.prepare(
      "INSERT INTO estate_page (snapshot_id, kind, page, content, raws) VALUES (1, 'vpcs', 0, ?, ?)",
    ).run(packed({ objects, rawIndex: objects.map((_, k) => k) }), packed(raws));
    v6.pragma('wal_checkpoint(TRUNCATE)');
    v6.close();
    const before = statSync(file).size;

    const workspace = Workspace.open(file);
    expect(workspace.schemaVersion).toBe(schemaVersion);
    expect(workspace.snapshots.loadEstate(1).vpcs).toEqual(objects);
    expect(workspace.snapshots.originalFiles(1)).toEqual([]);
    workspace.close();

    const db = new Database(file, { readonly: true });
    const columns = (db.prepare('PRAGMA table_info(estate_page)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    db.close();
    expect(columns).toEqual(['snapshot_id', 'kind', 'page', 'content']);
    expect(statSync(file).size).toBeLessThan(before / 2);
  });
});
