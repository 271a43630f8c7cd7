import { describe, expect, it } from 'vitest';
import { intersectSpans, spansOfSetWords } from '../../../../main/core/analysis/flowGraph/bitset';

describe('word spans', () => {
  it('are the runs of words holding a set bit', () => {
    const bits = Uint32Array.from([0, 1, 0x80000000, 0, 0, 4, 0]);
    expect(spansOfSetWords(bits)).toEqual([
      [1, 3],
      [5, 6],
    ]);
    expect(spansOfSetWords(new Uint32Array(3))).toEqual([]);
  });

  it('intersect to the words in both, however the spans overlap', () => {
    const a = [
      [0, 4],
      [6, 10],
      [12, 13],
    ] as const;
    const b = [
      [2, 7],
      [9, 12],
      [13, 20],
    ] as const;
    expect(intersectSpans(a, b)).toEqual([
      [2, 4],
      [6, 7],
      [9, 10],
    ]);
    expect(intersectSpans(b, a)).toEqual(intersectSpans(a, b));
    expect(intersectSpans(a, [])).toEqual([]);
  });
});
