import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError } from '../../core/domain/errors';
import { DamagedCopyError, type OriginalFile } from '../../store/snapshotStore';
import { Workspace } from '../../store/workspace';
import { ExitCode, UsageError } from '../exitCodes';
import type { CliIo } from '../io';
import { dbOption, parseCommand, stringOption } from '../options';
import { readSnapshotId, snapshotOption } from '../snapshotOption';

/**
 * `faultline sources`: writes the export files a snapshot was imported from, as they were read,
 * into a folder. Names come from the import (`folder/file.json`, `archive.zip!/inner.json`): they
 * are flattened to one safe file name each, and nothing in the folder is overwritten.
 */
export async function sourcesCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('sources', args, { ...dbOption, ...snapshotOption, out: { type: 'string' } });
  const out = stringOption(parsed, 'out');
  if (out === undefined) throw new UsageError('sources: --out DIR is required');
  const workspace = Workspace.open(parsed.db, { existing: true });
  try {
    const id = readSnapshotId(parsed, 'sources') ?? workspace.snapshots.newestId();
    const originals = workspace.snapshots.originalFiles(id);
    if (originals.length === 0) {
      io.stderr(
        `faultline: snapshot ${id} keeps no export files (snapshots imported before Faultline stored them keep none).\n`,
      );
      return ExitCode.badInput;
    }
    const files = flatNames(originals);
    const existing = files.find(({ name }) => existsSync(join(out, name)));
    if (existing) {
      io.stderr(
        `faultline: ${join(out, existing.name)} already exists; sources never overwrites a file. Choose an empty folder.\n`,
      );
      return ExitCode.badInput;
    }
    makeFolder(out);
    const written: (OriginalFile & { name: string })[] = [];
    for (const { name, original } of files) {
      try {
        // 'wx': an existing file is an error, never silently replaced.
        writeFileSync(join(out, name), workspace.snapshots.readOriginal(id, original), { flag: 'wx' });
      } catch (error) {
        const why = error instanceof DamagedCopyError ? error.message : cannotWrite(join(out, name), error);
        io.stderr(`faultline: ${why} ${written.length} file(s) were written to ${out} before it.\n`);
        return ExitCode.badInput;
      }
      written.push({ name, ...original });
    }
    io.stdout(
      parsed.json
        ? `${JSON.stringify(written, null, 2)}\n`
        : `${written.map((w) => `${w.name}  ${w.size} bytes  from ${w.file}`).join('\n')}\nWrote ${written.length} file(s) of snapshot ${id} to ${out}\n`,
    );
    return ExitCode.ok;
  } finally {
    workspace.close();
  }
}

function makeFolder(out: string): void {
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new BadInputError(`${out} is a file: --out names the folder the export files are written into`);
    const why =
      code === 'ENOTDIR' ? 'part of its path is a file' : code === 'EACCES' ? 'permission denied' : code;
    throw new BadInputError(`cannot create the folder ${out}: ${why ?? String(error)}`);
  }
}

function cannotWrite(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) throw error;
  return `cannot write ${file}: ${code === 'EACCES' ? 'permission denied' : code}.`;
}

/** One name per file, without folders or characters a file system could read as a path. */
function flatNames(originals: readonly OriginalFile[]): { name: string; original: OriginalFile }[] {
  const taken = new Set<string>();
  return originals.map((original, index) => {
    const flat = original.file.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'export.json';
    // `d/x_y.json` and `d/x/y.json` flatten alike, and a numbered name may be another file's own.
    let name = flat;
    for (let tries = 1; taken.has(name); tries++) name = `${index + 1}${'-'.repeat(tries)}${flat}`;
    taken.add(name);
    return { name, original };
  });
}
