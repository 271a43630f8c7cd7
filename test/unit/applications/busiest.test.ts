import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstBy } from '../../../main/core/applications/busiest';

describe('firstBy', () => {
  it('keeps what a full sort would put first, in that order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ records: fc.integer({ min: 0, max: 20 }), id: fc.nat(1000) })),
        fc.integer({ min: 0, max: 40 }),
        (items, limit) => {
          const sortsFirst = (a: (typeof items)[number], b: (typeof items)[number]) =>
            a.records !== b.records ? a.records > b.records : a.id < b.id;
          const sorted = [...items].sort((a, b) => (sortsFirst(a, b) ? -1 : sortsFirst(b, a) ? 1 : 0));
          expect(firstBy(items, limit, sortsFirst)).toEqual(sorted.slice(0, limit));
        },
      ),
    );
  });
});
