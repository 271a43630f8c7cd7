import { FileBuffers } from '../../main/core/input/fileBuffers';
import { listFiles, readAhead } from '../../main/core/input/importInput';
import { StreamedArray, topLevelMembers } from '../../main/core/input/jsonStream';
import { resolveLimits } from '../../main/core/input/limits';

export interface ParseFloorFigures {
  readonly ms: number;
  readonly bytes: number;
}

/**
 * Reading each export file and parsing it as the import does (the next file read while this one is
 * parsed, into memory used again, item by item, jsonStream.ts), and nothing else: no import can take
 * less time than this, since every byte of an export must be parsed to be checked. Run in a fresh
 * process as the import is, so it starts as cold as the import does.
 */
export async function measureParseFloor(dir: string): Promise<ParseFloorFigures> {
  const start = performance.now();
  let bytes = 0;
  const listed = await listFiles([{ kind: 'path', path: dir }], resolveLimits());
  const buffers = FileBuffers.for(listed);
  // Hashing is part of the import, not of reading and parsing.
  for await (const { name, data } of readAhead(listed, { buffers, digest: async () => '' })) {
    bytes += data.byteLength;
    for (const { value } of topLevelMembers(name, data) ?? []) {
      if (value instanceof StreamedArray) for (const _ of value.values());
    }
    buffers.giveBack(data);
  }
  return { ms: performance.now() - start, bytes };
}
