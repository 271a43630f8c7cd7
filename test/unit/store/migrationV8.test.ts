import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { migrations, schemaVersion } from '../../../main/store/migrations';
import { Workspace, workspacePageSize } from '../../../main/store/workspace';
import { tempDbFile } from '../helpers/tempWorkspace';

describe('the v8 migration (stored analysis compressed)', () => {
  it('drops the findings and results stored as text, which are then computed again and stored compressed', () => {
    const file = tempDbFile();
    const v7 = new Database(file);
    v7.pragma(`page_size = ${workspacePageSize}`);
    for (const sql of migrations.slice(0, 7)) v7.exec(sql);
    v7.pragma('user_version = 7');
    v7.prepare(
      "INSERT INTO snapshot (name, imported_at, provider, counts) VALUES ('v7', '2026-11-01T00:00:00.000Z', 'aws', '{}')",
    ).run();
    v7.prepare(
      "INSERT INTO finding_run (snapshot_id, computed_at, tag_keys, alignment) VALUES (1, 'then', 'keys', '{}')",
    ).run();
    v7.prepare(
      "INSERT INTO finding (snapshot_id, ordinal, id, kind, severity, data) VALUES (1, 0, 'f', 'k', 'high', '{}')",
    ).run();
    v7.prepare(
      "INSERT INTO analysis_result (snapshot_id, kind, basis, computed_at, data) VALUES (1, 'segment-graph', '1', 'then', '{}')",
    ).run();
    v7.close();

    const workspace = Workspace.open(file);
    expect(workspace.schemaVersion).toBe(schemaVersion);
    expect(workspace.snapshots.list().map((s) => s.name)).toEqual(['v7']);
    expect(workspace.analysisResults.load(1, 'segment-graph', '1')).toBeNull();
    expect(workspace.findings.load(1, defaultTagKeys)).toBeNull();
    // Stored again, compressed, and read back.
    const finding = { id: 'f', kind: 'shared-segment', severity: 'high' };
    const report = {
      findings: Array.from({ length: 2500 }, (_, k) => ({ ...finding, id: `f${k}` })),
      alignment: { note: 'recomputed' },
    } as never;
    workspace.findings.save(1, defaultTagKeys, report, new Date());
    expect(workspace.findings.load(1, defaultTagKeys)).toEqual(report);
    workspace.analysisResults.save(1, 'segment-graph', '1', { edges: [1, 2] }, new Date());
    expect(workspace.analysisResults.load(1, 'segment-graph', '1')).toEqual({ edges: [1, 2] });
    workspace.close();

    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    const types = db.prepare('SELECT typeof(data) FROM analysis_result').pluck().all();
    const pages = db.prepare('SELECT page, typeof(content) FROM finding_page ORDER BY page').raw().all();
    db.close();
    expect(tables).not.toContain('finding');
    expect(types).toEqual(['blob']);
    // 2,500 findings: pages of 1,000.
    expect(pages).toEqual([
      [0, 'blob'],
      [1, 'blob'],
      [2, 'blob'],
    ]);
  });
});
