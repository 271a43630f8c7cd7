import { decompress } from './compression';

/** Objects per stored page: large enough that SQLite's per-row work vanishes, small enough to stream. */
export const pageSize = 1000;

/**
 * A row of `estate_page` or `finding_page`: brotli-compressed JSON, or plain JSON text in estate pages
 * migrated from v5.
 */
export interface StoredPage {
  readonly content: Buffer | string;
}

/**
 * `{ "objects": [...] }`. Estate pages written by schema v6 also hold `rawIndex`, and those migrated
 * from v5 `raws`: each object's original JSON, which v7 keeps as whole files instead
 * (sourceOriginals.ts).
 */
interface PageDocument {
  readonly objects: Record<string, unknown>[];
}

/**
 * Objects per line of a page. A page's text is `{"objects":[...]}`, its objects printed this many to
 * a line: JSON.stringify prints no line breaks, so every one in a page ends a line (`,\n`). A reader
 * then decodes and parses a line at a time (`linesOf`): a line stays under V8's large-object size,
 * while a whole page's text (up to half a MB) went to memory of its own, fresh each time, and
 * decoding the bench estate's pages took a quarter of a second more (docs/performance.md).
 */
export const objectsPerLine = 64;

const head = '{"objects":[';
const tail = ']}';
const lineBreak = 0x0a;

/**
 * A page's text, handed to `write` piece by piece: PagePrinter writes the pieces into a buffer it
 * uses again, `pageText` joins them. One JSON.stringify call per line keeps each piece small enough
 * for V8's young generation.
 */
export function printPage(objects: readonly object[], write: (text: string) => void): void {
  write(head);
  for (let first = 0; first < objects.length; first += objectsPerLine) {
    if (first > 0) write(',\n');
    write(JSON.stringify(objects.slice(first, first + objectsPerLine)).slice(1, -1));
  }
  write(tail);
}

export function pageText(objects: readonly object[]): string {
  const pieces: string[] = [];
  printPage(objects, (text) => pieces.push(text));
  return pieces.join('');
}

/**
 * The objects of a page printed in lines, each line parsed on its own; null for a page of one line
 * or of an older shape (no line breaks, or `rawIndex` after the objects), which is parsed whole.
 */
function linesOf(bytes: Buffer): Record<string, unknown>[] | null {
  const end = bytes.length - tail.length;
  if (
    !bytes.includes(lineBreak) ||
    bytes.toString('latin1', 0, head.length) !== head ||
    bytes.toString('latin1', end) !== tail
  ) {
    return null;
  }
  const objects: Record<string, unknown>[] = [];
  for (let start = head.length; start < end; ) {
    const found = bytes.indexOf(lineBreak, start);
    const stop = found === -1 || found > end ? end : found;
    // Every line but the last ends with the comma before the line break.
    const line = bytes.toString('utf8', start, stop < end ? stop - 1 : stop);
    for (const object of JSON.parse(`[${line}]`) as Record<string, unknown>[]) objects.push(object);
    start = stop + 1;
  }
  return objects;
}

export function decodePage({ content }: StoredPage): Record<string, unknown>[] {
  if (typeof content === 'string') return (JSON.parse(content) as PageDocument).objects;
  const bytes = decompress(content);
  return linesOf(bytes) ?? (JSON.parse(bytes.toString('utf8')) as PageDocument).objects;
}
