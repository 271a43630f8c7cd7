import type { ObservedFlow } from '../domain/applications';
import { BadInputError } from '../domain/errors';
import type { FileOutcome, ImportProgress } from '../domain/importReport';
import type { ImportInput } from '../input/importInput';
import { ByteBudget, type ImportLimits, resolveLimits } from '../input/limits';
import type { AddressSet } from './addressSet';
import { ConversationTable } from './conversations';
import { type StreamedFile, type StreamGuards, streamText } from './fileStream';
import { FlowLogFile } from './flowLogFile';
import { LineSplitter } from './lines';
import {
  defaultMalformedThreshold,
  isOverThreshold,
  type MalformedLine,
  type MalformedThreshold,
  malformedSampleSize,
} from './malformed';
import { ThrottledProgress } from './progress';
import { type FlowLogSource, listSources } from './sources';

export interface ReadFlowLogsOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly malformedThreshold?: Partial<MalformedThreshold>;
  readonly limits?: Partial<ImportLimits>;
  /** Bytes the import read before the flow logs, which count toward its total. */
  readonly bytesReadBefore?: number;
  /**
   * Addresses that workloads of several VPCs hold: the conversations of a record naming one are kept
   * per interface that logged it (`interfaceId`), which tells whose address it is.
   */
  readonly ambiguousAddresses?: AddressSet;
}

export interface FlowLogRead {
  readonly flows: ObservedFlow[];
  readonly files: FileOutcome[];
  /** The first malformedSampleSize malformed lines; malformedCount counts them all. */
  readonly malformed: MalformedLine[];
  readonly malformedCount: number;
  /** NODATA and SKIPDATA records: the interface had nothing to log, or AWS could not log it. */
  readonly skippedRecords: number;
  /** Data lines read, header lines aside. */
  readonly lines: number;
}

export const flowLogKind = 'vpc-flow-logs';

/**
 * Reads VPC flow logs into conversations, streaming file by file. Malformed lines are skipped and
 * reported; a file with more of them than the threshold fails the whole read, since it is likely
 * the wrong file, and half-reading it would be silent damage. See docs/flow-logs.md.
 */
export async function readFlowLogs(
  inputs: readonly ImportInput[],
  options: ReadFlowLogsOptions = {},
): Promise<FlowLogRead> {
  const limits = resolveLimits(options.limits);
  const threshold = { ...defaultMalformedThreshold, ...options.malformedThreshold };
  const sources = await listSources(inputs);
  const progress = new ThrottledProgress(
    options.onProgress,
    sources.reduce((sum, source) => sum + source.size, 0),
  );
  const budget = new ByteBudget(limits);
  budget.take('the exports before the flow logs', options.bytesReadBefore ?? 0);
  const table = new ConversationTable();
  const files: FileOutcome[] = [];
  const malformed: MalformedLine[] = [];
  let malformedCount = 0;
  let skippedRecords = 0;
  let lines = 0;
  for (const source of sources) {
    const guards = { limits, budget, onStoredBytes: (bytes: number) => progress.advance(source.name, bytes) };
    const file = new FlowLogFile(
      source.name,
      table,
      (line) => {
        malformedCount++;
        if (malformed.length < malformedSampleSize) malformed.push(line);
      },
      options.ambiguousAddresses,
    );
    const outcome = fileOutcome(source, await readFile(source, guards, file, files), file);
    if (isOverThreshold(file.malformedLines, file.dataLines, threshold))
      throw tooMalformed(file, outcome, files);
    files.push(outcome);
    skippedRecords += file.noDataRecords;
    lines += file.dataLines;
  }
  progress.finish();
  return { flows: table.finish(), files, malformed, malformedCount, skippedRecords, lines };
}

async function readFile(
  source: FlowLogSource,
  guards: StreamGuards,
  file: FlowLogFile,
  files: FileOutcome[],
): Promise<StreamedFile> {
  const splitter = new LineSplitter((text, start, end) => file.line(text, start, end));
  try {
    const streamed = await streamText(source, guards, (chunk) => splitter.push(chunk));
    splitter.end();
    return streamed;
  } catch (error) {
    const refused = error instanceof BadInputError ? error : brokenOff(source, file, error as Error);
    files.push({
      file: source.name,
      status: 'error',
      kind: null,
      records: 0,
      sha256: '',
      size: source.size,
      reason: refused.message,
      place: refused.place,
    });
    throw new BadInputError(refused.message, refused.file, refused.place, files);
  }
}

/**
 * A damaged gzip breaks off mid-file: the place is the line its inflated text broke off in (the
 * lines before it were read whole).
 */
function brokenOff(source: FlowLogSource, file: FlowLogFile, error: Error): BadInputError {
  const place = `line ${file.linesRead + 1}`;
  return new BadInputError(
    `cannot read ${source.name}: it breaks off in ${place}, after ${file.linesRead} whole line${file.linesRead === 1 ? '' : 's'}: ${error.message}`,
    source.name,
    place,
  );
}

/**
 * What became of the file; an imported file counts only its records, and says how many lines it
 * skipped as malformed (and where the first is, as docs/flow-logs.md promises) and how many NODATA
 * and SKIPDATA records it held.
 */
function fileOutcome(source: FlowLogSource, { sha256, gzip }: StreamedFile, file: FlowLogFile): FileOutcome {
  const skipReason = gzip ? gzipSkipReason(file) : file.skipReason;
  const first = file.firstMalformed;
  const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  // The malformed lines' note comes last: the outcome's place is the first of them.
  const notes = [
    ...(file.noDataRecords === 0
      ? []
      : [`${plural(file.noDataRecords, 'NODATA or SKIPDATA record')} (nothing logged) not counted`]),
    ...(first === null
      ? []
      : [
          `${plural(file.malformedLines, 'line')} skipped as not flow-log records, the first: ${first.reason}`,
        ]),
  ];
  return {
    file: source.name,
    status: skipReason === null ? 'imported' : 'skipped',
    kind: skipReason === null ? flowLogKind : null,
    records: file.dataLines - file.malformedLines - file.noDataRecords,
    sha256,
    size: source.size,
    reason: skipReason ?? (notes.length === 0 ? null : notes.join('; ')),
    // A skip reason names its line itself where it has one (an empty gzip has none).
    place: skipReason === null && first !== null ? `line ${first.line}` : null,
  };
}

/**
 * Every gzip is offered to this reader, the only one of gzip files: one that is no flow log says so,
 * and that no other reader would take it gzipped.
 */
function gzipSkipReason(file: FlowLogFile): string | null {
  const reason = file.skipReason;
  if (reason === null) return null;
  if (file.linesRead === 0) return 'an empty gzip: it inflates to no text';
  return `${reason}; Faultline reads no gzip file but a flow log: gunzip any other file first`;
}

function tooMalformed(file: FlowLogFile, outcome: FileOutcome, files: FileOutcome[]): BadInputError {
  const first = file.firstMalformed as MalformedLine;
  const reason =
    `${first.file}: ${file.malformedLines} of ${file.dataLines} lines are not flow-log records, ` +
    `too many for a damaged log; is it the right file? First at line ${first.line}: ${first.reason}`;
  const place = `line ${first.line}`;
  files.push({ ...outcome, status: 'error', kind: null, reason, place });
  return new BadInputError(reason, first.file, place, files);
}
