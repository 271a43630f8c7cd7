import type { IpFamily } from '../domain/ip';
import { readCidr } from '../input/addressFields';
import type { AwsExport } from './draft';
import { idInFileName } from './idInFileName';

const command = 'get-managed-prefix-list-entries';
const unnamed = { prefix: 'pl', command, whose: 'prefix list', noun: 'list', what: 'entries' };

/**
 * `aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-…` prints `{"Entries": [{"Cidr", …}]}`
 * and nowhere says which list they belong to: the file's name has to. Without these entries every rule
 * naming a customer-managed list is undecidable, since describe-managed-prefix-lists prints none.
 */
export const prefixListEntriesExport: AwsExport = {
  listKey: 'Entries',
  command,
  read(list, into) {
    const id = idInFileName(list, unnamed);
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
