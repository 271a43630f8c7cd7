import { describe, expect, it } from 'vitest';
import { compressSync } from '../../../main/store/compression';
import { decodePage, objectsPerLine, pageText } from '../../../main/store/pages';

const objects = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    id: `sg-${index}`,
    // What a line-by-line reader must not mistake for the end of a line or of the page.
    description: `line\nbreak ,\n },{ ]} "quoted" \\ é 🛡 ${index}`,
    tags: { team: index % 2 === 0 ? 'payments' : null },
  }));

describe('estate and finding pages', () => {
  it.each([0, 1, objectsPerLine, objectsPerLine + 1, 5 * objectsPerLine + 3])(
    'print %i objects in lines and read them back',
    (count) => {
      const text = pageText(objects(count));
      expect(text.split('\n')).toHaveLength(Math.max(1, Math.ceil(count / objectsPerLine)));
      expect(JSON.parse(text)).toEqual({ objects: objects(count) });
      expect(decodePage({ content: compressSync(text) })).toEqual(objects(count));
    },
  );

  it('reads pages printed before lines, whole, and those of schema v6 with their raw index', () => {
    const before = JSON.stringify({ objects: objects(300) });
    expect(decodePage({ content: compressSync(before) })).toEqual(objects(300));
    const v6 = JSON.stringify({ objects: objects(70), rawIndex: [[0, 10]] });
    expect(decodePage({ content: compressSync(v6) })).toEqual(objects(70));
    expect(decodePage({ content: before })).toEqual(objects(300));
  });
});
