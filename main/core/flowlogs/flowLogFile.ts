import type { AddressSet } from './addressSet';
import type { ConversationTable } from './conversations';
import { defaultLayout, type FlowLogLayout, fieldsLacking, layoutFromHeader } from './layout';
import type { MalformedLine } from './malformed';
import { emptyRecord, RecordParser } from './record';

interface FirstLine {
  readonly layout: FlowLogLayout;
  /** False when the first line is already a record of the default format. */
  readonly isHeader: boolean;
}

function readFirstLine(line: string): FirstLine | null {
  const layout = layoutFromHeader(line);
  if (layout !== null) return { layout, isHeader: true };
  // The version field keeps a 14-column line of some other file from passing for a record.
  if (!line.startsWith('2 ')) return null;
  const outcome = new RecordParser(defaultLayout).parse(line, 0, line.length, emptyRecord());
  return outcome === 'ok' || outcome === 'no-data' ? { layout: defaultLayout, isHeader: false } : null;
}

/**
 * Whether a file starting with this line is a flow log: a header naming the fields, or a version 2
 * record; or is meant as one, its header lacking a field, which its reader then names.
 */
export function looksLikeFlowLog(firstLine: string): boolean {
  const line = firstLine.replace(/\r$/, '');
  return readFirstLine(line) !== null || fieldsLacking(line) !== null;
}

const notAFlowLog =
  'not a VPC flow log: line 1 is neither a header naming srcaddr, dstaddr, srcport, dstport, protocol ' +
  'and action, nor a default-format (version 2) record';

function lacksFields(fields: readonly string[]): string {
  const listed =
    fields.length === 1 ? fields.join('') : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
  return `not a VPC flow log: its header (line 1) lacks ${listed} (a flow log names srcaddr, dstaddr, srcport, dstport, protocol and action)`;
}

/** The lines of one file, fed in order: tells the format from line 1, then parses records into the table. */
export class FlowLogFile {
  /** Lines after the header, blank lines aside, whatever became of them. */
  dataLines = 0;
  noDataRecords = 0;
  malformedLines = 0;
  firstMalformed: MalformedLine | null = null;
  private lineNumber = 0;
  private parser: RecordParser | null = null;
  /** Why line 1 made the file no flow log. */
  private notAFlowLog = notAFlowLog;
  private readonly record = emptyRecord();

  constructor(
    private readonly name: string,
    private readonly table: ConversationTable,
    private readonly onMalformed: (line: MalformedLine) => void,
    /** Addresses whose records keep their interface (RecordParser). */
    private readonly ambiguous: AddressSet | null = null,
  ) {}

  /** Lines seen so far, the header included: where a read that broke off got to. */
  get linesRead(): number {
    return this.lineNumber;
  }

  /** Why the file was not read as a flow log, or null when it was. */
  get skipReason(): string | null {
    if (this.lineNumber === 0) return 'the file is empty';
    return this.parser === null ? this.notAFlowLog : null;
  }

  line(text: string, start: number, end: number): void {
    const number = ++this.lineNumber;
    if (number === 1 && this.begin(text.slice(start, end))) return;
    if (this.parser === null || start === end) return;
    this.dataLines++;
    const outcome = this.parser.parse(text, start, end, this.record);
    if (outcome === 'ok') this.table.add(this.record);
    else if (outcome === 'no-data') this.noDataRecords++;
    else this.malformed({ file: this.name, line: number, reason: outcome.reason });
  }

  /** Sets the format from line 1; true when that line was a header, not data. */
  private begin(line: string): boolean {
    const first = readFirstLine(line);
    if (first === null) {
      const lacking = fieldsLacking(line);
      if (lacking !== null) this.notAFlowLog = lacksFields(lacking);
      return true;
    }
    this.parser = new RecordParser(first.layout, this.ambiguous);
    return first.isHeader;
  }

  private malformed(line: MalformedLine): void {
    this.malformedLines++;
    this.firstMalformed ??= line;
    this.onMalformed(line);
  }
}
