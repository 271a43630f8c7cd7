import { BadInputError } from '../domain/errors';
import type { JsonCursor } from '../input/jsonCursor';

/** What an output holds without naming it: `{ prefix: 'pl', whose: 'prefix list', noun: 'list', what: 'entries' }`. */
export interface Unnamed {
  readonly prefix: string;
  readonly command: string;
  readonly whose: string;
  readonly noun: string;
  readonly what: string;
}

/**
 * The one id with the given prefix in the name of the file a list was read from, for outputs that
 * print a list and nowhere say whose it is. Real ids are the prefix and 8 or 17 hex digits; letters
 * beyond f are allowed so hand-made names still read. A name with none, or with two different ones,
 * is refused, naming the file and what to call it.
 */
export function idInFileName(cursor: JsonCursor, { prefix, command, whose, noun, what }: Unnamed): string {
  const pattern = new RegExp(`(?<![0-9a-z])${prefix}-[0-9a-z]{8,}(?![0-9a-z])`, 'gi');
  const fileName = cursor.file.split(/[\\/]/).pop() ?? cursor.file;
  const ids = new Set(Array.from(fileName.matchAll(pattern), (match) => match[0].toLowerCase()));
  if (ids.size === 1) return [...ids][0] as string;
  const found = ids.size === 0 ? 'it names none' : `it names ${[...ids].join(' and ')}`;
  throw new BadInputError(
    `${cursor.file} ${cursor.path}: ${command} output does not say which ${whose} it holds, so Faultline ` +
      `reads the ${noun}'s id from the file name, and ${found}: save each ${noun}'s ${what} as its id, ` +
      `such as ${prefix}-0123456789abcdef0.json`,
    cursor.file,
    cursor.path,
  );
}
