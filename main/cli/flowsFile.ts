import { readFileSync } from 'node:fs';
import { BadInputError } from '../core/domain/errors';
import { CsvSyntaxError, parseCsv } from '../core/input/csv';
import { asUtf8 } from '../core/input/textEncoding';

const header = ['source', 'destination', 'protocol', 'port'] as const;

export interface FlowRow {
  readonly line: number;
  /** The row's fields as written, shown beside its verdict or its error. */
  readonly fields: readonly string[];
  readonly flow: { source: string; destination: string; protocol: string; port: number | null } | null;
  /** Why the row cannot be checked; the other rows still are. */
  readonly error: string | null;
}

/**
 * Reads FLOWS.csv (`-`: standard input, for a flow or two piped in): the header
 * `source,destination,protocol,port`, then one flow a row. A file that is not such a CSV is refused
 * whole; a bad row is reported on its own line and the rest still runs.
 */
export function readFlowsFile(path: string): FlowRow[] {
  const file = path === '-' ? 'standard input' : path;
  let data: Uint8Array;
  try {
    data = readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    throw new BadInputError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      file,
    );
  }
  // Saved by Windows PowerShell's `>`, it is UTF-16: read as every other input is.
  const text = new TextDecoder().decode(asUtf8(file, data));
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new BadInputError(`${file} is not valid CSV: ${error.message}`, file, `line ${error.line}`);
  }
  const [first, ...flows] = rows;
  const names = first?.fields.map((f) => f.toLowerCase());
  if (!names || names.join(',') !== header.join(',')) {
    throw new BadInputError(
      `${file} must start with the header "${header.join(',')}"${first ? `, found "${first.fields.join(',')}"` : ' (the file is empty)'}`,
      file,
      'line 1',
    );
  }
  return flows.map(({ line, fields }) => {
    if (fields.length !== header.length) {
      return { line, fields, flow: null, error: `expected ${header.length} fields, found ${fields.length}` };
    }
    const [source = '', destination = '', protocol = '', port = ''] = fields;
    const empty = source === '' ? 'source' : destination === '' ? 'destination' : null;
    if (empty !== null) return { line, fields, flow: null, error: `the ${empty} is empty` };
    if (port !== '' && !/^\d+$/.test(port))
      return { line, fields, flow: null, error: `port "${port}" is not a whole number` };
    return {
      line,
      fields,
      flow: { source, destination, protocol, port: port === '' ? null : Number(port) },
      error: null,
    };
  });
}
