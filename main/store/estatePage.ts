import { type Estate, type EstateKey, estateKeys } from '../core/domain/estate';
import { PagePrinter } from './pagePrinter';
import { pageSize } from './pages';

export interface EncodedPage {
  readonly kind: EstateKey;
  readonly page: number;
  readonly content: Buffer;
}

/**
 * The estate in pages, compressed. The main thread prints each page's JSON while libuv's threads
 * compress the ones before (PagePrinter); `onPage` is called as each page is printed.
 */
export async function encodeEstate(
  estate: Estate,
  onPage?: (done: number, total: number) => void,
): Promise<EncodedPage[]> {
  const total = estateKeys.reduce((sum, key) => sum + estate[key].length, 0);
  const printer = new PagePrinter();
  const pages: Promise<EncodedPage>[] = [];
  let done = 0;
  for (const kind of estateKeys) {
    const items: readonly object[] = estate[kind];
    for (let first = 0; first < items.length; first += pageSize) {
      const slice = items.slice(first, first + pageSize);
      const page = first / pageSize;
      const { compressed } = await printer.print(slice);
      pages.push(compressed.then((content) => ({ kind, page, content })));
      done += slice.length;
      onPage?.(done, total);
    }
  }
  return Promise.all(pages);
}
