import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ApplicationSources } from '../core/domain/applications';
import { NotFoundError } from '../core/domain/errors';
import {
  countEstate,
  type Estate,
  type EstateCounts,
  type EstateKey,
  estateKeys,
  type Workload,
} from '../core/domain/estate';
import type { FileOutcome, SnapshotSummary } from '../core/domain/importReport';
import { countKubernetes, type KubernetesCounts } from '../core/domain/kubernetes';
import { classifyWorkload } from '../core/domain/workloadKind';
import { ApplicationStore, emptyApplicationSources } from './applicationStore';
import { withBulkWriteSettings } from './bulkWrite';
import { compressSync, decompress } from './compression';
import { encodeEstate } from './estatePage';
import { KubernetesStore } from './kubernetesStore';
import { decodePage, pageText, type StoredPage } from './pages';
import type { SourceOriginals } from './sourceOriginals';

export interface NewSnapshot {
  readonly name: string;
  readonly importedAt: Date;
  readonly estate: Estate;
  readonly files: readonly FileOutcome[];
  /** What catalogs, dependencies files and flow logs imported with the estate say. */
  readonly applications?: ApplicationSources;
  /** The export files themselves, by sha256 (as in `files`). */
  readonly originals?: SourceOriginals;
}

/** A kept export file whose bytes no longer match the hash recorded at import. */
export class DamagedCopyError extends Error {
  override readonly name = 'DamagedCopyError';
}

/** An export file kept with a snapshot (`readOriginal` gives its bytes). */
export interface OriginalFile {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
}

interface SnapshotRow {
  id: number;
  name: string;
  imported_at: string;
  provider: string;
  counts: string;
}

interface SourceFileRow {
  snapshot_id: number;
  file: string;
  status: 'imported' | 'skipped';
  kind: string | null;
  records: number;
  sha256: string;
  size: number;
  reason: string | null;
}

/** The order snapshots are listed in, and the newest chosen by. */
const newestFirst = 'ORDER BY imported_at DESC, id DESC';

/** Snapshots and everything they hold. Writes are single transactions: all or nothing. */
export class SnapshotStore {
  /** Inserts by SQL text: prepared once per store, not once per import and kind. */
  private readonly statements = new Map<string, Database.Statement>();

  private readonly applications: ApplicationStore;
  private readonly kubernetes: KubernetesStore;

  constructor(private readonly db: Database.Database) {
    this.applications = new ApplicationStore(db);
    this.kubernetes = new KubernetesStore(db);
  }

