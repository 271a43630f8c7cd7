import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './exitCodes';

type Options = NonNullable<ParseArgsConfig['options']>;

export const dbOption = { db: { type: 'string' }, json: { type: 'boolean' } } as const satisfies Options;

export interface ParsedCommand {
  readonly db: string;
  readonly json: boolean;
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * parseArgs with usage errors a user can read, and --db required. An option that takes a value may be
 * given once: parseArgs keeps the last, so `--db a.db … --db b.db` would silently write to b.db.
 */
export function parseCommand(command: string, args: string[], options: Options): ParsedCommand {
  try {
    const { values, positionals, tokens } = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    const valued = tokens.flatMap((t) => (t.kind === 'option' && t.value !== undefined ? [t.name] : []));
    const repeated = valued.find((name, index) => valued.indexOf(name) !== index);
    if (repeated !== undefined) throw new Error(`--${repeated} is given more than once; give it once`);
    const flags = values as Record<string, string | boolean | undefined>;
    if (typeof flags.db !== 'string' || flags.db === '') throw new Error('--db FILE is required');
    return { db: flags.db, json: flags.json === true, values: flags, positionals };
  } catch (error) {
    throw new UsageError(`${command}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function stringOption(parsed: ParsedCommand, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}
