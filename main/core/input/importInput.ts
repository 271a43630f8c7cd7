import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BadInputError } from '../domain/errors';
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

/**
 * Turns inputs into named byte buffers, in input order. Folders are read recursively in name order,
 * without their hidden entries and without following symlinks, so a folder cannot lead the import
 * outside itself. Zips are recognised by their magic bytes and read member by member.
 */
export async function collectFiles(
  inputs: readonly ImportInput[],
  limits: ImportLimits,
  onFile: (file: InputFile, inputIndex: number) => void = () => {},
  divert: Divert = async () => false,
): Promise<InputFile[]> {
  const files: InputFile[] = [];
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

class FileCollector {
  constructor(
    private readonly limits: ImportLimits,
    private readonly budget: ByteBudget,
    private readonly divert: Divert,
    private readonly onFile: (file: InputFile) => void,
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
    if (isZip(await firstBytes(path))) return this.fromZip(name, { path });
    if (await this.divert(path, name)) return;
    // Checked before reading so an oversize file costs a stat, not its size in memory.
    if (info.size > this.limits.maxFileBytes) throw fileTooBig(name, info.size, this.limits);
    this.budget.take(name, info.size);
    this.add(name, await readFile(path), null);
  }

  private async fromFolder(path: string, name: string): Promise<void> {
    const entries = await readdir(path, { withFileTypes: true });
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
    this.onFile({ name, data, skipReason });
  }
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
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
