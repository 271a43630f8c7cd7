import { BadInputError } from '../domain/errors';
import type { IpFamily } from '../domain/ip';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import type { AwsExport } from './draft';

const command = 'get-managed-prefix-list-entries';

/**
 * `aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-…` prints `{"Entries": [{"Cidr", …}]}`
 * and nowhere says which list they belong to: the file's name has to. Without these entries every rule
 * naming a customer-managed list is undecidable, since describe-managed-prefix-lists prints none.
 */
export const prefixListEntriesExport: AwsExport = {
  listKey: 'Entries',
  command,
  read(list, into) {
    const id = prefixListIdOfFile(list);
    let family: IpFamily | undefined;
    const entries: string[] = [];
    for (const entry of list.eachItem()) {
      // A list holds one address family; the first entry says which.
      const cidr = readCidr(entry.at('Cidr'), family);
      family ??= cidr.includes(':') ? 6 : 4;
      entries.push(cidr);
    }
    into.prefixLists.push({
      id,
      name: null,
      addressFamily: family === undefined ? null : `IPv${family}`,
      entries,
      source: list.source,
    });
    return entries.length;
  },
};

/** Real ids are `pl-` and 8 or 17 hex digits; letters beyond f are allowed so hand-made names still read. */
const prefixListIdPattern = /(?<![0-9a-z])pl-[0-9a-z]{8,}(?![0-9a-z])/gi;

function prefixListIdOfFile(list: JsonCursor): string {
  const fileName = list.file.split(/[\\/]/).pop() ?? list.file;
  const ids = new Set(Array.from(fileName.matchAll(prefixListIdPattern), (match) => match[0].toLowerCase()));
  if (ids.size === 1) return [...ids][0] as string;
  const found = ids.size === 0 ? 'it names none' : `it names ${[...ids].join(' and ')}`;
  throw new BadInputError(
    `${list.file} ${list.path}: ${command} output does not say which prefix list it holds, so Faultline reads ` +
      `the list's id from the file name, and ${found}: save each list's entries as its id, such as ` +
      `pl-0123456789abcdef0.json`,
    list.file,
    list.path,
  );
}
