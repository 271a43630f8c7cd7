import { UsageError } from './exitCodes';
import { wholeNumber } from './numberText';
import { type ParsedCommand, stringOption } from './options';

export const snapshotOption = { snapshot: { type: 'string' } } as const;

/** `--snapshot ID`, or undefined for the newest snapshot. */
export function readSnapshotId(parsed: ParsedCommand, command: string): number | undefined {
  const text = stringOption(parsed, 'snapshot');
  return text === undefined ? undefined : parseSnapshotId(text, command, '--snapshot');
}

/** A snapshot id as typed, given as `what` (an option or an argument). */
export function parseSnapshotId(text: string, command: string, what: string): number {
  const id = wholeNumber(text);
  if (id === null || id === 0)
    throw new UsageError(
      `${command}: ${what} takes a snapshot id (see \`faultline snapshots\`), not "${text}"`,
    );
  return id;
}
