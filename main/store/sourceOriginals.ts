import { compress } from './compression';

/**
 * The export files an import reads, kept whole with the snapshot (table `source_original`, keyed by
 * the file's sha256 as `source_file` records it): what exactly was imported stays available, byte
 * for byte, after the files are gone. Each file is compressed on libuv's threads as soon as the
 * importer knows it is an export, while the main thread parses the next.
 */
export class SourceOriginals {
  private readonly pending: Promise<readonly [string, Buffer]>[] = [];

  /**
   * Returns the compression under way while it still reads `bytes`. The hash may still be on its
   * way: it is only needed when the files are stored. Files with the same bytes are kept once.
   */
  keep(sha256: string | Promise<string>, bytes: Uint8Array): Promise<unknown> {
    const compressed = compress(bytes);
    const kept = Promise.all([sha256, compressed]);
    // Awaited by settled(); an import that fails before then never asks, and must not crash on it.
    kept.catch(() => undefined);
    this.pending.push(kept);
    return compressed;
  }

  /** The compressed files by sha256, once every compression has finished. */
  async settled(): Promise<ReadonlyMap<string, Buffer>> {
    const kept = new Map<string, Buffer>();
    for (const [sha256, compressed] of await Promise.all(this.pending)) {
      if (!kept.has(sha256)) kept.set(sha256, compressed);
    }
    return kept;
  }
}
