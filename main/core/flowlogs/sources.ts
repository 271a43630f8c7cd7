import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { BadInputError } from '../domain/errors';
import { isHiddenName } from '../input/hiddenNames';
import type { ImportInput } from '../input/importInput';

/** One file to stream: named as a folder import names it (`export/AWSLogs/.../x.log.gz`). */
export interface FlowLogSource {
  readonly name: string;
  /** Bytes as stored, compressed or not: what progress counts. */
  readonly size: number;
  /** The first two bytes, enough to tell gzip by its magic number. */
  head(): Promise<Uint8Array>;
  open(): Readable;
}

/**
 * The files behind the inputs, in input order, folders walked recursively in name order without
 * hidden entries or symlinks (as listFiles does). Only sizes are read here: the content is
 * streamed later, one file at a time.
 */
export async function listSources(inputs: readonly ImportInput[]): Promise<FlowLogSource[]> {
  const sources: FlowLogSource[] = [];
  for (const input of inputs) {
    if (input.kind === 'bytes') sources.push(bytesSource(input.name, input.data));
    else await walk(input.path, input.name ?? basename(input.path), sources);
  }
  return sources;
}

async function walk(path: string, name: string, into: FlowLogSource[]): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    throw new BadInputError(`cannot read ${path}: ${(error as Error).message}`, name);
  });
  if (info.isFile()) {
    into.push(pathSource(path, name, info.size));
    return;
  }
  if (!info.isDirectory()) throw new BadInputError(`${path} is neither a file nor a folder`, name);
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (isHiddenName(entry.name) || !(entry.isFile() || entry.isDirectory())) continue;
    await walk(join(path, entry.name), `${name}/${entry.name}`, into);
  }
}

function bytesSource(name: string, data: Uint8Array): FlowLogSource {
  return {
    name,
    size: data.byteLength,
    head: async () => data.subarray(0, 2),
    open: () => Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]),
  };
}

function pathSource(path: string, name: string, size: number): FlowLogSource {
  return {
    name,
    size,
    head: async () => {
      const handle = await open(path, 'r');
      try {
        const buffer = new Uint8Array(2);
        const { bytesRead } = await handle.read(buffer, 0, 2, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    // Large reads: each chunk costs a trip through the stream machinery and the gunzip binding.
    open: () => createReadStream(path, { highWaterMark: 1024 * 1024 }),
  };
}

export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}
