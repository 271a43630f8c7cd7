export const ExitCode = { ok: 0, badInput: 1, usage: 2, internal: 70 } as const;

/** Wrong flags or arguments: print usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
