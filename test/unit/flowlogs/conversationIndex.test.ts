import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationIndex } from '../../../main/core/flowlogs/conversationIndex';

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const keys = fc.tuple(int32, int32, int32);

describe('ConversationIndex', () => {
  it('finds each number by all three keys, and nothing for keys never added', () => {
    const index = new ConversationIndex();
    index.add(1, 2, 3, 0);
    index.add(1, 2, 4, 1);
    index.add(2, 1, 3, 2);
    index.add(0, 0, 0, 3);
    expect([index.find(1, 2, 3), index.find(1, 2, 4), index.find(2, 1, 3), index.find(0, 0, 0)]).toEqual([
      0, 1, 2, 3,
    ]);
    expect([index.find(1, 3, 2), index.find(2, 1, 4), index.find(0, 0, 1)]).toEqual([-1, -1, -1]);
  });

  it('keeps every entry as it grows far past its first capacity', () => {
    const index = new ConversationIndex(4);
    // Neighbouring IPv4 addresses, and addresses from 128.0.0.0 on, which are negative as int32.
    const entries = Array.from({ length: 20_000 }, (_, i) => [(10 << 24) + i, -1 - (i % 7), i % 3] as const);
    for (const [number, [client, server, kind]] of entries.entries()) index.add(client, server, kind, number);
    expect(
      entries.every(([client, server, kind], number) => index.find(client, server, kind) === number),
    ).toBe(true);
    expect(index.find(10 << 24, -2, 0)).toBe(-1);
  });

  it('answers as a Map keyed by the three keys does', () => {
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 300 }), fc.array(keys, { maxLength: 50 }), (added, asked) => {
        const index = new ConversationIndex(2);
        const reference = new Map<string, number>();
        for (const [client, server, kind] of added) {
          const key = `${client} ${server} ${kind}`;
          if (reference.has(key)) continue;
          index.add(client, server, kind, reference.size);
          reference.set(key, reference.size);
        }
        for (const [client, server, kind] of [...added, ...asked]) {
          expect(index.find(client, server, kind)).toBe(reference.get(`${client} ${server} ${kind}`) ?? -1);
        }
      }),
    );
  });
});
