import { BadInputError } from '../domain/errors';
import type { DependenciesFileContents, InputFile } from './contents';
import { readDependencyRows } from './dependencyRows';
import { readCsvTable, readYamlTable } from './dependencyTable';
import { looksLikeCatalog } from './entity';
import { decodeText } from './text';

type Format = 'csv' | 'yaml';

/** The header's column names, read loosely: this only decides whether to try the file. */
function csvHeader(text: string): string[] {
  const [first = ''] = text.replace(/^\ufeff/, '').split(/\r?\n/, 1);
  return first.split(',').map((name) => name.trim().replace(/^"|"$/g, '').toLowerCase());
}

/**
 * A CSV whose header names service and depends_on, or a YAML file with a top-level `dependencies`
 * key that is not a Backstage catalog. Anything else is not a dependencies file and is skipped.
 */
function formatOf(name: string, text: string): Format | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) {
    const header = csvHeader(text);
    return header.includes('service') && header.includes('depends_on') ? 'csv' : null;
  }
  if (/\.ya?ml$/.test(lower))
    return /^dependencies\s*:/m.test(text) && !looksLikeCatalog(text) ? 'yaml' : null;
  return null;
}

export function looksLikeDependenciesFile(name: string, text: string): boolean {
  return formatOf(name, text) !== null;
}

export function readDependenciesFile(file: InputFile): DependenciesFileContents {
  const text = decodeText(file.name, file.data);
  const format = formatOf(file.name, text);
  if (format === null) {
    throw new BadInputError(
      `${file.name} is not a dependencies file: expected a .csv with the header service,depends_on,protocol,port,owner or a .yaml with a dependencies list`,
      file.name,
    );
  }
  const rows = format === 'csv' ? readCsvTable(file.name, text) : readYamlTable(file.name, text);
  return readDependencyRows(file.name, rows);
}
