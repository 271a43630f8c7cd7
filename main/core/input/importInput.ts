import { closeSync, openSync, read } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { BadInputError } from '../domain/errors';
import { FileBuffers } from './fileBuffers';
import { sha256Hex } from './fileDigest';
import { isHiddenName } from './hiddenNames';
import { ByteBudget, fileTooBig, type ImportLimits } from './limits';
import { isZip, readZip, type ZipSource } from './zipArchive';

/** What the user handed us: something on disk (CLI, bundled sample) or bytes (files dropped on the window). */
export type ImportInput =
  /** `name` is how reports call it; by default the path's last part. */
  | { readonly kind: 'path'; readonly path: string; readonly name?: string }
  | { readonly kind: 'bytes'; readonly name: string; readonly data: Uint8Array };

/**
 * Asked about each plain file on disk before it is read: true takes it away from this collection, for
 * a reader that streams it instead (flow logs can be far larger than memory).
 */
export type Divert = (path: string, name: string) => Promise<boolean>;

/** One file to look at: a plain file, a file found in a folder, or a zip member (`archive.zip!/inner/path.json`). */
export interface InputFile {
  readonly name: string;
  readonly data: Uint8Array;
  /** Set when the bytes were read only to be reported, never parsed: a zip inside a zip. */
  readonly skipReason: string | null;
}

const nestedZipReason =
  'a zip archive inside a zip archive is not opened: extract it and import it on its own';

/** A file found, whose bytes are read when asked for (on disk) or already in memory (bytes, zip members). */
export interface ListedFile {
  readonly name: string;
  readonly skipReason: string | null;
  /** The size of a file still to be read from disk; 0 for bytes already in memory. */
  readonly diskBytes: number;
  /** Starts reading at once: a caller that goes on working meanwhile overlaps with the read. */
  readonly load: (buffers: FileBuffers) => Promise<Uint8Array>;
}

/**
 * Finds the files the inputs hold, in input order, checking the size limits before anything is read.
 * Folders are read recursively in name order, without their hidden entries and without following
 * symlinks, so a folder cannot lead the import outside itself. Zips are recognised by their magic
 * bytes and read member by member.
 */
export async function listFiles(
  inputs: readonly ImportInput[],
  limits: ImportLimits,
  onFile: (file: ListedFile, inputIndex: number) => void = () => {},
  divert: Divert = async () => false,
): Promise<ListedFile[]> {
  const files: ListedFile[] = [];
  const budget = new ByteBudget(limits);
  for (const [index, input] of inputs.entries()) {
    const collector = new FileCollector(limits, budget, divert, (file) => {
      files.push(file);
      onFile(file, index);
    });
    if (input.kind === 'bytes') await collector.fromBytes(input.name, input.data);
    else await collector.fromPath(input.path, input.name ?? basename(input.path));
  }
  return files;
}

/**
 * A file read, with the sha256 of its bytes on its way: the caller need not wait for it before
 * parsing, and must not let the bytes be read into again before it settles.
 */
export interface ReadFile extends InputFile {
  readonly sha256: Promise<string>;
}

export interface ReadAheadOptions {
  /**
   * Where files on disk are read into. A caller that gives each file's bytes back when done with
   * them has the next files read into the same memory.
   */
  readonly buffers?: FileBuffers;
  /** sha256 in hex; by default on this thread. */
  readonly digest?: (data: Uint8Array) => Promise<string>;
}

/**
 * The listed files with their bytes, one after the other. Each is hashed as it is handed over, and
 * the hash follows: with `Sha256Thread` it is made on another core while the caller parses the file.
 * The next files are read while the caller works on this one, so reading and parsing overlap instead
 * of adding up: reading the bench estate's 348 MB takes over a second by itself
 * (docs/performance.md). Reading ahead goes on past small files to the next large one, which would
 * otherwise be read only once the small ones, parsed in no time, were handed over.
 */
export async function* readAhead(
  files: readonly ListedFile[],
  { buffers = FileBuffers.for(files), digest = async (data) => sha256Hex(data) }: ReadAheadOptions = {},
): AsyncGenerator<ReadFile> {
  const ahead: { file: ListedFile; data: Promise<Uint8Array> }[] = [];
  let bytesAhead = 0;
  let started = 0;
  const readOn = () => {
    while (
      started < files.length &&
      (ahead.length === 0 || (bytesAhead < overlappedReadBytes && ahead.length < maxFilesAhead))
    ) {
      const file = files[started++] as ListedFile;
      const data = file.load(buffers);
      // A read begun ahead whose failure is only seen when awaited: the caller may stop before then.
      data.catch(() => {});
      ahead.push({ file, data });
      bytesAhead += file.diskBytes;
    }
  };
  readOn();
  for (let next = ahead.shift(); next !== undefined; next = ahead.shift()) {
    const data = await next.data;
    bytesAhead -= next.file.diskBytes;
    const sha256 = digest(data);
    readOn();
    yield { name: next.file.name, data, skipReason: next.file.skipReason, sha256 };
  }
}

