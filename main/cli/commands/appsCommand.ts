import { createService } from '../../service/createService';
import { formatApplications } from '../applicationsFormat';
import { ExitCode } from '../exitCodes';
import type { CliIo } from '../io';
import { dbOption, parseCommand } from '../options';
import { readSnapshotId, snapshotOption } from '../snapshotOption';

export async function appsCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('apps', args, { ...dbOption, ...snapshotOption });
  const snapshotId = readSnapshotId(parsed, 'apps');
  const { service, close } = await createService({ dbFile: parsed.db });
  try {
    const model = await service.applications(snapshotId ? { snapshotId } : {});
    io.stdout(parsed.json ? `${JSON.stringify(model, null, 2)}\n` : formatApplications(model));
    return ExitCode.ok;
  } finally {
    close();
  }
}
