/**
 * Numbers as typed on a command line: decimal digits, nothing else. `Number` would also take
 * `0x10`, `1e0`, ` 1` and `` (0), and a count of `1.5` would be rounded behind the user's back.
 */
export function wholeNumber(text: string): number | null {
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) ? value : null;
}

/** A size or a ratio: decimal digits with a fraction if need be (`0.5`), in the same plain notation. */
export function decimalNumber(text: string): number | null {
  return /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : null;
}
