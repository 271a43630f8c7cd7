import { type Estate, type EstateKey, estateKeys } from '../core/domain/estate';
import { compress } from './compression';
import { pageSize, pageText } from './pages';

export interface EncodedPage {
  readonly kind: EstateKey;
  readonly page: number;
  readonly content: Buffer;
}

/**
 * The estate in pages, compressed. The main thread prints each page's JSON while libuv's threads
 * compress the ones before; `onPage` is called as each page is printed.
 */
export async function encodeEstate(
  estate: Estate,
  onPage?: (done: number, total: number) => void,
): Promise<EncodedPage[]> {
  const total = estateKeys.reduce((sum, key) => sum + estate[key].length, 0);
  const pages: Promise<EncodedPage>[] = [];
  let done = 0;
  for (const kind of estateKeys) {
    const items: readonly object[] = estate[kind];
    for (let first = 0; first < items.length; first += pageSize) {
      const slice = items.slice(first, first + pageSize);
      const page = first / pageSize;
      pages.push(compress(pageText(slice)).then((content) => ({ kind, page, content })));
      done += slice.length;
      onPage?.(done, total);
      // Lets finished compressions hand their output back and the threads take the next pages.
      if (pages.length % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return Promise.all(pages);
}
