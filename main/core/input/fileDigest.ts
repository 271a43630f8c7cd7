import { createHash } from 'node:crypto';

/**
 * sha256 of a file's bytes, in hex, on the calling thread. WebCrypto would hash on another core, but
 * it first copies the bytes on this one: with SHA extensions hashing runs at over 1 GB/s, so the copy
 * costs about as much as the hash, and on a machine where fresh memory is slow to touch, far more.
 * Large files are read into shared memory, which sha256Thread.ts hashes on another core without a copy.
 */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
