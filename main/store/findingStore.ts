import type Database from 'better-sqlite3';
import type { TagKeys } from '../core/applications/tagKeys';
import { findingRulesVersion } from '../core/findings/computeFindings';
import type { Finding, FindingsReport } from '../core/findings/types';
import { compressSync } from './compression';
import { decodePage, pageSize, pageText, type StoredPage } from './pages';

/**
 * Findings per snapshot, in compressed pages like estate objects: the app always reads them whole.
 * They depend on the snapshot (which never changes), on the workspace's tag keys and on the finding
 * rules of this version of Faultline, so a stored report is reused only when it was computed with the
 * same of both. The `tag_keys` column holds that basis.
 */
export class FindingStore {
  constructor(private readonly db: Database.Database) {}

  load(snapshotId: number, tagKeys: TagKeys): FindingsReport | null {
    const run = this.db
      .prepare('SELECT tag_keys, alignment FROM finding_run WHERE snapshot_id = ?')
      .get(snapshotId) as { tag_keys: string; alignment: string } | undefined;
    if (!run || run.tag_keys !== basis(tagKeys)) return null;
    const pages = this.db
      .prepare('SELECT content FROM finding_page WHERE snapshot_id = ? ORDER BY page')
      .all(snapshotId) as StoredPage[];
    return {
      findings: pages.flatMap(decodePage) as unknown as Finding[],
      alignment: JSON.parse(run.alignment),
    };
  }

  save(snapshotId: number, tagKeys: TagKeys, report: FindingsReport, computedAt: Date): void {
    const insert = this.db.prepare('INSERT INTO finding_page (snapshot_id, page, content) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM finding_run WHERE snapshot_id = ?').run(snapshotId);
      this.db
        .prepare(
          'INSERT INTO finding_run (snapshot_id, computed_at, tag_keys, alignment) VALUES (?, ?, ?, ?)',
        )
        .run(snapshotId, computedAt.toISOString(), basis(tagKeys), JSON.stringify(report.alignment));
      const { findings } = report;
      for (let first = 0; first < findings.length; first += pageSize) {
        const content = compressSync(pageText(findings.slice(first, first + pageSize)));
        insert.run(snapshotId, first / pageSize, content);
      }
    })();
  }
}

function basis(tagKeys: TagKeys): string {
  return `${findingRulesVersion}:${JSON.stringify(tagKeys)}`;
}
