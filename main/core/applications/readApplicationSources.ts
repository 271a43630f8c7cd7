import { open } from 'node:fs/promises';
import {
  looksLikeCatalog,
  looksLikeDependenciesFile,
  readCatalogFiles,
  readDependenciesFile,
} from '../catalog/index';
import type { ApplicationSources } from '../domain/applications';
import type { FileOutcome, ImportProgress } from '../domain/importReport';
import {
  flowLogKind,
  isGzip,
  looksLikeFlowLog,
  type ReadFlowLogsOptions,
  readFlowLogs,
} from '../flowlogs/index';
import { headText } from '../input/textEncoding';

export const catalogKind = 'backstage-catalog';
export const dependenciesFileKind = 'dependencies-file';
export type ApplicationFileKind = typeof catalogKind | typeof dependenciesFileKind | typeof flowLogKind;

interface NamedBytes {
  readonly name: string;
  readonly data: Uint8Array;
}

const sniffBytes = 64 * 1024;

/** The first bytes of a file on disk, enough for classifyApplicationFile. */
export async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(sniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, sniffBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What kind of application source a file is, from its content, or null when it is none. */
export function classifyApplicationFile(file: NamedBytes): ApplicationFileKind | null {
  // Faultline reads no gzip but a flow log, so every gzip is the flow-log reader's: it reads one,
  // refuses a damaged one naming the line where it breaks off, and says why another is no flow log.
  // Told by its inflated start until 2026-12-08, a gzip damaged there was skipped as "not JSON".
  if (isGzip(file.data)) return flowLogKind;
  const text = headText(file.data.subarray(0, sniffBytes));
  // JSON is the AWS export's: checking it with the YAML reader would cost time for nothing.
  if (/^\s*[[{]/.test(text)) return null;
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  if (looksLikeFlowLog(firstLine)) return flowLogKind;
  if (looksLikeCatalog(text)) return catalogKind;
  if (looksLikeDependenciesFile(file.name, text)) return dependenciesFileKind;
  return null;
}

/**
 * Reads the files an import classified as application sources: those it read (with their bytes) and
 * the flow logs it left on disk to stream. Returns what they say, the outcomes of the streamed files,
 * and per read file the record count its reader found (the import reported them with 0 until now).
 */
export async function readApplicationSources(
  files: readonly (NamedBytes & { readonly kind: ApplicationFileKind })[],
  flowLogPaths: readonly { readonly path: string; readonly name: string }[] = [],
  onProgress?: (progress: ImportProgress) => void,
  /**
   * The import's limits, the bytes it read before, which the streamed flow logs count on from, and
   * the addresses of its estate whose records must keep their interface.
   */
  limits: Pick<ReadFlowLogsOptions, 'limits' | 'bytesReadBefore' | 'ambiguousAddresses'> = {},
): Promise<{
  sources: ApplicationSources;
  records: Map<string, number>;
  notes: Map<string, FileNote>;
  streamed: FileOutcome[];
}> {
  const records = new Map<string, number>();
  const catalog = readCatalogFiles(files.filter((f) => f.kind === catalogKind));
  for (const item of [...catalog.services, ...catalog.dependencies, ...catalog.providedApis]) {
    records.set(item.source.file, (records.get(item.source.file) ?? 0) + 1);
  }
  // Not an error (the provider's file may come later), but a dependency the model lacks: said at once.
  const notes = new Map<string, FileNote>();
  for (const { api, consumer, source } of catalog.unresolved) {
    const note = `${consumer} consumes ${api}, which no catalog file provides (${source.path})`;
    const before = notes.get(source.file);
    notes.set(source.file, {
      reason: before === undefined ? note : `${before.reason}; ${note}`,
      place: null,
    });
  }
  const tables = files.filter((f) => f.kind === dependenciesFileKind).map((f) => readDependenciesFile(f));
  for (const item of tables.flatMap((t) => t.dependencies)) {
    records.set(item.source.file, (records.get(item.source.file) ?? 0) + 1);
  }
  const inMemory = files.filter((f) => f.kind === flowLogKind);
  const flowLogs = await readFlowLogs(
    [
      ...inMemory.map((f) => ({ kind: 'bytes' as const, name: f.name, data: f.data })),
      ...flowLogPaths.map((f) => ({ kind: 'path' as const, path: f.path, name: f.name })),
    ],
    { ...limits, ...(onProgress ? { onProgress } : {}) },
  );
  const streamedNames = new Set(flowLogPaths.map((f) => f.name));
  for (const outcome of flowLogs.files) {
    records.set(outcome.file, outcome.records);
    // Streamed files keep their whole outcome; a log read from memory (dropped on the window, in a
    // zip) keeps its note on skipped lines here, or the app's Reason column would be empty.
    if (!streamedNames.has(outcome.file) && outcome.reason !== null)
      notes.set(outcome.file, { reason: outcome.reason, place: outcome.place });
  }
  return {
    sources: {
      services: [...catalog.services, ...tables.flatMap((t) => t.services)],
      dependencies: [...catalog.dependencies, ...tables.flatMap((t) => t.dependencies)],
      providedApis: catalog.providedApis,
      unresolvedApis: catalog.unresolved,
      flows: flowLogs.flows,
    },
    records,
    notes,
    streamed: flowLogs.files.filter((outcome) => streamedNames.has(outcome.file)),
  };
}

/** The import's outcomes with each application file's record count, and any note on it, filled in. */
export function withRecordCounts(
  outcomes: readonly FileOutcome[],
  records: ReadonlyMap<string, number>,
  notes: ReadonlyMap<string, FileNote> = new Map(),
): FileOutcome[] {
  return outcomes.map((outcome) => {
    const count = records.get(outcome.file);
    const note = notes.get(outcome.file);
    return {
      ...outcome,
      ...(count === undefined ? {} : { records: count }),
      ...(note === undefined ? {} : note),
    };
  });
}

/** What an imported application file's outcome says of it: what was left out, and where. */
export interface FileNote {
  readonly reason: string;
  readonly place: string | null;
}
