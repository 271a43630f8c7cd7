import { readAwsExport } from '../../main/core/aws/readAwsExport';
import { createService } from '../../main/service/createService';
import { SourceOriginals } from '../../main/store/sourceOriginals';
import { Workspace } from '../../main/store/workspace';
import { peakRssMb, timed } from './timing';

export interface ImportFigures {
  readonly importMs: number;
  readonly rules: number;
  readonly enis: number;
  readonly snapshotId: number;
  readonly peakRssMb: number;
}

/** The import as users run it: through the service, from a folder, into a real workspace file. */
export async function measureServiceImport(dir: string, dbFile: string): Promise<ImportFigures> {
  const { service, close } = await createService({ dbFile });
  try {
    const { ms, value } = await timed(() => service.importPaths([dir], 'bench'));
    const { counts, id } = value.snapshot;
    return {
      importMs: ms,
      rules: counts.securityGroupRules,
      enis: counts.workloads,
      snapshotId: id,
      peakRssMb: peakRssMb(),
    };
  } finally {
    close();
  }
}

export interface PhaseFigures {
  readonly readMs: number;
  readonly writeMs: number;
  readonly peakRssMb: number;
}

/** The same import cut in two: reading and checking the files, then writing the snapshot. */
export async function measurePhases(dir: string, dbFile: string): Promise<PhaseFigures> {
  const originals = new SourceOriginals();
  const read = await timed(() =>
    readAwsExport([{ kind: 'path', path: dir }], {
      onExport: (file, sha256) => originals.keep(sha256, file.data),
    }),
  );
  const workspace = Workspace.open(dbFile);
  try {
    const { estate, files } = read.value;
    const write = await timed(() =>
      workspace.snapshots.create({ name: 'bench phases', importedAt: new Date(), estate, files, originals }),
    );
    return { readMs: read.ms, writeMs: write.ms, peakRssMb: peakRssMb() };
  } finally {
    workspace.close();
  }
}
