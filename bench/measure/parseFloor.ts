import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ParseFloorFigures {
  readonly ms: number;
  readonly bytes: number;
}

/**
 * Reading each export file and `JSON.parse` of its text, and nothing else: no import can take less
 * time than this, since every byte of an export must be parsed to be checked. Run in a fresh process
 * as the import is, so it starts as cold as the import does; reading is included, as the import's.
 */
export async function measureParseFloor(dir: string): Promise<ParseFloorFigures> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const start = performance.now();
  let bytes = 0;
  for (const name of names) {
    const data = await readFile(join(dir, name));
    bytes += data.byteLength;
    JSON.parse(data.toString('utf8'));
  }
  return { ms: performance.now() - start, bytes };
}
