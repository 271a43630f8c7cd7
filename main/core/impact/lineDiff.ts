import type { ChangedLine, ObjectChanges } from './types';

/** Items matched by their line first; what is left is removed, added, or changed when its id stays. */
export function diffByLine<T>(
  before: readonly T[],
  after: readonly T[],
  idOf: (item: T) => string,
  segmentOf: (item: T) => string,
  lineOf: (item: T) => string,
): ObjectChanges {
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