  /**
   * Compresses the estate's pages (the slow part, reported through `onProgress`), then writes the
   * snapshot in one transaction.
   */
  async create(
    snapshot: NewSnapshot,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SnapshotSummary> {
    const pages = await encodeEstate(snapshot.estate, onProgress);
    const originals = (await snapshot.originals?.settled()) ?? new Map<string, Buffer>();
    const insertPage = this.statement(
      'INSERT INTO estate_page (snapshot_id, kind, page, content) VALUES (?, ?, ?, ?)',
    );
    const insertOriginal = this.statement(
      'INSERT INTO source_original (snapshot_id, sha256, content) VALUES (?, ?, ?)',
    );
    const write = this.db.transaction(() => {
      const { lastInsertRowid } = this.statement(
        'INSERT INTO snapshot (name, imported_at, provider, counts) VALUES (?, ?, ?, ?)',
      ).run(
        snapshot.name,
        snapshot.importedAt.toISOString(),
        'aws',
        JSON.stringify(storedCounts(snapshot.estate)),
      );
      const id = Number(lastInsertRowid);
      this.insertSourceFiles(id, snapshot.files);
      for (const { kind, page, content } of pages) insertPage.run(id, kind, page, content);
      for (const [sha256, content] of originals) insertOriginal.run(id, sha256, content);
      this.applications.insert(id, snapshot.applications ?? emptyApplicationSources);
      if (snapshot.estate.kubernetes) this.kubernetes.insert(id, snapshot.estate.kubernetes);
      return id;
    });
    return this.get(withBulkWriteSettings(this.db, write));
  }

  list(): SnapshotSummary[] {
    const rows = this.db.prepare(`SELECT * FROM snapshot ${newestFirst}`).all() as SnapshotRow[];
    const files = this.filesBySnapshot();
    return rows.map((row) => toSummary(row, files.get(row.id) ?? []));
  }

  /** The snapshot commands use when none is named. */
  newestId(): number {
    // Without reading every snapshot's files, as list() does: asked at each call that names none.
    const newest = this.statement(`SELECT id FROM snapshot ${newestFirst} LIMIT 1`).get() as
      | { id: number }
      | undefined;
    if (!newest) throw new NotFoundError('This workspace has no snapshot yet: import one first.');
    return newest.id;
  }

  get(id: number): SnapshotSummary {
    const row = this.db.prepare('SELECT * FROM snapshot WHERE id = ?').get(id) as SnapshotRow | undefined;
    if (!row) throw new NotFoundError(`There is no snapshot ${id} in this workspace.`);
    const files = this.db
      .prepare('SELECT * FROM source_file WHERE snapshot_id = ? ORDER BY ordinal')
      .all(id) as SourceFileRow[];
    return toSummary(row, files.map(toOutcome));
  }

  rename(id: number, name: string): SnapshotSummary {
    const { changes } = this.db.prepare('UPDATE snapshot SET name = ? WHERE id = ?').run(name, id);
    if (changes === 0) throw new NotFoundError(`There is no snapshot ${id} in this workspace.`);
    return this.get(id);
  }

  delete(id: number): void {
    const { changes } = this.db.prepare('DELETE FROM snapshot WHERE id = ?').run(id);
    if (changes === 0) throw new NotFoundError(`There is no snapshot ${id} in this workspace.`);
  }

  /** What the catalogs, dependencies files and flow logs imported with the snapshot say. */
  loadApplications(id: number): ApplicationSources {
    this.get(id);
    return this.applications.load(id);
  }

  /**
   * The estate of a snapshot, objects in the order they were imported. `onPage` hears of each page
   * decoded: a large estate takes most of a second.
   */
  loadEstate(id: number, onPage?: (done: number, total: number) => void): Estate {
    this.get(id);
    const count = this.statement('SELECT count(*) AS total FROM estate_page WHERE snapshot_id = ?');
    const { total } = count.get(id) as { total: number };
    const pages = this.statement(
      'SELECT content FROM estate_page WHERE snapshot_id = ? AND kind = ? ORDER BY page',
    );
    let done = 0;
    const load = <K extends EstateKey>(key: K): Estate[K] => {
      const objects: unknown[] = [];
      for (const row of pages.iterate(id, key) as IterableIterator<StoredPage>) {
        for (const object of decodePage(row)) objects.push(object);
        onPage?.(++done, total);
      }
      return objects as Estate[K];
    };
    const stored = Object.fromEntries(estateKeys.map((key) => [key, load(key)])) as unknown as Estate;
    // What an ENI is follows from traits stored with it: read with this version's rules, a snapshot
    // imported before Faultline knew a kind (a transit gateway's interfaces) is analysed as one.
    const cloud = {
      ...stored,
      workloads: stored.workloads.map(classified),
      // Route tables stored before their tags were read have none.
      routeTables: stored.routeTables.map((table) => (table.tags ? table : { ...table, tags: {} })),
    };
    const kubernetes = this.kubernetes.load(id);
    return kubernetes ? { ...cloud, kubernetes } : cloud;
  }

  /** The export files kept with the snapshot, in import order; none for snapshots imported before schema v7. */
  originalFiles(id: number): OriginalFile[] {
    this.get(id);
    return this.statement(
      `SELECT f.file, f.sha256, f.size FROM source_file f
           JOIN source_original o ON o.snapshot_id = f.snapshot_id AND o.sha256 = f.sha256
          WHERE f.snapshot_id = ? AND f.status = 'imported' ORDER BY f.ordinal`,
    ).all(id) as OriginalFile[];
  }

  /**
   * One kept export file as it was read, checked against the sha256 recorded at import. One file at
   * a time, because they can be large.
   */
  readOriginal(id: number, { file, sha256 }: OriginalFile): Buffer {
    const row = this.statement(
      'SELECT content FROM source_original WHERE snapshot_id = ? AND sha256 = ?',
    ).get(id, sha256) as { content: Buffer } | undefined;
    if (!row) throw new NotFoundError(`Snapshot ${id} keeps no copy of ${file}.`);
    const damaged = (why: string) =>
      new DamagedCopyError(`The stored copy of ${file} in snapshot ${id} is damaged (${why}).`);
    let data: Buffer;
    try {
      data = decompress(row.content);
    } catch {
      throw damaged('it does not decompress');
    }
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== sha256) throw damaged(`sha256 ${actual}, imported as ${sha256}`);
    return data;
  }

