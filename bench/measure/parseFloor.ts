import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StreamedArray, topLevelMembers } from '../../main/core/input/jsonStream';

export interface ParseFloorFigures {
  readonly ms: number;
  readonly bytes: number;
}

/**
 * Reading each export file and parsing it as the import does (item by item, jsonStream.ts), and
 * nothing else: no import can take less time than this, since every byte of an export must be parsed
 * to be checked. Run in a fresh process as the import is, so it starts as cold as the import does;
 * reading is included, as the import's.
 */
export async function measureParseFloor(dir: string): Promise<ParseFloorFigures> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const start = performance.now();
  let bytes = 0;
  for (const name of names) {
    const data = await readFile(join(dir, name));
    bytes += data.byteLength;
    for (const { value } of topLevelMembers(name, data) ?? []) {
      if (value instanceof StreamedArray) for (const _ of value.values());
    }
  }
  return { ms: performance.now() - start, bytes };
}
