/** Files smaller than this are read into memory of their own: holding a large buffer for them saves nothing. */
export const smallestPooledBytes = 1024 * 1024;

/**
 * Memory that export files are read into, taken again once a file is done with.
 *
 * Why: on some machines memory is slow the first time a process touches it (a page fault per 4 KiB).
 * On the bench machine, reading the 86 MB describe-network-interfaces export takes 250 ms into fresh
 * memory and 10 ms into memory read into before, and an import reads hundreds of MB, file after file
 * (docs/performance.md, "Memory read into again, batches, and a hashing thread").
 *
 * Every buffer holds the largest file of the import, so any file fits in any free one; the pages of
 * a buffer are only touched as far as the files read into it reach. A file under a quarter of that
 * gets memory of its own: on systems that commit memory when it is allocated (Windows), a buffer
 * sized for an 800 MB export must not be taken for every 2 MB file. The buffers go with the pool.
 * They are shared memory, which another thread reads without a copy (sha256Thread.ts).
 */
export class FileBuffers {
  private readonly free: SharedArrayBuffer[] = [];
  private readonly lent = new Set<ArrayBufferLike>();

  /** @param capacity the size of the largest file that will be read */
  constructor(private readonly capacity: number) {}

  /** Sized for the files on disk among `files`; those in memory already are never read into a buffer. */
  static for(files: readonly { readonly diskBytes: number }[]): FileBuffers {
    return new FileBuffers(files.reduce((largest, file) => Math.max(largest, file.diskBytes), 0));
  }

  /** Whether any file will be read into shared memory here. */
  get shares(): boolean {
    return this.capacity >= smallestPooledBytes;
  }

  /** `size` bytes to read a file into: memory given back before when there is some. */
  take(size: number): Buffer {
    if (size < smallestPooledBytes || size < this.capacity / 4 || size > this.capacity) {
      return Buffer.allocUnsafe(size);
    }
    const memory = this.free.pop() ?? new SharedArrayBuffer(this.capacity);
    this.lent.add(memory);
    return Buffer.from(memory, 0, size);
  }

  /**
   * Lets the memory under `bytes` be read into again once `after` settles: until then someone may
   * still read them (the kept copy of an export is compressed from them on another thread). Bytes
   * that did not come from `take` are left alone.
   */
  giveBack(bytes: Uint8Array, after: Promise<unknown> = Promise.resolve()): void {
    const memory = bytes.buffer;
    if (!(memory instanceof SharedArrayBuffer) || !this.lent.delete(memory)) return;
    const release = () => {
      this.free.push(memory);
    };
    after.then(release, release);
  }
}
