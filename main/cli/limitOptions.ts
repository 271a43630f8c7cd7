import type { ImportLimits } from '../core/input/limits';
import { UsageError } from './exitCodes';
import { type ParsedCommand, stringOption } from './options';

const MiB = 1024 * 1024;

/** One flag per import limit; the core's limit messages name these flags. */
const limitFlags: Readonly<Record<string, { readonly limit: keyof ImportLimits; readonly unit: number }>> = {
  'max-file-mb': { limit: 'maxFileBytes', unit: MiB },
  'max-total-mb': { limit: 'maxTotalBytes', unit: MiB },
  'max-archive-entries': { limit: 'maxArchiveEntries', unit: 1 },
  'max-compression-ratio': { limit: 'maxCompressionRatio', unit: 1 },
};

export const limitOptions = Object.fromEntries(
  Object.keys(limitFlags).map((flag) => [flag, { type: 'string' as const }]),
);

export function readLimits(parsed: ParsedCommand): Partial<ImportLimits> {
  const limits: Partial<Record<keyof ImportLimits, number>> = {};
  for (const [flag, { limit, unit }] of Object.entries(limitFlags)) {
    const text = stringOption(parsed, flag);
    if (text === undefined) continue;
    const value = Number(text);
    if (!(Number.isFinite(value) && value > 0))
      throw new UsageError(`import: --${flag} takes a positive number`);
    limits[limit] = Math.round(value * unit);
  }
  return limits;
}
