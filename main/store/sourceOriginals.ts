import { compress } from './compression';

/**
 * The export files an import reads, kept whole with the snapshot (table `source_original`, keyed by
 * the file's sha256 as `source_file` records it): what exactly was imported stays available, byte
 * for byte, after the files are gone. Each file is compressed on libuv's threads as soon as the
 * importer knows it is an export, while the main thread parses the next.
 */
export class SourceOriginals {
  private readonly pending = new Map<string, Promise<Buffer>>();

  /** Returns the compression under way while it still reads `bytes`. */
  keep(sha256: string, bytes: Uint8Array): Promise<unknown> | undefined {
    if (this.pending.has(sha256)) return undefined;
    const compressed = compress(bytes);
    // Awaited by settled(); an import that fails before then never asks, and must not crash on it.
    compressed.catch(() => undefined);
    this.pending.set(sha256, compressed);
    return compressed;
  }

  /** The compressed files by sha256, once every compression has finished. */
  async settled(): Promise<ReadonlyMap<string, Buffer>> {
    const entries = await Promise.all(
      [...this.pending].map(async ([sha256, compressed]) => [sha256, await compressed] as const),
    );
    return new Map(entries);
  }
}