  /**
   * Rewrites pages still stored as plain JSON text (moved over from v5 by migration v6) compressed.
   * Returns how many it rewrote. One transaction: a workspace
   * left half-done by a crash is finished at the next opening.
   */
  compressTextPages(): number {
    const rows = this.db
      .prepare(
        "SELECT snapshot_id, kind, page, content FROM estate_page WHERE typeof(content) = 'text' ORDER BY snapshot_id, kind, page",
      )
      .all() as { snapshot_id: number; kind: string; page: number; content: string }[];
    const update = this.db.prepare(
      'UPDATE estate_page SET content = ? WHERE snapshot_id = ? AND kind = ? AND page = ?',
    );
    const rewrite = this.db.transaction(() => {
      for (const row of rows) {
        const content = compressSync(pageText(decodePage({ content: row.content })));
        update.run(content, row.snapshot_id, row.kind, row.page);
      }
    });
    if (rows.length > 0) withBulkWriteSettings(this.db, rewrite);
    return rows.length;
  }

  private insertSourceFiles(snapshotId: number, files: readonly FileOutcome[]): void {
    const insert = this.statement(
      'INSERT INTO source_file (snapshot_id, ordinal, file, status, kind, records, sha256, size, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    files.forEach((f, ordinal) => {
      if (f.status === 'error') throw new Error(`A failed file cannot be stored: ${f.file}`);
      insert.run(snapshotId, ordinal, f.file, f.status, f.kind, f.records, f.sha256, f.size, f.reason);
    });
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private filesBySnapshot(): Map<number, FileOutcome[]> {
    const rows = this.db
      .prepare('SELECT * FROM source_file ORDER BY snapshot_id, ordinal')
      .all() as SourceFileRow[];
    const bySnapshot = new Map<number, FileOutcome[]>();
    for (const row of rows) {
      const list = bySnapshot.get(row.snapshot_id) ?? [];
      list.push(toOutcome(row));
      bySnapshot.set(row.snapshot_id, list);
    }
    return bySnapshot;
  }
}

/** The counts column: the cloud objects' counts, and the cluster's under `kubernetes` when there is one. */
function storedCounts(estate: Estate): EstateCounts & { kubernetes?: KubernetesCounts } {
  const counts = countEstate(estate);
  return estate.kubernetes ? { ...counts, kubernetes: countKubernetes(estate.kubernetes) } : counts;
}

const noObjects = Object.fromEntries(estateKeys.map((key) => [key, 0])) as unknown as EstateCounts;

function toSummary(row: SnapshotRow, files: readonly FileOutcome[]): SnapshotSummary {
  const { kubernetes, ...stored } = JSON.parse(row.counts) as ReturnType<typeof storedCounts>;
  // Kinds Faultline learned to read after the snapshot was imported: it holds none of them.
  const counts = { ...noObjects, ...stored };
  return {
    id: row.id,
    name: row.name,
    importedAt: row.imported_at,
    provider: 'aws',
    counts,
    ...(kubernetes ? { kubernetesCounts: kubernetes } : {}),
    files,
  };
}

function toOutcome(row: SourceFileRow): FileOutcome {
  return {
    file: row.file,
    status: row.status,
    kind: row.kind,
    records: row.records,
    sha256: row.sha256,
    size: row.size,
    reason: row.reason,
    place: null,
  };
}

function classified(workload: Workload): Workload {
  const kind = classifyWorkload(workload);
  return kind === workload.kind ? workload : { ...workload, kind };
}
