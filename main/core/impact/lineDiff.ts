import type { ChangedLine, ObjectChanges } from './types';

/** Items matched by their line first; what is left is removed, added, or changed when its id stays. */
export function diffByLine<T>(
  allBefore: readonly T[],
  allAfter: readonly T[],
  idOf: (item: T) => string,
  segmentOf: (item: T) => string,
  lineOf: (item: T) => string,
): ObjectChanges {
  const [before, after] = withoutShared(allBefore, allAfter);
  // Printed once per item: a rule's line costs more than the rest of the diff.
  const beforeLines = before.map(lineOf);
  const afterLines = after.map(lineOf);
  const unmatched = (
    items: readonly T[],
    lines: readonly string[],
    others: readonly string[],
  ): ChangedLine[] => {
    const counts = new Map<string, number>();
    for (const other of others) counts.set(other, (counts.get(other) ?? 0) + 1);
    return items.flatMap((item, at) => {
      const text = lines[at] as string;
      const left = counts.get(text) ?? 0;
      counts.set(text, left - 1);
      return left > 0 ? [] : [{ id: idOf(item), segment: segmentOf(item), text }];
    });
  };
  const removed = unmatched(before, beforeLines, afterLines);
  const added = unmatched(after, afterLines, beforeLines);
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
