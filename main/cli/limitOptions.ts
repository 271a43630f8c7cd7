import type { ImportLimits } from '../core/input/limits';
import { UsageError } from './exitCodes';
import { decimalNumber, wholeNumber } from './numberText';
import { type ParsedCommand, stringOption } from './options';

const MiB = 1024 * 1024;

interface LimitFlag {
  readonly limit: keyof ImportLimits;
  readonly unit: number;
  /** Sizes and ratios may have a fraction (`--max-file-mb 0.5`); a count of entries may not. */
  readonly number: typeof wholeNumber;
  readonly takes: string;
}

const size = { number: decimalNumber, takes: 'a positive number such as 64 or 0.5' };
const count = { number: wholeNumber, takes: 'a positive whole number' };

/** One flag per import limit; the core's limit messages name these flags. */
const limitFlags: Readonly<Record<string, LimitFlag>> = {
  'max-file-mb': { limit: 'maxFileBytes', unit: MiB, ...size },
  'max-total-mb': { limit: 'maxTotalBytes', unit: MiB, ...size },
  'max-archive-entries': { limit: 'maxArchiveEntries', unit: 1, ...count },
  'max-compression-ratio': { limit: 'maxCompressionRatio', unit: 1, ...size },
};

export const limitOptions = Object.fromEntries(
  Object.keys(limitFlags).map((flag) => [flag, { type: 'string' as const }]),
);

export function readLimits(parsed: ParsedCommand): Partial<ImportLimits> {
  const limits: Partial<Record<keyof ImportLimits, number>> = {};
  for (const [flag, { limit, unit, number, takes }] of Object.entries(limitFlags)) {
    const text = stringOption(parsed, flag);
    if (text === undefined) continue;
    const value = number(text);
    if (value === null || value === 0)
      throw new UsageError(`import: --${flag} takes ${takes}, not "${text}"`);
    limits[limit] = Math.round(value * unit);
  }
  return limits;
}
