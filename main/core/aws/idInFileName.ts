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
  const ids = idsInFileName(cursor.file, prefix);
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

/**
 * The ids a file's name carries (of the given prefix, or any id-like word: letters, a dash and 8 or
 * more letters and digits, at least one a digit, as `pl-…` and `tgw-rtb-…`), lower-case. Two files of
 * the same bytes are one export given twice only where their names carry the same ids:
 * `{"Entries": []}` saved as two empty lists' entries is two lists.
 */
export function idsInFileName(file: string, prefix?: string): Set<string> {
  const id =
    prefix === undefined ? '[a-z]+(?:-[a-z]+)*-(?=[a-z]*[0-9])[0-9a-z]{8,}' : `${prefix}-[0-9a-z]{8,}`;
  const pattern = new RegExp(`(?<![0-9a-z])${id}(?![0-9a-z])`, 'gi');
  const fileName = file.split(/[\\/]/).pop() ?? file;
  return new Set(Array.from(fileName.matchAll(pattern), (match) => match[0].toLowerCase()));
}