/** Files are read ahead until this many bytes are on their way, or one file at least... */
const overlappedReadBytes = 1024 * 1024;

/** ...and no more files than this, whatever their sizes: a folder of ten thousand small files. */
const maxFilesAhead = 16;

class FileCollector {
  constructor(
    private readonly limits: ImportLimits,
    private readonly budget: ByteBudget,
    private readonly divert: Divert,
    private readonly onFile: (file: ListedFile) => void,
  ) {}

  async fromBytes(name: string, data: Uint8Array): Promise<void> {
    if (isZip(data)) return this.fromZip(name, { data });
    if (data.byteLength > this.limits.maxFileBytes) throw fileTooBig(name, data.byteLength, this.limits);
    this.budget.take(name, data.byteLength);
    this.add(name, data, null);
  }

  async fromPath(path: string, name: string): Promise<void> {
    const info = await stat(path).catch((error: unknown) => {
      throw cannotRead(name, path, error);
    });
    if (info.isDirectory()) return this.fromFolder(path, name);
    if (!info.isFile()) throw new BadInputError(`${path} is neither a file nor a folder`, name);
    if (isZip(await firstBytes(path, name))) return this.fromZip(name, { path });
    if (await this.divert(path, name)) return;
    // Checked before reading so an oversize file costs a stat, not its size in memory.
    if (info.size > this.limits.maxFileBytes) throw fileTooBig(name, info.size, this.limits);
    this.budget.take(name, info.size);
    this.onFile({
      name,
      skipReason: null,
      diskBytes: info.size,
      load: (buffers) => readWhole(path, name, buffers.take(info.size)),
    });
  }

  private async fromFolder(path: string, name: string): Promise<void> {
    const entries = await readdir(path, { withFileTypes: true }).catch((error: unknown) => {
      throw cannotRead(name, path, error);
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isHiddenName(entry.name) || !(entry.isFile() || entry.isDirectory())) continue;
      await this.fromPath(join(path, entry.name), `${name}/${entry.name}`);
    }
  }

  private fromZip(name: string, source: ZipSource): Promise<void> {
    return readZip(name, source, this.limits, this.budget, (member, data) =>
      this.add(member, data, isZip(data) ? nestedZipReason : null),
    );
  }

  private add(name: string, data: Uint8Array, skipReason: string | null): void {
    this.onFile({ name, skipReason, diskBytes: 0, load: async () => data });
  }
}

/** Files this large are read in parts at once, each part at least this large. */
const partBytes = 8 * 1024 * 1024;

/** Parts read at once: two cores fault fresh memory in about half the time one does. */
const partsAtOnce = Math.max(1, Math.min(4, availableParallelism()));

/**
 * The file, exactly as many bytes as `buffer` holds, asked of the thread pool in one read per part.
 * The file is opened on this thread so that the reads are on their way before the caller returns to
 * parsing: `readFile` would go back and forth through this thread every 512 KiB, and stall while it
 * is busy. A large file is read in a few parts at once, by as many of the pool's threads: reading
 * 61 MB into fresh memory took 176 – 212 ms in one read and 93 – 100 ms in two on the bench machine.
 */
async function readWhole(path: string, name: string, buffer: Buffer): Promise<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw cannotRead(name, path, error);
  }
  try {
    const size = buffer.byteLength;
    const parts = Math.max(1, Math.min(partsAtOnce, Math.floor(size / partBytes)));
    const step = Math.ceil(size / parts);
    const complete = await Promise.all(
      Array.from({ length: parts }, (_, part) =>
        fill(fd, buffer.subarray(part * step, Math.min(size, (part + 1) * step)), part * step),
      ),
    );
    // What the size limits were checked against must be what is parsed.
    if (complete.includes(false) || (await readAt(fd, Buffer.alloc(1), size)) > 0) {
      throw new BadInputError(`${path} changed while it was being read: import it again`, name);
    }
    return buffer;
  } catch (error) {
    throw error instanceof BadInputError ? error : cannotRead(name, path, error);
  } finally {
    closeSync(fd);
  }
}

/** Reads `into` from `position` on, read after read; false if the file ends first. */
async function fill(fd: number, into: Uint8Array, position: number): Promise<boolean> {
  let filled = 0;
  while (filled < into.byteLength) {
    const got = await readAt(fd, into.subarray(filled), position + filled);
    if (got === 0) return false;
    filled += got;
  }
  return true;
}

/** Fills as much of `into` as one read gives, from `position` in the file. */
function readAt(fd: number, into: Uint8Array, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, into, 0, into.byteLength, position, (error, bytes) => (error ? reject(error) : resolve(bytes))),
  );
}

async function firstBytes(path: string, name: string): Promise<Uint8Array> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw cannotRead(name, path, error);
  });
  try {
    const buffer = new Uint8Array(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}

function cannotRead(name: string, path: string, error: unknown): BadInputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : String(error);
  return new BadInputError(`cannot read ${path}: ${why}`, name);
}
