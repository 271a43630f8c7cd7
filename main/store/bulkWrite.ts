import type Database from 'better-sqlite3';

/** Page cache for one import, in KiB (negative cache_size means KiB): 64 MiB. */
const importCacheKib = 65_536;

/**
 * Runs one large write (an import) with settings suited to it, then puts the connection back.
 *
 * - `synchronous = NORMAL`: in WAL mode the commit no longer waits for an fsync of the WAL; the
 *   checkpoint still syncs. The file stays consistent whatever happens; a power loss (not a crash of
 *   Faultline) right after an import may lose that import, which the user can run again.
 * - a 64 MiB page cache: with SQLite's default 2 MiB a big transaction spills dirty pages to the WAL
 *   over and over, writing the same key-index pages many times.
 */
export function withBulkWriteSettings<T>(db: Database.Database, write: () => T): T {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${importCacheKib}`);
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
