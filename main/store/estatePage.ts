import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** Objects per stored page: large enough that SQLite's per-row work vanishes, small enough to stream. */
export const pageSize = 1000;

/** A row of `estate_page`: see migration v6 for the two layouts. */
export interface StoredPage {
  readonly content: Buffer | string;
  readonly raws: Buffer | null;
}

interface PageDocument {
  readonly objects: Record<string, unknown>[];
  readonly rawIndex: number[];
  /** Only in pages migrated from v5, which keep everything in one JSON text. */
  readonly raws?: unknown[];
}

/**
 * Brotli at quality 1 compresses export JSON 5 to 10 times at several hundred MB/s, which is faster than
 * SQLite writes the bytes it saves: the bench estate's 260 MB of JSON become about 22 MB on disk.
 */
const compression = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };

const pack = (value: unknown) => brotliCompressSync(JSON.stringify(value), compression);
const unpack = (bytes: Buffer) => JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as unknown;

/**
 * One page of estate objects: the objects without their original JSON (with which original is each
 * one's), and apart from them the distinct originals (rules of one IpPermission come one after another
 * and share one), so that loading a snapshot need not decompress and parse the originals.
 */
export function encodePage(items: readonly { readonly raw: unknown }[]): { content: Buffer; raws: Buffer } {
  const objects: unknown[] = [];
  const raws: unknown[] = [];
  const rawIndex: number[] = [];
  for (const { raw, ...object } of items) {
    if (raws.length === 0 || raws[raws.length - 1] !== raw) raws.push(raw ?? null);
    rawIndex.push(raws.length - 1);
    objects.push(object);
  }
  return { content: pack({ objects, rawIndex }), raws: pack(raws) };
}

/**
 * The objects of a page, each with its original JSON as `raw`. The analysis never reads the originals
 * of AWS objects (explanations cite the source file and path), and they are most of the bytes: two
 * thirds of loading the bench estate went to them. So `raw` is a getter that decompresses and parses
 * the page's originals the first time one of them is read.
 */
export function decodePage({ content, raws }: StoredPage): Record<string, unknown>[] {
  const page = (typeof content === 'string' ? JSON.parse(content) : unpack(content)) as PageDocument;
  const { objects, rawIndex } = page;
  let originals = page.raws ?? null;
  const originalsOfPage = () => {
    originals ??= unpack(raws as Buffer) as unknown[];
    return originals;
  };
  objects.forEach((object, k) => {
    const at = rawIndex[k] as number;
    Object.defineProperty(object, 'raw', {
      get: () => originalsOfPage()[at],
      enumerable: true,
      configurable: true,
    });
  });
  return objects;
}
