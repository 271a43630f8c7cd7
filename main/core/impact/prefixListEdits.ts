import type { PrefixList } from '../domain/estate';
import { cidrKey, parseCidr } from '../domain/ip';
import { isAwsManaged } from '../domain/prefixLists';
import type { ChangeEdit } from './change';
import { FieldError } from './ruleFields';

export type PrefixListEdit = Extract<
  ChangeEdit,
  { op: 'add-prefix-list-entry' | 'remove-prefix-list-entry' }
>;

/**
 * The lists after one entry is added or removed, as `aws ec2 modify-managed-prefix-list --add-entries`
 * or `--remove-entries` would leave them. Entries are one per network, whatever its text. A list whose
 * entries the export lacks is refused: what it holds after the edit would be as unknown as before,
 * and the report could only guess.
 */
export function editPrefixLists(lists: readonly PrefixList[], edit: PrefixListEdit): PrefixList[] {
  const list = lists.find((one) => one.id === edit.prefixListId);
  if (list === undefined)
    throw new FieldError('prefixListId', `no prefix list ${edit.prefixListId} in this snapshot`);
  if (isAwsManaged(list.name))
    throw new FieldError('prefixListId', `${list.id} (${list.name}) is managed by AWS: nobody else edits it`);
  if (list.entries === null)
    throw new FieldError(
      'prefixListId',
      `the entries of ${list.id} are not in this snapshot: export them with ` +
        `aws ec2 get-managed-prefix-list-entries --prefix-list-id ${list.id} (docs/aws-import.md)`,
    );
  const cidrText = edit.cidr.trim();
  const cidr = parseCidr(cidrText);
  if (cidr === null) throw new FieldError('cidr', `"${edit.cidr}" is not an IPv4 or IPv6 CIDR`);
  const family = list.addressFamily ?? familyOfEntries(list.entries);
  if (family !== null && family !== `IPv${cidr.family}`)
    throw new FieldError('cidr', `${list.id} holds ${family} entries; ${cidrText} is IPv${cidr.family}`);
  const existing = list.entries.find((entry) => {
    const parsed = parseCidr(entry);
    return parsed !== null && cidrKey(parsed) === cidrKey(cidr);
  });
  let entries: string[];
  if (edit.op === 'add-prefix-list-entry') {
    if (existing !== undefined) throw new FieldError('cidr', `${list.id} already has the entry ${existing}`);
    entries = [...list.entries, cidrText];
  } else {
    if (existing === undefined) throw new FieldError('cidr', `${list.id} has no entry ${cidrText}`);
    entries = list.entries.filter((entry) => entry !== existing);
  }
  const edited: PrefixList = { ...list, addressFamily: family ?? `IPv${cidr.family}`, entries };
  return lists.map((one) => (one === list ? edited : one));
}

function familyOfEntries(entries: readonly string[]): string | null {
  const [first] = entries;
  return first === undefined ? null : first.includes(':') ? 'IPv6' : 'IPv4';
}
