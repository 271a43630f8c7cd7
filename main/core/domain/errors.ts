import type { FileOutcome } from './importReport';

/**
 * Input the user gave us is wrong. Carries the file and the place in it, and the outcome of every
 * file looked at so far, so the user sees the whole picture and not only the first failure.
 */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
  constructor(
    message: string,
    readonly file: string | null = null,
    readonly place: string | null = null,
    readonly files: readonly FileOutcome[] = [],
  ) {
    super(message);
  }
}

/** A referenced snapshot (or other stored object) does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
