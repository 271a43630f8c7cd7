import { describe, expect, it } from 'vitest';
import { decompress } from '../../../main/store/compression';
import { PagePrinter } from '../../../main/store/pagePrinter';
import { pageText } from '../../../main/store/pages';

describe('PagePrinter', () => {
  it('prints each page byte for byte as pageText does, however many pages are under way at once', async () => {
    const printer = new PagePrinter();
    // More pages than buffers, pages that outgrow a buffer, an empty page, and text beyond ASCII;
    // large enough that a buffer reused before its compression ends would garble a page.
    const pages = Array.from({ length: 12 }, (_, page) =>
      Array.from({ length: page === 3 ? 0 : 1500 * page + 1 }, (_, index) => ({
        id: `sg-${page}-${index}`,
        description: `${'é'.repeat(page * 10)} 🛡 "quoted" \\ ${(index * 7919) % 100_003}`,
        tags: [{ key: 'team', value: page % 2 === 0 ? 'payments' : null }],
      })),
    );
    const printed = [];
    for (const objects of pages) printed.push((await printer.print(objects)).compressed);
    const texts = (await Promise.all(printed)).map((bytes) => decompress(bytes).toString('utf8'));
    expect(texts).toEqual(pages.map((objects) => pageText(objects)));
  });
});
