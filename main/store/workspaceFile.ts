import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** The path given for a workspace holds none this process can use: the message names it and says why. */
export class WorkspaceFileError extends Error {
  override readonly name: string = 'WorkspaceFileError';
}

/** How a workspace file is to be opened: made at a path holding none, written, or only read. */
export type WorkspaceAccess = 'create' | 'write' | 'read';

/**
 * How the file at `file` can be opened, decided before SQLite opens it: SQLite would make a new
 * workspace at a mistyped path, and leaves `-wal` and `-shm` files beside a file it opens but may
 * not write. `existing`: only a workspace already there is opened, read-only when this user may not
 * write it. Otherwise the caller writes, and a file it may not write is refused before any work.
 */
export function workspaceAccess(
  file: string,
  { existing, readonly }: { existing: boolean; readonly: boolean },
): WorkspaceAccess {
  const folder = dirname(file);
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(file);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw cannotOpen(file, error);
    if (!isFolder(folder)) throw new WorkspaceFileError(`${file}: the folder ${folder} does not exist`);
    if (existing || readonly)
      throw new WorkspaceFileError(
        `there is no workspace at ${file} (no such file); \`faultline import\` creates one`,
      );
    if (!mayWrite(folder))
      throw new WorkspaceFileError(`cannot create ${file}: this user may not write to ${folder}`);
    return 'create';
  }
  if (info.isDirectory()) throw new WorkspaceFileError(`${file} is a folder, not a workspace file`);
  if (!info.isFile()) throw new WorkspaceFileError(`${file} is not a file, so not a workspace`);
  if (readonly) return 'read';
  // SQLite writes `-wal` and `-shm` files beside the workspace: its folder must be writable too.
  const unwritable = !mayWrite(file) ? file : !mayWrite(folder) ? folder : null;
  if (unwritable === null) return 'write';
  if (existing) return 'read';
  throw new WorkspaceFileError(
    `${file} is read-only: this user may not write to ${unwritable === file ? 'it' : `its folder ${folder}`}`,
  );
}

/**
 * SQLite's refusals of a file, said of the file: one that is no database, a damaged one, one this
 * user may not write. Anything else is left as it is.
 */
export function workspaceFileError(file: string, error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  if (error.code === 'SQLITE_NOTADB')
    return new WorkspaceFileError(`${file} is not a Faultline workspace (not an SQLite database)`);
  if (error.code.startsWith('SQLITE_CORRUPT'))
    return new WorkspaceFileError(
      `${file} is damaged (${error.message}): restore it from a backup, or import into a new workspace`,
    );
  if (error.code === 'SQLITE_READONLY_DIRECTORY')
    return new WorkspaceFileError(
      `cannot read ${file}: SQLite must create ${file}-shm beside it, and this user may not write to ${dirname(file)}`,
    );
  if (error.code.startsWith('SQLITE_READONLY'))
    return new WorkspaceFileError(`${file} is read-only: this user may not write to it`);
  if (error.code.startsWith('SQLITE_CANTOPEN')) return cannotOpen(file, error);
  return error;
}

function cannotOpen(file: string, error: unknown): WorkspaceFileError {
  const code = errorCode(error);
  const why = code === 'EACCES' ? 'permission denied' : (code ?? String(error));
  return new WorkspaceFileError(`cannot open ${file}: ${why}`);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function mayWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
