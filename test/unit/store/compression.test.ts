import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compress, compressSync, decompress } from '../../../main/store/compression';

describe('compression', () => {
  it('round-trips bytes that do not compress, whose output outgrows one output chunk', async () => {
    // The output chunk is an eighth of the input: random bytes come out larger than the input.
    const bytes = randomBytes(2 * 1024 * 1024);
    const compressed = await compress(bytes);
    expect(compressed.length).toBeGreaterThan(bytes.length / 8);
    expect(decompress(compressed).equals(bytes)).toBe(true);
  });

  it('round-trips export JSON, smaller than it was, both ways', async () => {
    const text = JSON.stringify({
      SecurityGroups: Array.from({ length: 2000 }, (_, i) => ({ GroupId: `sg-${i}`, IpPermissions: [] })),
    });
    const compressed = await compress(text);
    expect(compressed.length).toBeLessThan(text.length / 8);
    expect(decompress(compressed).toString()).toBe(text);
    expect(decompress(compressSync(text)).toString()).toBe(text);
  });

  it('round-trips nothing', async () => {
    expect(decompress(await compress(new Uint8Array(0))).length).toBe(0);
  });
});
