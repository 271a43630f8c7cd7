import { describe, expect, it } from 'vitest';
import { FileBuffers, smallestPooledBytes } from '../../../main/core/input/fileBuffers';

const large = 2 * smallestPooledBytes;

describe('FileBuffers', () => {
  it('reads the next file into memory given back, as far as the file reaches', async () => {
    const buffers = new FileBuffers(large);
    const first = buffers.take(large);
    buffers.giveBack(first);
    await Promise.resolve();
    const second = buffers.take(smallestPooledBytes + 1);
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteLength).toBe(smallestPooledBytes + 1);
  });

  it('never lends memory out twice while it is taken', () => {
    const buffers = new FileBuffers(large);
    const first = buffers.take(large);
    const second = buffers.take(large);
    expect(second.buffer).not.toBe(first.buffer);
  });

  it('waits until whoever still reads the bytes is done', async () => {
    const buffers = new FileBuffers(large);
    const first = buffers.take(large);
    let done = () => {};
    const reading = new Promise<void>((resolve) => {
      done = resolve;
    });
    buffers.giveBack(first, reading);
    await Promise.resolve();
    expect(buffers.take(large).buffer).not.toBe(first.buffer);
    done();
    await reading;
    await Promise.resolve();
    expect(buffers.take(large).buffer).toBe(first.buffer);
  });

  it('gives the memory back when the reader fails too', async () => {
    const buffers = new FileBuffers(large);
    const first = buffers.take(large);
    const failing = Promise.reject(new Error('compression failed'));
    buffers.giveBack(first, failing);
    await failing.catch(() => {});
    await Promise.resolve();
    expect(buffers.take(large).buffer).toBe(first.buffer);
  });

  it('leaves small files, files larger than it was sized for, and foreign bytes alone', async () => {
    const buffers = new FileBuffers(large);
    const small = buffers.take(smallestPooledBytes - 1);
    const oversize = buffers.take(large + 1);
    const foreign = Buffer.alloc(large);
    for (const bytes of [small, oversize, foreign]) buffers.giveBack(bytes);
    await Promise.resolve();
    const next = buffers.take(large);
    for (const bytes of [small, oversize, foreign]) expect(next.buffer).not.toBe(bytes.buffer);
  });

  it('takes memory given back only once', async () => {
    const buffers = new FileBuffers(large);
    const first = buffers.take(large);
    buffers.giveBack(first);
    buffers.giveBack(first);
    await Promise.resolve();
    const [a, b] = [buffers.take(large), buffers.take(large)];
    expect(a.buffer).toBe(first.buffer);
    expect(b.buffer).not.toBe(first.buffer);
  });

  it('gives a file under a quarter of the largest memory of its own', async () => {
    const buffers = new FileBuffers(8 * smallestPooledBytes);
    const first = buffers.take(2 * smallestPooledBytes);
    buffers.giveBack(first);
    await Promise.resolve();
    const small = buffers.take(2 * smallestPooledBytes - 1);
    expect(small.buffer).not.toBe(first.buffer);
    expect(small.buffer.byteLength).toBe(2 * smallestPooledBytes - 1);
    expect(buffers.take(2 * smallestPooledBytes).buffer).toBe(first.buffer);
  });

  it('shares memory only when some file is large enough to be read into it', () => {
    expect(FileBuffers.for([{ diskBytes: smallestPooledBytes - 1 }, { diskBytes: 0 }]).shares).toBe(false);
    expect(FileBuffers.for([{ diskBytes: 10 }, { diskBytes: smallestPooledBytes }]).shares).toBe(true);
  });

  it('is sized by the largest file still on disk', () => {
    const buffers = FileBuffers.for([
      { diskBytes: large },
      { diskBytes: 0 },
      { diskBytes: smallestPooledBytes },
    ]);
    const taken = buffers.take(smallestPooledBytes);
    expect(taken.buffer.byteLength).toBe(large);
  });
});
