import { BadInputError } from '../domain/errors';
import type { Estate } from '../domain/estate';
import type { FileOutcome, ImportProgress } from '../domain/importReport';
import { throttledProgress } from '../domain/progress';
import { FileBuffers } from '../input/fileBuffers';
import {
  type Divert,
  type ImportInput,
  type InputFile,
  listFiles,
  type ReadFile,
  readAhead,
} from '../input/importInput';
import { JsonCursor } from '../input/jsonCursor';
import { childPath } from '../input/jsonPath';
import { topLevelMembers } from '../input/jsonStream';
import { looksLikeJson, parseWholeJson } from '../input/jsonText';
import { type ImportLimits, resolveLimits } from '../input/limits';
import { Sha256Thread } from '../input/sha256Thread';
import { asUtf8 } from '../input/textEncoding';
import { exportAt, noExportReason, notAnObjectReason } from './detect';
import { type AwsExport, type Draft, emptyDraft } from './draft';
import { idsInFileName } from './idInFileName';
import { linkEstate } from './linkEstate';

export interface ReadAwsExportOptions {
  readonly limits?: Partial<ImportLimits>;
  readonly onProgress?: (progress: ImportProgress) => void;
  /**
   * Offered every file that is not an AWS export before it is skipped: returns the kind of file it
   * takes (a catalog, flow logs...) or null. What it takes is reported imported, with 0 records
   * until its own reader counts them.
   */
  readonly claim?: (file: InputFile) => string | null;
  /** Takes files on disk away before they are read, for readers that stream them (see listFiles). */
  readonly divert?: Divert;
  /**
   * Told of every file found to be an AWS export, with its sha256 to come, before its records are
   * read. It may go on reading `file.data` until the promise it returns settles; after that, later
   * files are read into the same memory.
   */
  readonly onExport?: (file: InputFile, sha256: Promise<string>) => Promise<unknown> | undefined;
}

type Verdict = Pick<FileOutcome, 'status' | 'kind' | 'records' | 'reason'>;

/**
 * Reads `aws ec2 describe-*` JSON output from files, folders, zips or bytes into one Estate.
 * Every file gets an outcome; anything wrong with the input throws a BadInputError naming the file
 * and place, carrying the outcomes so far.
 */
export async function readAwsExport(
  inputs: ImportInput[],
  options: ReadAwsExportOptions = {},
): Promise<{ estate: Estate; files: FileOutcome[] }> {
  const limits = resolveLimits(options.limits);
  const report = throttledProgress(options.onProgress);
  const total = inputs.length;
  const listed = await listFiles(
    inputs,
    limits,
    (file, inputIndex) => report({ phase: 'reading', file: file.name, done: inputIndex, total }),
    options.divert,
  ).catch((error: unknown) => {
    throw refusedWhileReading(error);
  });
  report({ phase: 'reading', file: null, done: total, total }, true);

  const buffers = FileBuffers.for(listed);
  const hashes = new Sha256Thread();
  if (buffers.shares) hashes.prepare();
  try {
    const reading = readAhead(listed, { buffers, digest: (data) => hashes.digest(data) });
    return await readFiles(reading, listed.length, buffers, report, options);
  } finally {
    await hashes.stop();
  }
}

