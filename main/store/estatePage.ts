import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** Objects per stored page: large enough that SQLite's per-row work vanishes, small enough to stream. */
export const pageSize = 1000;

interface PageDocument {
  readonly objects: Record<string, unknown>[];
  readonly raws: unknown[];
  readonly rawIndex: number[];
}

/**
 * Brotli at quality 1 compresses export JSON 5 to 10 times at several hundred MB/s, which is faster than
 * SQLite writes the bytes it saves: the bench estate's 260 MB of JSON become about 30 MB on disk.
 */
const compression = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };

/**
 * One page of estate objects as stored in `estate_page.content`: objects without their original
 * JSON, the distinct originals (rules of one IpPermission come one after another and share one).
 */
export function encodePage(items: readonly { readonly raw: unknown }[]): Buffer {
  const objects: unknown[] = [];
  const raws: unknown[] = [];
  const rawIndex: number[] = [];
  for (const { raw, ...object } of items) {
    if (raws.length === 0 || raws[raws.length - 1] !== raw) raws.push(raw ?? null);
    rawIndex.push(raws.length - 1);
    objects.push(object);
  }
  return brotliCompressSync(JSON.stringify({ objects, raws, rawIndex }), compression);
}

/** The objects of a page, each with its original JSON again; plain JSON text is a page migrated from v5. */
export function decodePage(content: Buffer | string): Record<string, unknown>[] {
  const text = typeof content === 'string' ? content : brotliDecompressSync(content).toString('utf8');
  const { objects, raws, rawIndex } = JSON.parse(text) as PageDocument;
  objects.forEach((object, k) => {
    object.raw = raws[rawIndex[k] as number];
  });
  return objects;
}
