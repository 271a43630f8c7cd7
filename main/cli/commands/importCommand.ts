import { createService } from '../../service/createService';
import { ExitCode, UsageError } from '../exitCodes';
import { formatCounts, formatFiles } from '../format';
import type { CliIo } from '../io';
import { limitOptions, readLimits } from '../limitOptions';
import { dbOption, parseCommand, stringOption } from '../options';
import { ProgressLine } from '../progress';

const options = { ...dbOption, ...limitOptions, name: { type: 'string' } } as const;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('import', args, options);
  const { db, positionals } = parsed;
  if (positionals.length === 0)
    throw new UsageError('import: give at least one file, folder or .zip to import');
  const limits = readLimits(parsed);
  const progress = new ProgressLine(io);
  const { service, close } = await createService({
    dbFile: db,
    emit: (_event, payload) => progress.report(payload),
    limits,
  });
  try {
    const { snapshot, files } = await service.importPaths(positionals, stringOption(parsed, 'name'));
    progress.clear();
    if (parsed.json) {
      io.stdout(`${JSON.stringify({ snapshot, files }, null, 2)}\n`);
    } else {
      const skipped = files.filter((f) => f.status === 'skipped').length;
      io.stdout(
        `Imported snapshot ${snapshot.id} "${snapshot.name}" from ${files.length - skipped} file(s)` +
          `${skipped ? `, ${skipped} skipped` : ''}.\n${formatCounts(snapshot)}\nFiles:\n${formatFiles(files)}\n`,
      );
    }
    return ExitCode.ok;
  } finally {
    progress.clear();
    close();
  }
}
