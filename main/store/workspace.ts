import Database from 'better-sqlite3';
import { AnalysisResultStore } from './analysisResultStore';
import { FindingStore } from './findingStore';
import { migrations, schemaVersion } from './migrations';
import { SettingsStore } from './settingsStore';
import { SnapshotStore } from './snapshotStore';
import { WorkspaceFileError, workspaceAccess, workspaceFileError } from './workspaceFile';

export { WorkspaceFileError } from './workspaceFile';

export interface WorkspaceOptions {
  /**
   * Path of a better-sqlite3 binary built for the running runtime. Electron passes the copy built
   * for its ABI (see scripts/electron-native.mjs); plain Node uses the one npm installed.
   */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
  /**
   * Only a workspace already there is opened (commands that only read): a path holding none is
   * refused, never made a new workspace, and a file this user may not write is opened read-only.
   */
  readonly existing?: boolean;
}

/** Rows hold kilobytes (findings, analysis results, compressed estate pages): 16 KiB pages keep most off overflow pages. */
export const workspacePageSize = 16_384;

/** A newer Faultline wrote this file; reading it with this version could misread or damage it. */
export class WorkspaceVersionError extends WorkspaceFileError {
  override readonly name = 'WorkspaceVersionError';
}

/** One workspace is one SQLite file holding any number of snapshots. */
export class Workspace {
  readonly snapshots: SnapshotStore;
  readonly settings: SettingsStore;
  readonly findings: FindingStore;
  readonly analysisResults: AnalysisResultStore;

  private constructor(
    private readonly db: Database.Database,
    /** False when opened read-only: what is computed is then not kept. */
    readonly writable: boolean,
  ) {
    this.snapshots = new SnapshotStore(db);
    this.settings = new SettingsStore(db);
    this.findings = new FindingStore(db);
    this.analysisResults = new AnalysisResultStore(db);
  }

  static open(file: string, options: WorkspaceOptions = {}): Workspace {
    const access = workspaceAccess(file, {
      existing: options.existing === true,
      readonly: options.readonly === true,
    });
    const readonly = access === 'read';
    let db: Database.Database;
    try {
      db = new Database(file, {
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(readonly ? { readonly: true, fileMustExist: true } : {}),
      });
    } catch (error) {
      throw workspaceFileError(file, error);
    }
    try {
      // Before anything is written: another program's database is not made a workspace.
      checkIsWorkspace(db, access !== 'read' && options.existing !== true);
      // Takes effect only on a new, empty file (docs/performance.md).
      if (!readonly) db.pragma(`page_size = ${workspacePageSize}`);
      if (!readonly) db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      const upgraded = migrate(db, readonly);
      const workspace = new Workspace(db, !readonly);
      // Pages migrated from v5 as text take ten times their compressed size: rewrite them. Migrations
      // drop tables and columns (v6, v7): give their space back to the file system.
      const compressed = readonly ? 0 : workspace.snapshots.compressTextPages();
      if (upgraded || compressed > 0) db.exec('VACUUM');
      return workspace;
    } catch (error) {
      db.close();
      throw workspaceFileError(file, error);
    }
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Every workspace has a schema version from its first migration on (the step that creates the tables
 * sets it): a file without one is new, and one holding tables nevertheless is another program's.
 */
function checkIsWorkspace(db: Database.Database, mayBeNew: boolean): void {
  if ((db.pragma('user_version', { simple: true }) as number) > 0) return;
  const tables = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number;
  if (tables > 0)
    throw new WorkspaceFileError(
      `${db.name} is not a Faultline workspace (an SQLite database of another program)`,
    );
  if (!mayBeNew)
    throw new WorkspaceFileError(
      `${db.name} is empty, not a Faultline workspace; \`faultline import\` fills it`,
    );
}

/** Brings the schema up to date; true when an existing workspace was upgraded. */
function migrate(db: Database.Database, readonly: boolean): boolean {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > schemaVersion) {
    throw new WorkspaceVersionError(
      `${db.name} has workspace schema version ${current}, newer than this Faultline understands (${schemaVersion}). Upgrade Faultline to open it.`,
    );
  }
  if (readonly && current < schemaVersion) {
    throw new WorkspaceVersionError(
      `${db.name} has workspace schema version ${current}, older than this Faultline's (${schemaVersion}), and was opened read-only. Open it once for writing (any command that imports or analyses) to upgrade it.`,
    );
  }
  // Each step reads the version again under the write lock (an immediate transaction): another
  // process opening the same old workspace may have taken steps while this one waited, and running a
  // step twice fails (`table estate_page already exists`).
  const step = db.transaction(() => {
    const at = db.pragma('user_version', { simple: true }) as number;
    if (at >= schemaVersion) return false;
    db.exec(migrations[at] as string);
    db.pragma(`user_version = ${at + 1}`);
    return true;
  });
  if (current < schemaVersion) while (step.immediate()) {}
  return current > 0 && current < schemaVersion;
}
