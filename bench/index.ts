import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs, usage } from './args';
import { writeLaterExport } from './estate/laterExport';
import { flushToDisk, generateEstate } from './estateGenerator';
import { describeMachine } from './machine';
import type { CompareFigures } from './measure/appAnalysis';
import { runIsolated } from './measure/isolated';
import { timed } from './measure/timing';
import { type BenchReport, formatReport, highestPeakRss, targets } from './report';

/** The exports that hold the rules, and the VPCs their groups name: how fast rules alone go in. */
const ruleExports = ['describe-vpcs.json', 'describe-security-groups.json'];

/**
 * `npm run bench`: generates an estate, imports it through the real service into a real workspace
 * file and prints the figures docs/performance.md explains. Each measurement runs in its own process.
 */
async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const work = await mkdtemp(join(tmpdir(), 'faultline-bench-'));
  const log = (line: string) => options.json || process.stderr.write(`${line}\n`);
  try {
    const dir = join(work, 'estate');
    log(`generating into ${dir} …`);
    const generation = await timed(() => generateEstate(dir, options.sizes));
    log('importing through the service …');
    const dbFile = join(work, 'import.faultline.db');
    const imported = await runIsolated('import', { dir, dbFile });
    const workspaceAfterImport = await workspaceBytes(dbFile);
    log('importing the rule exports alone …');
    const rulesDir = join(work, 'rules-only');
    await mkdir(rulesDir);
    let rulesBytes = 0;
    for (const name of ruleExports) {
      await copyFile(join(dir, name), join(rulesDir, name));
      await flushToDisk(join(rulesDir, name));
      rulesBytes += (await stat(join(rulesDir, name))).size;
    }
    const rulesOnly = await runIsolated('import', {
      dir: rulesDir,
      dbFile: join(work, 'rules.faultline.db'),
    });
    log('parsing the exports and nothing else …');
    const parseFloor = {
      estate: await runIsolated('parseFloor', { dir }),
      rulesOnly: await runIsolated('parseFloor', { dir: rulesDir }),
    };
    log('importing again, read and write phases apart …');
    const phases = await runIsolated('phases', { dir, dbFile: join(work, 'phases.faultline.db') });
    log('SQLite insert ceiling …');
    const sqliteCeiling = await runIsolated('sqlite', { dbFile: join(work, 'ceiling.db') });
    log('explained queries …');
    const analysis = await runIsolated('analysis', {
      dbFile,
      snapshotId: imported.snapshotId,
      seed: options.sizes.seed,
    });
    log('full graph …');
    const graph = await runIsolated('graph', { dbFile, snapshotId: imported.snapshotId });
    // Last of the measurements on this workspace: the views store their results in it.
    log('the app: views opened twice, and a what-if …');
    const snapshot = { dbFile, snapshotId: imported.snapshotId };
    const first = await runIsolated('views', snapshot);
    const workspaceAfterViews = await workspaceBytes(dbFile);
    const app = {
      first,
      later: await runIsolated('views', snapshot),
      whatIf: await runIsolated('whatIf', snapshot),
      compare: await compareWithLaterExport(dir, work, dbFile, imported.snapshotId, log),
    };
    log(`flow logs, ${options.flowLogLines} lines …`);
    const flowLogs = await runIsolated('flowLogs', { lines: options.flowLogLines });
    const seconds = imported.importMs / 1000;
    const highest = highestPeakRss([
      ['the import', imported.peakRssMb],
      ['the explained queries', analysis.peakRssMb],
      ['the full graph', graph.peakRssMb],
      ['the views, first opening', first.peakRssMb],
      ['the views, read back', app.later.peakRssMb],
      ['the what-ifs', app.whatIf.peakRssMb],
      ['the compare', app.compare.peakRssMb],
      ['the flow logs', flowLogs.peakRssMb],
    ]);
    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: describeMachine(),
      sizes: options.sizes,
      generation: { ms: generation.ms, bytes: generation.value.bytes, files: generation.value.files.length },
      workspace: { afterImportBytes: workspaceAfterImport, afterViewsBytes: workspaceAfterViews },
      import: {
        ...imported,
        rulesPerSecond: imported.rules / seconds,
        enisPerSecond: imported.enis / seconds,
        megabytesPerSecond: generation.value.bytes / 1024 ** 2 / seconds,
      },
      rulesOnly: {
        ...rulesOnly,
        rulesPerSecond: rulesOnly.rules / (rulesOnly.importMs / 1000),
        megabytesPerSecond: rulesBytes / 1024 ** 2 / (rulesOnly.importMs / 1000),
      },
      parseFloor,
      phases,
      sqliteCeiling,
      analysis,
      graph,
      app,
      flowLogs,
      highestPeakRss: highest,
      targetsMet: {
        importRulesPerSecond: imported.rules / seconds >= targets.importRulesPerSecond,
        peakRss: highest.mb < targets.peakRssMb,
        queryP99: analysis.queryP99Ms < targets.queryMs,
        fullGraph: graph.graphMs < targets.fullGraphMs,
        flowLogLinesPerSecond: flowLogs.linesPerSecond >= targets.flowLogLinesPerSecond,
      },
    };
    process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exitCode = 1;
});

/** The estate exported again a week later (estate/laterExport.ts), imported and compared with it. */
async function compareWithLaterExport(
  dir: string,
  work: string,
  dbFile: string,
  older: number,
  log: (line: string) => void,
): Promise<CompareFigures> {
  log('a later export, imported and compared …');
  const laterDir = join(work, 'later');
  await mkdir(laterDir);
  await writeLaterExport(dir, laterDir);
  const later = await runIsolated('import', { dir: laterDir, dbFile });
  return runIsolated('compare', { dbFile, older, newer: later.snapshotId });
}

/** The workspace file and its write-ahead log: what the snapshot costs on disk. */
async function workspaceBytes(dbFile: string): Promise<number> {
  const sizes = await Promise.all(
    [dbFile, `${dbFile}-wal`].map((file) =>
      stat(file).then(
        (found) => found.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
