/** A line that was skipped because it is not a record, with where it is and why. */
export interface MalformedLine {
  readonly file: string;
  /** 1-based, counting the header line. */
  readonly line: number;
  readonly reason: string;
}

/**
 * When a file has so many bad lines that it is more likely the wrong file than a log with a few
 * damaged records. Both must be exceeded: the ratio alone would fail a short file for a few bad
 * lines, the count alone would fail a huge log for a sliver of damage.
 */
export interface MalformedThreshold {
  /** Fraction of the file's data lines. */
  readonly ratio: number;
  readonly minLines: number;
}

export const defaultMalformedThreshold: MalformedThreshold = { ratio: 0.1, minLines: 1000 };

/** Malformed lines kept with their reasons; the rest are only counted, so a broken file costs no memory. */
export const malformedSampleSize = 100;

export function isOverThreshold(bad: number, dataLines: number, threshold: MalformedThreshold): boolean {
  return bad > threshold.minLines && bad > threshold.ratio * dataLines;
}
