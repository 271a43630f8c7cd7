import { UsageError } from './exitCodes';
import { type ParsedCommand, stringOption } from './options';

export const snapshotOption = { snapshot: { type: 'string' } } as const;

/** `--snapshot ID`, or undefined for the newest snapshot. */
export function readSnapshotId(parsed: ParsedCommand, command: string): number | undefined {
  const text = stringOption(parsed, 'snapshot');
  if (text === undefined) return undefined;
  const id = Number(text);
  if (!(Number.isInteger(id) && id > 0)) {
    throw new UsageError(`${command}: --snapshot takes a snapshot id (see \`faultline snapshots\`)`);
  }
  return id;
}
