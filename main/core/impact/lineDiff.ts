import type { ChangedLine, ObjectChanges } from './types';

/**
 * Items matched by their key (their line, unless a key says more plainly what they admit) first;
 * what is left is removed, added, or changed when its id stays, shown by its line.
 */
export function diffByLine<T>(
  allBefore: readonly T[],
  allAfter: readonly T[],
  idOf: (item: T) => string,
  segmentOf: (item: T) => string,
  lineOf: (item: T) => string,
  keyOf: (item: T) => string = lineOf,
): ObjectChanges {
  const [before, after] = withoutShared(allBefore, allAfter);
  // Printed once per item: a rule's line costs more than the rest of the diff.
  const beforeKeys = before.map(keyOf);
  const afterKeys = after.map(keyOf);
  const unmatched = (
    items: readonly T[],
    keys: readonly string[],
    others: readonly string[],
  ): ChangedLine[] => {
    const counts = new Map<string, number>();
    for (const other of others) counts.set(other, (counts.get(other) ?? 0) + 1);
    return items.flatMap((item, at) => {
      const key = keys[at] as string;
      const left = counts.get(key) ?? 0;
      counts.set(key, left - 1);
      if (left > 0) return [];
      return [{ id: idOf(item), segment: segmentOf(item), text: keyOf === lineOf ? key : lineOf(item) }];
    });
  };
  const removed = unmatched(before, beforeKeys, afterKeys);
  const added = unmatched(after, afterKeys, beforeKeys);
  const addedById = new Map(added.map((line) => [line.id, line]));
  const changed = removed.flatMap((line) => {
    const next = addedById.get(line.id);
    return next ? [{ id: line.id, segment: line.segment, before: line.text, after: next.text }] : [];
  });
  const changedIds = new Set(changed.map((one) => one.id));
  return {
    added: added.filter((line) => !changedIds.has(line.id)),
    removed: removed.filter((line) => !changedIds.has(line.id)),
    changed,
  };
}

/**
 * Both lists less the objects they share, each occurrence matched once. A what-if shares every
 * object it did not edit with the snapshot; those match themselves, so only the rest need their
 * lines printed (100,000 rules a side on the bench estate).
 */
function withoutShared<T>(before: readonly T[], after: readonly T[]): [T[], T[]] {
  const unmatched = new Map<T, number>();
  for (const item of before) unmatched.set(item, (unmatched.get(item) ?? 0) + 1);
  const matched = new Map<T, number>();
  const restAfter = after.filter((item) => {
    const left = unmatched.get(item) ?? 0;
    if (left === 0) return true;
    unmatched.set(item, left - 1);
    matched.set(item, (matched.get(item) ?? 0) + 1);
    return false;
  });
  const restBefore = before.filter((item) => {
    const left = matched.get(item) ?? 0;
    if (left === 0) return true;
    matched.set(item, left - 1);
    return false;
  });
  return [restBefore, restAfter];
}

/** Equal objects, ignoring where they were read: two snapshots of one network come from different files. */
export function sameContent(a: readonly object[], b: readonly object[]): boolean {
  if (a === b) return true;
  const text = (items: readonly object[]) =>
    JSON.stringify(
      items.map((item) => {
        const { source: _source, ...content } = item as Record<string, unknown>;
        return content;
      }),
    );
  return a.length === b.length && text(a) === text(b);
}