/** Each file read, examined and given back, then the whole export linked. */
async function readFiles(
  reading: AsyncGenerator<ReadFile>,
  count: number,
  buffers: FileBuffers,
  report: (progress: ImportProgress, force?: boolean) => void,
  options: ReadAwsExportOptions,
): Promise<{ estate: Estate; files: FileOutcome[] }> {
  const draft = emptyDraft();
  const commands = new Set<string>();
  const earlier = new EarlierFiles();
  const files: FileOutcome[] = [];
  // Files claimed for reading after the import (catalogs, manifests): unread if the import fails.
  const later = new Set<string>();
  for (let index = 0; ; index++) {
    const next = await reading.next().catch((error: unknown) => {
      throw refusedWhileReading(error, unreadOnFailure(files, later));
    });
    if (next.done) break;
    const file = next.value;
    // Read as UTF-8; the hash, the kept copy and the size are the bytes as exported.
    const text = { ...file, data: asUtf8(file.name, file.data) };
    report({ phase: 'parsing', file: file.name, done: index, total: count });
    const sameContentAs = await earlier.withSameContent(file);
    const base = async () => ({
      file: file.name,
      sha256: await file.sha256,
      size: file.data.byteLength,
      place: null,
    });
    // What onExport still does with the bytes once the file is examined (a kept copy compressed).
    let stillRead: Promise<unknown> | undefined;
    let claimed = false;
    try {
      const found = () => {
        stillRead = options.onExport?.(file, file.sha256);
      };
      // A claimed file's bytes are read after the import (catalogs, manifests), so they are theirs.
      const claim = (candidate: InputFile) => {
        const kind = options.claim?.(candidate) ?? null;
        claimed = kind !== null;
        return kind;
      };
      const progress = withinFile(report, file, index, count);
      const verdict = examine(text, sameContentAs, draft, commands, claim, found, progress);
      files.push({ ...(await base()), ...verdict });
      if (claimed) later.add(file.name);
      // The hashing thread is done with these bytes: base() waited for the hash above.
      if (!claimed) buffers.giveBack(file.data, stillRead);
    } catch (error) {
      throw withOutcomes(error, [
        ...unreadOnFailure(files, later),
        { ...(await base()), status: 'error', kind: null, records: 0, reason: null },
      ]);
    }
    earlier.add(file);
  }
  report({ phase: 'parsing', file: null, done: count, total: count }, true);

  report({ phase: 'checking', file: null, done: 0, total: 1 }, true);
  try {
    return { estate: linkEstate(draft, commands), files };
  } catch (error) {
    throw withOutcomes(error, unreadOnFailure(files, later));
  }
}

/** A claimed file is read only once the export is; an import refused before then never read it. */
function unreadOnFailure(files: readonly FileOutcome[], later: ReadonlySet<string>): FileOutcome[] {
  return files.map((outcome) =>
    later.has(outcome.file)
      ? { ...outcome, status: 'skipped', records: 0, reason: 'not read: the import was refused first' }
      : outcome,
  );
}

function examine(
  file: InputFile,
  sameContentAs: string | undefined,
  draft: Draft,
  commands: Set<string>,
  claim: ReadAwsExportOptions['claim'],
  found: () => void,
  progress: (offset: number) => void,
): Verdict {
  if (file.skipReason !== null) return skipped(file.skipReason);
  // The same export given twice (a folder and its zip) would otherwise fail as duplicate ids.
  if (sameContentAs !== undefined) return skipped(`same content as ${sameContentAs}, which is read instead`);
  // Only a file that is no AWS export is offered: the others are read here, without a second look.
  if (!looksLikeJson(file.name, file.data)) {
    return claimed(file, claim) ?? skipped(notJsonReason(file));
  }
  const members = topLevelMembers(file.name, file.data, progress);
  if (members === null) {
    const document = parseWholeJson(file.name, file.data);
    return claimed(file, claim) ?? skipped(notAnObjectReason(document));
  }
  // Each list is read as the file is, so a large export is never one tree in memory (jsonStream.ts).
  const keys: string[] = [];
  const read: AwsExport[] = [];
  let records = 0;
  for (const { key, value } of members) {
    keys.push(key);
    const reader = exportAt(key);
    if (reader === null) continue;
    const path = childPath('$', key);
    if (read.includes(reader)) {
      throw new BadInputError(
        `${file.name} ${path}: ${key} appears twice at the top level; JSON would keep only the last, so neither is read`,
        file.name,
        path,
      );
    }
    if (read.length === 0) found();
    read.push(reader);
    records += reader.read(JsonCursor.root(file.name, value, path), draft);
    commands.add(reader.command);
  }
  if (read.length === 0) return claimed(file, claim) ?? skipped(noExportReason(keys));
  // Two lists of one output (search-transit-gateway-routes' routes and its cut flag) are one kind.
  const kind = [...new Set(read.map((reader) => reader.command))].join(', ');
  return { status: 'imported', kind, records, reason: null };
}

/**
 * Why a file that is not JSON is skipped. YAML whose top level holds a describe-* list (`Vpcs:`) is
 * what `aws … --output yaml` prints, and the fix is the same command with `--output json`; other
 * YAML is none of the YAML kinds the other readers take, which is what its reason says.
 */
