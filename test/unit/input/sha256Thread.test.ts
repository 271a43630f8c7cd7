import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Sha256Thread } from '../../../main/core/input/sha256Thread';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function sharedBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(text.length));
  bytes.set(Buffer.from(text, 'latin1'));
  return bytes;
}

describe('Sha256Thread', () => {
  let hashes: Sha256Thread;
  afterEach(() => hashes.stop());

  it('hashes shared bytes on its thread and other bytes here, alike', async () => {
    hashes = new Sha256Thread();
    const shared = sharedBytes('{"Vpcs": []}'.repeat(1000));
    const plain = Buffer.from('{"Subnets": []}');
    const [first, second, third] = await Promise.all([
      hashes.digest(shared),
      hashes.digest(plain),
      hashes.digest(shared.subarray(3, 40)),
    ]);
    expect(first).toBe(sha256(shared));
    expect(second).toBe(sha256(plain));
    expect(third).toBe(sha256(shared.subarray(3, 40)));
    expect(hashes.hashedOnThread).toBe(2);
  });

  it('answers every file asked for at once, each with its own hash', async () => {
    hashes = new Sha256Thread();
    const files = Array.from({ length: 20 }, (_, index) => sharedBytes(`file ${index} `.repeat(index + 1)));
    expect(await Promise.all(files.map((bytes) => hashes.digest(bytes)))).toEqual(files.map(sha256));
    expect(hashes.hashedOnThread).toBe(20);
  });

  it('hashes on the thread it was prepared with', async () => {
    hashes = new Sha256Thread();
    hashes.prepare();
    const bytes = sharedBytes('prepared before the first file');
    expect(await hashes.digest(bytes)).toBe(sha256(bytes));
    expect(hashes.hashedOnThread).toBe(1);
  });

  it('still hashes once stopped, on the calling thread', async () => {
    hashes = new Sha256Thread();
    const bytes = sharedBytes('after the end');
    await hashes.digest(bytes);
    await hashes.stop();
    expect(await hashes.digest(bytes)).toBe(sha256(bytes));
  });

  it('hashes what was asked before it was stopped', async () => {
    hashes = new Sha256Thread();
    const bytes = sharedBytes('x'.repeat(1 << 20));
    const pending = hashes.digest(bytes);
    await hashes.stop();
    expect(await pending).toBe(sha256(bytes));
  });
});
