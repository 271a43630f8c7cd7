/**
 * RFC 4180 CSV: comma-separated, fields optionally quoted, `""` inside quotes is a quote, quoted
 * fields may span lines. Rows carry the line they start on, so errors can name it.
 */
export interface CsvRow {
  /** 1-based line number in the file where the row starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    fields.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    // A blank line is no row; a row of empty fields (",,") is one.
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
  };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      if (field.trim() !== '') throw new CsvSyntaxError(`a quote inside an unquoted field`, line);
      field = '';
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else if (wasQuoted) {
      if (c !== ' ' && c !== '\t') throw new CsvSyntaxError('text after a closing quote', line);
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvSyntaxError('a quoted field is not closed', rowLine);
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
