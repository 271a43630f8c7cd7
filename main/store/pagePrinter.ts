import { compress } from './compression';
import { printPage } from './pages';

/** Pages printed at once: each slot's bytes stay untouched until libuv's thread has compressed them. */
const slotCount = 4;

/**
 * Prints pages (`printPage`, byte for byte what `pageText` returns) and compresses them on
 * libuv's threads, into a few buffers used over and over. A page printed whole is one large string
 * and then a buffer as large, both fresh memory every page; a large estate has hundreds of pages.
 */
export class PagePrinter {
  private readonly slots: { bytes: Buffer; done: Promise<unknown> }[] = Array.from(
    { length: slotCount },
    () => ({ bytes: Buffer.allocUnsafe(1024 * 1024), done: Promise.resolve() }),
  );
  private turn = 0;

  /** Waits for a free buffer, prints the page into it, and hands back its compression under way. */
  async print(objects: readonly object[]): Promise<{ readonly compressed: Promise<Buffer> }> {
    const slot = this.slots[this.turn++ % slotCount] as (typeof this.slots)[number];
    await slot.done;
    let length = 0;
    const append = (text: string) => {
      // A UTF-16 unit takes at most three bytes of UTF-8.
      if (length + text.length * 3 > slot.bytes.length) {
        const larger = Buffer.allocUnsafe(Math.max(slot.bytes.length * 2, length + text.length * 3));
        slot.bytes.copy(larger, 0, 0, length);
        slot.bytes = larger;
      }
      length += slot.bytes.write(text, length);
    };
    printPage(objects, append);
    const compressed = compress(slot.bytes.subarray(0, length));
    slot.done = compressed.catch(() => undefined);
    return { compressed };
  }
}
