import { BadInputError } from '../domain/errors';
import type { DependenciesFileContents, InputFile } from './contents';
import { readDependencyRows } from './dependencyRows';
import { readCsvTable, readYamlTable } from './dependencyTable';
import { decodeText } from './text';

type Format = 'csv' | 'yaml';

const loose = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/**
 * A YAML dependencies file: `dependencies:` is its only top-level key. Helm's Chart.yaml (beside
 * `apiVersion`, `name`, `version`) and conda's environment.yml (beside `name`, `channels`) have a
 * top-level `dependencies:` too, of charts and packages: they are not this and are skipped, as is a
 * Backstage catalog.
 */
function isDependenciesYaml(text: string): boolean {
  const topLevelKeys = [...text.matchAll(/^([^\s#-][^:\n]*?)\s*:/gm)].map((match) => match[1]);
  return topLevelKeys.includes('dependencies') && topLevelKeys.every((key) => key === 'dependencies');
}

/**
 * The header's column names (the first line that is not blank, as the CSV reader has it), read
 * loosely: case, spaces, `-` and `_` dropped, so `Depends-On` is recognised and then refused by
 * the strict reader naming its line, rather than the file skipped with its dependencies.
 */
function csvHeader(text: string): string[] {
  const first =
    text
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .find((line) => line.trim() !== '') ?? '';
  return first.split(',').map((name) => loose(name.trim().replace(/^"|"$/g, '')));
}

/**
 * A CSV whose header names service and depends_on (spelled loosely), or a dependencies YAML.
 * Anything else is not a dependencies file and is skipped.
 */
function formatOf(name: string, text: string): Format | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) {
    const header = csvHeader(text);
    return header.includes('service') && header.includes(loose('depends_on')) ? 'csv' : null;
  }
  if (/\.ya?ml$/.test(lower)) return isDependenciesYaml(text) ? 'yaml' : null;
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