function notJsonReason(file: InputFile): string {
  // A table or a YAML file is not meant as an AWS export: say what such files are read as.
  if (/\.csv$/i.test(file.name)) {
    return 'a CSV Faultline does not read: a dependencies file has a header naming service and depends_on';
  }
  const reason = 'not JSON: Faultline reads the JSON output of aws ec2 describe-* commands';
  const head = new TextDecoder().decode(file.data.subarray(0, 4096));
  const key = /^([A-Z][A-Za-z]+):/m.exec(head)?.[1];
  const command = key === undefined ? undefined : exportAt(key)?.command;
  if (command !== undefined)
    return `${reason}; this looks like ${command} printed with --output yaml (${key}:): export it with --output json`;
  // The YAML Faultline reads was offered to its readers before this, and none recognised it.
  return /\.ya?ml$/i.test(file.name)
    ? 'YAML, but none that Faultline reads: not Kubernetes objects (top-level apiVersion: and kind:), a Backstage catalog or a dependencies file'
    : reason;
}

/**
 * The files examined so far, to skip one given twice (a folder and its zip), which would otherwise
 * fail as duplicate ids. Only a file of the same size can have the same bytes, so a file's hash is
 * waited for only then: hashing goes on beside the parse instead of before it. Outputs that take their
 * id from the file's name are the same only under names carrying the same ids.
 */
class EarlierFiles {
  private readonly bySize = new Map<number, { name: string; ids: string; sha256: Promise<string> }[]>();

  add(file: ReadFile): void {
    const size = file.data.byteLength;
    const same = this.bySize.get(size);
    const entry = { name: file.name, ids: namedIds(file.name), sha256: file.sha256 };
    if (same) same.push(entry);
    else this.bySize.set(size, [entry]);
  }

  /** The first earlier file with the same bytes, if any. */
  async withSameContent(file: ReadFile): Promise<string | undefined> {
    const same = this.bySize.get(file.data.byteLength)?.filter(({ ids }) => ids === namedIds(file.name));
    if (same === undefined || same.length === 0) return undefined;
    const sha256 = await file.sha256;
    for (const candidate of same) if ((await candidate.sha256) === sha256) return candidate.name;
    return undefined;
  }
}

const namedIds = (name: string) => [...idsInFileName(name)].sort().join(' ');

/** Files this large report how far into them the parse is; smaller ones are done before it would show. */
const reportedFileBytes = 16 * 1024 * 1024;

function withinFile(
  report: (progress: ImportProgress) => void,
  file: InputFile,
  index: number,
  total: number,
): (offset: number) => void {
  const size = file.data.byteLength;
  if (size < reportedFileBytes) return () => {};
  return (offset) =>
    report({
      phase: 'parsing',
      file: file.name,
      done: index,
      total,
      fileBytes: { done: offset, total: size },
    });
}

function claimed(file: InputFile, claim: ReadAwsExportOptions['claim']): Verdict | null {
  const kind = claim?.(file) ?? null;
  return kind === null ? null : { status: 'imported', kind, records: 0, reason: null };
}

function skipped(reason: string): Verdict {
  return { status: 'skipped', kind: null, records: 0, reason };
}

/**
 * A file refused while reading has no outcome yet, nor a hash: its bytes were never all read. It fails
 * the import after the outcomes of the files read before it.
 */
function refusedWhileReading(error: unknown, before: readonly FileOutcome[] = []): unknown {
  if (!(error instanceof BadInputError)) return error;
  const outcome: FileOutcome = {
    file: error.file ?? '',
    status: 'error',
    kind: null,
    records: 0,
    sha256: '',
    size: 0,
    reason: null,
    place: null,
  };
  return withOutcomes(error, [...before, outcome]);
}

/** Marks the failing file's outcome as the error and attaches the outcomes so far. */
function withOutcomes(error: unknown, outcomes: readonly FileOutcome[]): unknown {
  if (!(error instanceof BadInputError)) return error;
  const files = outcomes.map((outcome) =>
    outcome.file === error.file
      ? { ...outcome, status: 'error' as const, reason: error.message, place: error.place }
      : outcome,
  );
  return new BadInputError(error.message, error.file, error.place, files);
}
