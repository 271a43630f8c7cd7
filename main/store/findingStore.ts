import type Database from 'better-sqlite3';
import type { TagKeys } from '../core/applications/tagKeys';
import { findingRulesVersion } from '../core/findings/computeFindings';
import type { Finding, FindingsReport } from '../core/findings/types';

/**
 * Findings per snapshot. They depend on the snapshot (which never changes), on the workspace's tag
 * keys and on the finding rules of this version of Faultline, so a stored report is reused only when
 * it was computed with the same of both. The `tag_keys` column holds that basis.
 */
export class FindingStore {
  constructor(private readonly db: Database.Database) {}

  load(snapshotId: number, tagKeys: TagKeys): FindingsReport | null {
    const run = this.db
      .prepare('SELECT tag_keys, alignment FROM finding_run WHERE snapshot_id = ?')
      .get(snapshotId) as { tag_keys: string; alignment: string } | undefined;
    if (!run || run.tag_keys !== basis(tagKeys)) return null;
    const rows = this.db
      .prepare('SELECT data FROM finding WHERE snapshot_id = ? ORDER BY ordinal')
      .all(snapshotId) as { data: string }[];
    return {
      findings: rows.map((row) => JSON.parse(row.data) as Finding),
      alignment: JSON.parse(run.alignment),
    };
  }

  save(snapshotId: number, tagKeys: TagKeys, report: FindingsReport, computedAt: Date): void {
    const insert = this.db.prepare(
      'INSERT INTO finding (snapshot_id, ordinal, id, kind, severity, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM finding_run WHERE snapshot_id = ?').run(snapshotId);
      this.db
        .prepare(
          'INSERT INTO finding_run (snapshot_id, computed_at, tag_keys, alignment) VALUES (?, ?, ?, ?)',
        )
        .run(snapshotId, computedAt.toISOString(), basis(tagKeys), JSON.stringify(report.alignment));
      for (const [ordinal, f] of report.findings.entries()) {
        insert.run(snapshotId, ordinal, f.id, f.kind, f.severity, JSON.stringify(f));
      }
    })();
  }
}

function basis(tagKeys: TagKeys): string {
  return `${findingRulesVersion}:${JSON.stringify(tagKeys)}`;
}
