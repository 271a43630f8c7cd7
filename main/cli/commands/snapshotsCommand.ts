import { Workspace } from '../../store/workspace';
import { ExitCode } from '../exitCodes';
import { formatSnapshotTable } from '../format';
import type { CliIo } from '../io';
import { dbOption, parseCommand } from '../options';

export async function snapshotsCommand(args: string[], io: CliIo): Promise<number> {
  const { db, json } = parseCommand('snapshots', args, dbOption);
  const workspace = Workspace.open(db, { existing: true });
  try {
    const snapshots = workspace.snapshots.list();
    io.stdout(json ? `${JSON.stringify(snapshots, null, 2)}\n` : formatSnapshotTable(snapshots));
    return ExitCode.ok;
  } finally {
    workspace.close();
  }
}
