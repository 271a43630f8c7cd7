import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffByLine } from '../../../main/core/impact/lineDiff';

interface Item {
  readonly id: string;
  readonly line: string;
}

const diff = (before: readonly Item[], after: readonly Item[]) =>
  diffByLine(
    before,
    after,
    (item) => item.id,
    () => 'sg-1',
    (item) => item.line,
  );

/** The same lists with no object shared: every item a copy, so only lines can match. */
const copies = (items: readonly Item[]) => items.map((item) => ({ ...item }));

describe('diffByLine', () => {
  it('reports a moved rule as nothing, an edited one as changed, and the rest as added or removed', () => {
    const kept = { id: 'r1', line: 'tcp/443 from 10.0.0.0/8' };
    const edited = { id: 'r2', line: 'tcp/22 from 10.0.0.0/8' };
    const gone = { id: 'r3', line: 'udp/53 from 10.0.0.0/8' };
    const changes = diff(
      [kept, edited, gone],
      [
        { id: 'r9', line: kept.line },
        { id: 'r2', line: 'tcp/22 from 10.1.0.0/16' },
        { id: 'r4', line: 'icmp' },
      ],
    );
    expect(changes.changed).toEqual([
      { id: 'r2', segment: 'sg-1', before: 'tcp/22 from 10.0.0.0/8', after: 'tcp/22 from 10.1.0.0/16' },
    ]);
    expect(changes.removed.map((line) => line.id)).toEqual(['r3']);
    expect(changes.added.map((line) => line.id)).toEqual(['r4']);
  });

  it('adds and removes the same lines whether the lists share objects (a what-if) or not (two snapshots)', () => {
    // Which of two items with one line is named may differ (a shared object matches itself first);
    // what was added and removed may not.
    const lines = (changes: ReturnType<typeof diff>) => ({
      added: [...changes.added.map((line) => line.text), ...changes.changed.map((c) => c.after)].sort(),
      removed: [...changes.removed.map((line) => line.text), ...changes.changed.map((c) => c.before)].sort(),
    });
    const line = fc.constantFrom('x', 'y', 'z');
    const items = (ids: string[]) =>
      fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), line }), {
        selector: (item) => item.id,
        maxLength: 6,
      });
    const whatIf = items(['a', 'b', 'c', 'd', 'e', 'f']).chain((base) =>
      fc.tuple(
        fc.constant(base),
        fc.array(fc.constantFrom('keep', 'edit', 'drop'), { minLength: base.length, maxLength: base.length }),
        line,
        items(['p', 'q', 'r']),
      ),
    );
    fc.assert(
      // As a what-if makes it: untouched rules are the same objects, an edited one keeps its key with
      // another line, some are removed, new ones (new keys) come first or last.
      fc.property(whatIf, ([base, actions, edit, extra]) => {
        const kept = base.flatMap((item, at) =>
          actions[at] === 'keep' ? [item] : actions[at] === 'edit' ? [{ id: item.id, line: edit }] : [],
        );
        const after = [...extra.slice(0, 1), ...kept, ...extra.slice(1)];
        expect(lines(diff(base, after))).toEqual(lines(diff(copies(base), copies(after))));
      }),
      { numRuns: 500 },
    );
  });

  it('names the new object, not an untouched one with the same line', () => {
    const untouched = { id: 'r1', line: 'tcp/443 from 10.0.0.0/8' };
    const added = { id: 'r7', line: untouched.line };
    expect(diff([untouched], [added, untouched]).added.map((line) => line.id)).toEqual(['r7']);
  });
});
