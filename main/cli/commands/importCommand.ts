import { existsSync, rmSync } from 'node:fs';
import { visibleText } from '../../core/findings/visibleText';
import { ExitCode, UsageError } from '../exitCodes';
import { formatCounts, formatFiles } from '../format';
import type { CliIo } from '../io';
import { limitOptions, readLimits } from '../limitOptions';
import { dbOption, parseCommand, stringOption } from '../options';
import { openService } from '../progress';

const options = { ...dbOption, ...limitOptions, name: { type: 'string' } } as const;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('import', args, options);
  const { db, positionals } = parsed;
  if (positionals.length === 0)
    throw new UsageError('import: give at least one file, folder or .zip to import');
  const limits = readLimits(parsed);
  // A first import that fails leaves no empty workspace behind at a path the user may have mistyped.
  const created = !existsSync(db);
  const { service, close, io: out } = await openService(io, { dbFile: db, limits });
  let imported = false;
  try {
    const { snapshot, files } = await service.importPaths(positionals, stringOption(parsed, 'name'));
    if (parsed.json) {
      out.stdout(`${JSON.stringify({ snapshot, files }, null, 2)}\n`);
    } else {
      const skipped = files.filter((f) => f.status === 'skipped').length;
      out.stdout(
        `Imported snapshot ${snapshot.id} "${visibleText(snapshot.name)}" from ${files.length - skipped} file(s)` +
          `${skipped ? `, ${skipped} skipped` : ''}.\n${formatCounts(snapshot)}\nFiles:\n${formatFiles(files)}\n`,
      );
    }
    imported = true;
    return ExitCode.ok;
  } finally {
    close();
    if (created && !imported)
      for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true });
  }
}
