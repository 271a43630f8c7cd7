import { BadInputError } from '../domain/errors';
import { CsvSyntaxError, parseCsv } from '../input/csv';
import { yamlDocuments } from './yamlDocuments';

/** The columns of a dependencies file; only service is required in every row. */
export const dependencyColumns = ['service', 'depends_on', 'protocol', 'port', 'owner'] as const;
export type DependencyColumn = (typeof dependencyColumns)[number];

/** One row of a dependencies file, whichever format it came in, with the line it starts on. */
export interface DependencyRow {
  readonly line: number;
  readonly values: Partial<Record<DependencyColumn, string>>;
}

export function refuseLine(file: string, line: number, problem: string): BadInputError {
  const place = `line ${line}`;
  return new BadInputError(`${file} ${place}: ${problem}`, file, place);
}

function isColumn(name: string): name is DependencyColumn {
  return (dependencyColumns as readonly string[]).includes(name);
}

/** Unknown columns are refused, not ignored: a misspelt `dependson` would drop every dependency. */
function checkColumns(file: string, line: number, names: readonly string[]): DependencyColumn[] {
  const unknown = names.filter((name) => !isColumn(name));
  if (unknown.length > 0) {
    throw refuseLine(
      file,
      line,
      `unknown column ${unknown.join(', ')}; the columns are ${dependencyColumns.join(', ')}`,
    );
  }
  return names.filter(isColumn);
}

export function readCsvTable(file: string, text: string): DependencyRow[] {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw refuseLine(file, error.line, error.message);
    throw error;
  }
  const [header, ...body] = rows;
  if (header === undefined) return [];
  const columns = checkColumns(
    file,
    header.line,
    header.fields.map((field) => field.toLowerCase()),
  );
  const repeated = columns.find((column, index) => columns.indexOf(column) !== index);
  if (repeated !== undefined) throw refuseLine(file, header.line, `the column ${repeated} appears twice`);
  if (!columns.includes('service') || !columns.includes('depends_on')) {
    throw refuseLine(file, header.line, 'the header must name the columns service and depends_on');
  }
  return body.map(({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw refuseLine(
        file,
        line,
        `${fields.length} fields where the header names ${columns.length} columns`,
      );
    }
    return { line, values: Object.fromEntries(columns.map((column, index) => [column, fields[index]])) };
  });
}

/** `dependencies: [{ service, depends_on, protocol, port, owner }]` in a single YAML document. */
export function readYamlTable(file: string, text: string): DependencyRow[] {
  const [document, second] = [...yamlDocuments(file, text)];
  if (second !== undefined)
    throw refuseLine(file, second.lineAt([]) ?? 1, 'a dependencies file holds one document');
  const list = (document?.value as { dependencies?: unknown } | null | undefined)?.dependencies;
  if (!Array.isArray(list)) {
    const line = document?.lineAt(list === undefined ? [] : ['dependencies']) ?? 1;
    throw refuseLine(file, line, 'expected a list under the key dependencies');
  }
  return list.map((item: unknown, index) => {
    const line = document?.lineAt(['dependencies', index]) ?? 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw refuseLine(
        file,
        line,
        'a dependency is a mapping of service, depends_on, protocol, port and owner',
      );
    }
    const entries = Object.entries(item);
    checkColumns(
      file,
      line,
      entries.map(([key]) => key),
    );
    return {
      line,
      values: Object.fromEntries(entries.map(([key, value]) => [key, scalarText(file, line, key, value)])),
    };
  });
}

function scalarText(file: string, line: number, key: string, value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  // YAML's .nan and .inf are numbers too, and would become a service named "NaN".
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw refuseLine(file, line, `${key} must be text or a number`);
}
