import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * Brotli at quality 1 compresses export JSON 5 to 15 times at several hundred MB/s, faster than
 * SQLite writes the bytes it saves: the bench estate's 348 MB of exports become about 21 MB.
 */
const options = (byteLength: number) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: byteLength },
  // One output chunk for the whole output: the job then runs on a libuv thread without coming back
  // to the main thread between 16 KiB chunks, so it goes on while an import parses. An eighth of the
  // input holds the output of JSON (larger output takes a second chunk). A chunk as large as the
  // input, as before, made compressing the estate's pages 15% slower (docs/performance.md).
  chunkSize: Math.max(64 * 1024, Math.ceil(byteLength / 8)),
});

/** Compresses on one of libuv's threads: the other core works while the main thread goes on. */
export function compress(data: string | Uint8Array): Promise<Buffer> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return new Promise((resolve, reject) => {
    brotliCompress(bytes, options(bytes.byteLength), (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** For writes made where the caller cannot wait: a migration inside a synchronous open, a cached result. */
export function compressSync(data: string): Buffer {
  const bytes = Buffer.from(data);
  return brotliCompressSync(bytes, options(bytes.byteLength));
}

export function decompress(bytes: Uint8Array): Buffer {
  return brotliDecompressSync(bytes);
}
