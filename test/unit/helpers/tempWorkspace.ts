import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { Estate } from '../../../main/core/domain/estate';
import { Workspace } from '../../../main/store/workspace';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory for one test's workspace file; removed after the test. */
export function tempDbFile(name = 'workspace.db'): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-test-'));
  dirs.push(dir);
  return join(dir, name);
}

/** An estate stored as a snapshot of a fresh workspace and loaded back, as the app reads it. */
export async function storedAndLoaded(estate: Estate): Promise<Estate> {
  const workspace = Workspace.open(tempDbFile());
  try {
    const { id } = await workspace.snapshots.create({
      name: 'round trip',
      importedAt: new Date(),
      estate,
      files: [],
    });
    return workspace.snapshots.loadEstate(id);
  } finally {
    workspace.close();
  }
}

/**
 * Everything a workspace file holds (schema, version, every row of every table), as text, so a
 * test can assert that a failed operation left the store exactly as it was.
 */
export function dumpDatabase(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const version = db.pragma('user_version', { simple: true });
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")
      .all() as { name: string; sql: string | null }[];
    const rows = tables
      .filter((t) => t.sql?.startsWith('CREATE TABLE'))
      .map((t) => `${t.name}: ${JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).raw().all())}`);
    return [`user_version=${version}`, ...tables.map((t) => t.sql ?? t.name), ...rows].join('\n');
  } finally {
    db.close();
  }
}
