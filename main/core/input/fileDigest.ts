import { webcrypto } from 'node:crypto';

async function sha256Hex(data: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex');
}

/**
 * sha256 of each file, computed one file ahead on libuv's thread pool: while the main thread parses
 * file i, another core hashes file i + 1. Only one file ahead, because WebCrypto hashes a copy of
 * the bytes, and a copy of every file at once would add the whole import to peak memory.
 */
export function digestsAhead(
  files: readonly { readonly data: Uint8Array }[],
): (index: number) => Promise<string> {
  const pending = new Map<number, Promise<string>>();
  const start = (index: number) => {
    const file = files[index];
    if (file !== undefined && !pending.has(index)) pending.set(index, sha256Hex(file.data));
  };
  return (index) => {
    start(index);
    start(index + 1);
    const digest = pending.get(index) as Promise<string>;
    pending.delete(index);
    return digest;
  };
}
