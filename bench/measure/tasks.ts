import { measureAnalysis } from './analysis';
import { measureCompare, measureViews, measureWhatIf } from './appAnalysis';
import { measureFlowGraph } from './flowGraph';
import { measureFlowLogs } from './flowLogs';
import { measurePhases, measureServiceImport } from './importSpeed';
import { measureParseFloor } from './parseFloor';
import { measureSqliteCeiling } from './sqliteCeiling';

/** Every measurement that runs in a process of its own, by name, with its JSON-serialisable arguments. */
export const tasks = {
  import: (a: { dir: string; dbFile: string }) => measureServiceImport(a.dir, a.dbFile),
  phases: (a: { dir: string; dbFile: string }) => measurePhases(a.dir, a.dbFile),
  parseFloor: (a: { dir: string }) => measureParseFloor(a.dir),
  sqlite: (a: { dbFile: string }) => measureSqliteCeiling(a.dbFile),
  analysis: (a: { dbFile: string; snapshotId: number; seed: number }) =>
    measureAnalysis(a.dbFile, a.snapshotId, a.seed),
  graph: (a: { dbFile: string; snapshotId: number }) => measureFlowGraph(a.dbFile, a.snapshotId),
  views: (a: { dbFile: string; snapshotId: number }) => measureViews(a.dbFile, a.snapshotId),
  whatIf: (a: { dbFile: string; snapshotId: number }) => measureWhatIf(a.dbFile, a.snapshotId),
  compare: (a: { dbFile: string; older: number; newer: number }) =>
    measureCompare(a.dbFile, a.older, a.newer),
  flowLogs: (a: { lines: number }) => measureFlowLogs(a.lines),
};

export type TaskName = keyof typeof tasks;
export type TaskArgs<N extends TaskName> = Parameters<(typeof tasks)[N]>[0];
export type TaskResult<N extends TaskName> = Awaited<ReturnType<(typeof tasks)[N]>>;
