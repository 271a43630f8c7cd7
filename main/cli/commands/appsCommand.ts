import { formatApplications } from '../applicationsFormat';
import { ExitCode } from '../exitCodes';
import type { CliIo } from '../io';
import { dbOption, parseCommand } from '../options';
import { openService } from '../progress';
import { readSnapshotId, snapshotOption } from '../snapshotOption';

export async function appsCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('apps', args, { ...dbOption, ...snapshotOption });
  const snapshotId = readSnapshotId(parsed, 'apps');
  const { service, close, io: out } = await openService(io, { dbFile: parsed.db, existing: true });
  try {
    const model = await service.applications(snapshotId ? { snapshotId } : {});
    out.stdout(parsed.json ? `${JSON.stringify(model, null, 2)}\n` : formatApplications(model));
    return ExitCode.ok;
  } finally {
    close();
  }
}
