/**
 * Sets of classes as bits in Uint32Arrays (class c is bit c % 32 of word c / 32), and matrices of
 * them, one row per port interval. Operations take word spans, so that a source's work stays within
 * the VPCs it can route to.
 */
export type Bits = Uint32Array;

/** Disjoint, ascending [firstWord, endWord) ranges. */
export type WordSpans = readonly (readonly [number, number])[];

export const wordsFor = (size: number) => Math.ceil(size / 32);

export function setBit(bits: Bits, bit: number): void {
  bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
}

/** Each word holding bits first..end-1, with the mask of those bits in it. */
function eachWord(first: number, end: number, apply: (word: number, mask: number) => void): void {
  for (let bit = first; bit < end; ) {
    const word = bit >>> 5;
    const low = bit & 31;
    const high = Math.min(32, end - word * 32);
    apply(word, high - low === 32 ? 0xffffffff : ((1 << (high - low)) - 1) << low);
    bit = word * 32 + high;
  }
}

/** Sets bits first..end-1 of row `row` of a matrix `words` wide (a plain set is row 0). */
export function setRange(bits: Bits, row: number, words: number, first: number, end: number): void {
  const base = row * words;
  eachWord(first, end, (word, mask) => {
    bits[base + word] = (bits[base + word] as number) | mask;
  });
}

/** Clears bits first..end-1 of a plain set. */
export function clearRange(bits: Bits, first: number, end: number): void {
  eachWord(first, end, (word, mask) => {
    bits[word] = (bits[word] as number) & ~mask;
  });
}

/** rows first..last of `matrix` |= `bits`, within `spans`. */
export function orRows(
  matrix: Bits,
  words: number,
  first: number,
  last: number,
  bits: Bits,
  spans: WordSpans,
): void {
  for (let row = first; row <= last; row++) {
    const base = row * words;
    for (const [from, end] of spans) {
      for (let w = from; w < end; w++) matrix[base + w] = (matrix[base + w] as number) | (bits[w] as number);
    }
  }
}

/** `orRows` of `bits` ∧ `mask`: apart, so that the sweep's hottest loop stays as simple as it was. */
export function orRowsMasked(
  matrix: Bits,
  words: number,
  first: number,
  last: number,
  bits: Bits,
  mask: Bits,
  spans: WordSpans,
): void {
  for (let row = first; row <= last; row++) {
    const base = row * words;
    for (const [from, end] of spans) {
      for (let w = from; w < end; w++)
        matrix[base + w] = (matrix[base + w] as number) | ((bits[w] as number) & (mask[w] as number));
    }
  }
}

/** Every row of `matrix` within `spans` := the same rows of `source` (zero when there is none). */
export function resetRows(matrix: Bits, words: number, rows: number, spans: WordSpans, source?: Bits): void {
  for (let row = 0; row < rows; row++) {
    const base = row * words;
    for (const [from, end] of spans) {
      if (source === undefined) matrix.fill(0, base + from, base + end);
      else matrix.set(source.subarray(base + from, base + end), base + from);
    }
  }
}

/** Merges [firstBit, endBit) ranges into disjoint word spans. */
export function wordSpans(bitRanges: readonly (readonly [number, number])[]): WordSpans {
  const sorted = bitRanges
    .filter(([first, end]) => end > first)
    .map(([first, end]): [number, number] => [first >>> 5, wordsFor(end)])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, end] of sorted) {
    const previous = merged.at(-1);
    if (previous !== undefined && from <= previous[1]) previous[1] = Math.max(previous[1], end);
    else merged.push([from, end]);
  }
  return merged;
}

/** `target` |= `source`, two matrices of `rows` rows `words` wide, within `spans`. */
export function orMatrix(target: Bits, source: Bits, words: number, rows: number, spans: WordSpans): void {
  for (let row = 0; row < rows; row++) {
    const base = row * words;
    for (const [from, end] of spans) {
      for (let w = base + from; w < base + end; w++)
        target[w] = (target[w] as number) | (source[w] as number);
    }
  }
}

/** The spans of the words of `bits` that hold a set bit. */
export function spansOfSetWords(bits: Bits): WordSpans {
  const spans: [number, number][] = [];
  for (let w = 0; w < bits.length; w++) {
    if (bits[w] === 0) continue;
    const previous = spans.at(-1);
    if (previous !== undefined && previous[1] === w) previous[1] = w + 1;
    else spans.push([w, w + 1]);
  }
  return spans;
}

/** The words in both `a` and `b`. */
export function intersectSpans(a: WordSpans, b: WordSpans): WordSpans {
  const both: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const [aFrom, aEnd] = a[i] as readonly [number, number];
    const [bFrom, bEnd] = b[j] as readonly [number, number];
    const from = Math.max(aFrom, bFrom);
    const end = Math.min(aEnd, bEnd);
    if (from < end) both.push([from, end]);
    if (aEnd < bEnd) i++;
    else j++;
  }
  return both;
}
