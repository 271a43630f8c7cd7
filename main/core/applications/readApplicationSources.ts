import { gunzipSync, constants as zlib } from 'node:zlib';
import {
  looksLikeCatalog,
  looksLikeDependenciesFile,
  readCatalogFiles,
  readDependenciesFile,
} from '../catalog/index';
import type { ApplicationSources } from '../domain/applications';
import type { FileOutcome } from '../domain/importReport';
import { flowLogKind, looksLikeFlowLog, readFlowLogs } from '../flowlogs/index';

export const catalogKind = 'backstage-catalog';
export const dependenciesFileKind = 'dependencies-file';
export type ApplicationFileKind = typeof catalogKind | typeof dependenciesFileKind | typeof flowLogKind;

interface NamedBytes {
  readonly name: string;
  readonly data: Uint8Array;
}

const sniffBytes = 64 * 1024;

/** The start of a file as text, unzipped when it is gzip: enough to tell what it is. */
function head(data: Uint8Array): string {
  const start = data.subarray(0, sniffBytes);
  const isGzip = start[0] === 0x1f && start[1] === 0x8b;
  // A partial flush returns what the first bytes inflate to, without needing the whole stream.
  const text = isGzip ? gunzipSync(start, { finishFlush: zlib.Z_SYNC_FLUSH }) : start;
  return new TextDecoder().decode(text);
}

/** What kind of application source a file is, from its content, or null when it is none. */
export function classifyApplicationFile(file: NamedBytes): ApplicationFileKind | null {
  let text: string;
  try {
    text = head(file.data);
  } catch {
    return null;
  }
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  if (looksLikeFlowLog(firstLine)) return flowLogKind;
  if (looksLikeCatalog(text)) return catalogKind;
  if (looksLikeDependenciesFile(file.name, text)) return dependenciesFileKind;
  return null;
}

/**
 * Reads the files an import classified as application sources. Returns what they say and, per file,
 * the record count its reader found (the import reported them with 0 until now).
 */
export async function readApplicationSources(
  files: readonly (NamedBytes & { readonly kind: ApplicationFileKind })[],
): Promise<{ sources: ApplicationSources; records: Map<string, number> }> {
  const records = new Map<string, number>();
  const catalog = readCatalogFiles(files.filter((f) => f.kind === catalogKind));
  for (const item of [...catalog.services, ...catalog.dependencies, ...catalog.providedApis]) {
    records.set(item.source.file, (records.get(item.source.file) ?? 0) + 1);
  }
  const tables = files.filter((f) => f.kind === dependenciesFileKind).map((f) => readDependenciesFile(f));
  for (const item of tables.flatMap((t) => t.dependencies)) {
    records.set(item.source.file, (records.get(item.source.file) ?? 0) + 1);
  }
  const logs = files.filter((f) => f.kind === flowLogKind);
  const flowLogs = await readFlowLogs(
    logs.map((f) => ({ kind: 'bytes' as const, name: f.name, data: f.data })),
  );
  for (const outcome of flowLogs.files) records.set(outcome.file, outcome.records);
  return {
    sources: {
      services: [...catalog.services, ...tables.flatMap((t) => t.services)],
      dependencies: [...catalog.dependencies, ...tables.flatMap((t) => t.dependencies)],
      providedApis: catalog.providedApis,
      flows: flowLogs.flows,
    },
    records,
  };
}

/** The import's outcomes with each application file's record count filled in. */
export function withRecordCounts(
  outcomes: readonly FileOutcome[],
  records: ReadonlyMap<string, number>,
): FileOutcome[] {
  return outcomes.map((outcome) => {
    const count = records.get(outcome.file);
    return count === undefined ? outcome : { ...outcome, records: count };
  });
}
