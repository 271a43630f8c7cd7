import { BadInputError } from '../domain/errors';

/**
 * Ceilings on what one import may read. They keep a hostile or mistaken input (a zip bomb, a disk
 * image dropped by accident) from exhausting memory before a single record is parsed.
 */
export interface ImportLimits {
  /** Largest single file, or inflated zip member. */
  readonly maxFileBytes: number;
  /** All files of one import together, zip members counted inflated. */
  readonly maxTotalBytes: number;
  readonly maxArchiveEntries: number;
  /** Inflated bytes per compressed byte of a zip member. */
  readonly maxCompressionRatio: number;
}

const MiB = 1024 * 1024;

export const defaultImportLimits: ImportLimits = {
  maxFileBytes: 256 * MiB,
  maxTotalBytes: 2048 * MiB,
  maxArchiveEntries: 10_000,
  maxCompressionRatio: 200,
};

/** The options a user sets each limit with, named in every limit message so the way out is one step. */
const limitFlags: Readonly<Record<keyof ImportLimits, string>> = {
  maxFileBytes: '--max-file-mb',
  maxTotalBytes: '--max-total-mb',
  maxArchiveEntries: '--max-archive-entries',
  maxCompressionRatio: '--max-compression-ratio',
};

export function resolveLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  const limits = { ...defaultImportLimits };
  for (const key of Object.keys(limitFlags) as (keyof ImportLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!(Number.isFinite(value) && value > 0)) {
      throw new BadInputError(`import limit ${key} must be a positive number, got ${value}`);
    }
    limits[key] = value;
  }
  return limits;
}

export function formatSize(bytes: number): string {
  const round = (n: number) => String(Number(n.toFixed(1)));
  if (bytes >= MiB) return `${round(bytes / MiB)} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** `message` ends where the limit's name would, e.g. "file a.json is 300 MB, over the 256 MB". */
export function overLimit(file: string, message: string, limit: keyof ImportLimits): BadInputError {
  return new BadInputError(`${message} limit (set with ${limitFlags[limit]})`, file);
}

export function fileTooBig(file: string, size: number, limits: ImportLimits): BadInputError {
  const limit = formatSize(limits.maxFileBytes);
  return overLimit(file, `file ${file} is ${formatSize(size)}, over the ${limit}`, 'maxFileBytes');
}

/** Counts bytes across every file of one import against maxTotalBytes. */
export class ByteBudget {
  private used = 0;

  constructor(private readonly limits: ImportLimits) {}

  take(file: string, bytes: number): void {
    this.used += bytes;
    if (this.used > this.limits.maxTotalBytes) {
      const limit = formatSize(this.limits.maxTotalBytes);
      throw overLimit(file, `reading ${file} takes the import over the ${limit} total`, 'maxTotalBytes');
    }
  }
}
