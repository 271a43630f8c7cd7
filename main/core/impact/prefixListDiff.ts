import type { Estate, PrefixList } from '../domain/estate';
import { diffByLine, sameContent } from './lineDiff';
import type { PrefixListChanges } from './types';

interface ListEntry {
  readonly list: PrefixList;
  readonly cidr: string;
}

/**
 * Entries of the lists whose entries both sides know (or one side, for a list only it has). A list
 * whose entries only one side exported did not gain or lose them: its rules go from undecidable to
 * decided, which the verdicts show, and it is in `changedPrefixLists`.
 */
function knownEntries(estate: Estate, other: Estate): ListEntry[] {
  const otherLists = new Map(other.prefixLists.map((list) => [list.id, list]));
  return estate.prefixLists.flatMap((list) => {
    const there = otherLists.get(list.id);
    if (list.entries === null || there?.entries === null) return [];
    return list.entries.map((cidr) => ({ list, cidr }));
  });
}

const entryId = (entry: ListEntry) => `${entry.list.id} ${entry.cidr}`;
const entryLine = ({ list, cidr }: ListEntry) => `${list.id}${list.name ? ` (${list.name})` : ''} ${cidr}`;

/** Entries added and removed by list, and the groups whose rules name an edited list. */
export function diffPrefixListEntries(before: Estate, after: Estate): PrefixListChanges {
  const changes = diffByLine(
    knownEntries(before, after),
    knownEntries(after, before),
    entryId,
    (entry) => entry.list.id,
    entryLine,
  );
  const edited = new Set(
    [...changes.added, ...changes.removed, ...changes.changed].map((line) => line.segment),
  );
  return { ...changes, namedBy: groupsNaming(before, after, edited) };
}

/** The lists that differ in any way between the two sides: added, removed, renamed, entries. */
export function changedPrefixLists(before: Estate, after: Estate): Set<string> {
  const old = new Map(before.prefixLists.map((list) => [list.id, list]));
  const changed = new Set<string>();
  for (const list of after.prefixLists) {
    const was = old.get(list.id);
    if (was === undefined || (was !== list && !sameContent([was], [list]))) changed.add(list.id);
    old.delete(list.id);
  }
  for (const id of old.keys()) changed.add(id);
  return changed;
}

/** Groups with a rule, on either side, whose peer is one of the lists. */
export function groupsNaming(before: Estate, after: Estate, lists: ReadonlySet<string>): string[] {
  if (lists.size === 0) return [];
  const groups = new Set<string>();
  for (const rules of [before.securityGroupRules, after.securityGroupRules])
    for (const rule of rules)
      if (rule.peer.kind === 'prefix-list' && lists.has(rule.peer.prefixListId)) groups.add(rule.groupId);
  return [...groups].sort();
}
