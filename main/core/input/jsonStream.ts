import { isAscii, isUtf8 } from 'node:buffer';
import { BadInputError } from '../domain/errors';
import { isHostileKey, mayHaveHostileKeys, rejectHostileKeys } from './hostileKeys';
import { childPath } from './jsonPath';
import { findSyntaxError } from './jsonSyntax';

/**
 * Reads a JSON file whose top level is an object, member by member, and the arrays among those
 * members item by item, each item parsed by `JSON.parse` on its own text as it is asked for.
 *
 * Why: `JSON.parse` of a whole export needs the file as one string (V8 caps strings near 512 MB, so
 * a larger describe-instances export could not be read at all), and makes the whole tree at once, so
 * every object of a 300 MB export survives young-generation collection and is copied before the
 * readers drop it. Item by item, only the domain objects survive.
 *
 * What it accepts and refuses is exactly what `JSON.parse` of the whole text does (the tests compare
 * the two on random documents): every item's text goes through `JSON.parse`, and the bytes between
 * items (brackets, commas, keys) are checked here. Errors name the line and column as
 * `parseJsonFile`'s do.
 */

const space = new Set([0x20, 0x09, 0x0a, 0x0d]);
const quote = 0x22;
const backslash = 0x5c;

/**
 * Bytes the searches for item ends may read, in file lengths: one for the items, and more for the
 * last item of each array, whose search runs on to the end of the file.
 */
const searchBudget = 4;

/** Longest text handed to JSON.parse at once; far above any item, far below V8's string limit. */
const maxPieceBytes = 256 * 1024 * 1024;

/**
 * About how much of an array is parsed at once, in bytes: enough items that finding where they end
 * (one search from this far on, instead of one over every item's bytes) and handing them to
 * JSON.parse cost little per item, few enough that the items not yet read stay small next to V8's
 * young generation, which copies whatever is still alive when it is collected.
 */
export const defaultBatchBytes = 64 * 1024;

/** The bytes of one file, with the positions the reader works in turned into what users see. */
class JsonBytes {
  readonly bytes: Buffer;
  /** Past the byte order mark, if any: where the text starts. */
  readonly start: number;
  private readonly ascii: boolean;
  private searched = 0;

  constructor(
    readonly name: string,
    data: Uint8Array,
    /** Told the position reached after each item, or batch of items, of a top-level array. */
    readonly onItem: (offset: number) => void,
  ) {
    this.bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const { bytes } = this;
    this.start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const text = bytes.subarray(this.start);
    // Nearly every export is ASCII, which is valid UTF-8 and decodes by a copy; the ASCII check is
    // also many times faster than the UTF-8 one.
    this.ascii = isAscii(text);
    if (!this.ascii && !isUtf8(text)) {
      throw new BadInputError(`${name} is not valid UTF-8 text, so it cannot be JSON`, name);
    }
  }

  get length(): number {
    return this.bytes.length;
  }

  text(start: number, end: number): string {
    return this.bytes.toString(this.ascii ? 'latin1' : 'utf8', start, end);
  }

  /**
   * `indexOf`, within a budget: a search that finds nothing reads to the end of the file, and a file
   * laid out to make every search fail must not be read once per item. Past the budget, null.
   */
  search(needle: Buffer, from: number): number | null {
    if (this.searched > searchBudget * this.length) return null;
    const at = this.bytes.indexOf(needle, from);
    this.searched += (at === -1 ? this.length : at + needle.length) - from;
    return at;
  }

  skipSpace(from: number): number {
    let at = from;
    while (space.has(this.bytes[at] as number)) at++;
    return at;
  }

  /** Just past the string that opens at `start`, or the end of the file if it never closes. */
  stringEnd(start: number): number {
    const { bytes } = this;
    for (let at = start + 1; at < bytes.length; at++) {
      const byte = bytes[at];
      if (byte === backslash) at++;
      else if (byte === quote) return at + 1;
    }
    return bytes.length;
  }

  /**
   * Just past the value that starts at `start`, found by counting brackets outside strings; whether
   * the text in between is valid is for JSON.parse to say. A value cut off by the end of the file
   * ends there, and parsing it then names what is missing.
   */
  valueEnd(start: number): number {
    const { bytes } = this;
    const first = bytes[start];
    if (first === quote) return this.stringEnd(start);
    if (first !== 0x7b && first !== 0x5b) return this.scalarEnd(start);
    let depth = 0;
    for (let at = start; at < bytes.length; at++) {
      const byte = bytes[at];
      if (byte === quote) at = this.stringEnd(at) - 1;
      else if (byte === 0x7b || byte === 0x5b) depth++;
      else if ((byte === 0x7d || byte === 0x5d) && --depth === 0) return at + 1;
    }
    return bytes.length;
  }

  /**
   * Just past a number or literal, where JSON's grammar ends it (`01` is the number 0, then a stray
   * `1`), so that an error after it is named as the whole-text scanner names it. Text that is no
   * number or literal runs to the next delimiter, for JSON.parse to refuse.
   */
  private scalarEnd(start: number): number {
    const { bytes } = this;
    let end = start;
    while (end < bytes.length && !isDelimiter(bytes[end] as number)) end++;
    const text = this.text(start, end);
    const match = (scalarPattern.exec(text) as RegExpExecArray)[0];
    if (match.length > 0) return start + match.length;
    // Something JSON.parse must refuse; an empty one (`[,]`, the end of the file) is still one byte.
    return end === start ? Math.min(start + 1, bytes.length) : end;
  }

  /** `JSON.parse` of the value in [start, end), refusing hostile keys (see jsonText.ts) under `path`. */
  parse(start: number, end: number, path: () => string): unknown {
    if (end - start > maxPieceBytes) {
      this.fail(
        start,
        `a single value of more than ${maxPieceBytes / 1024 ** 2} MB starts here, too large to read`,
      );
    }
    const text = this.text(start, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const found = findSyntaxError(text);
      if (found === null) {
        throw new BadInputError(`${this.name} is not valid JSON: ${(error as Error).message}`, this.name);
      }
      const origin = this.lineAndColumn(start);
      const line = origin.line + found.line - 1;
      const column = found.line === 1 ? origin.column + found.column - 1 : found.column;
      this.syntaxError(line, column, found.problem);
    }
    this.checkKeys(text, value, path);
    return value;
  }

  checkKeys(text: string, value: unknown, path: () => string): void {
    if (mayHaveHostileKeys(text)) rejectHostileKeys(this.name, value, path());
  }

  /** A syntax error at `offset`, worded as jsonSyntax.ts words them. */
  fail(offset: number, problem: string): never {
    // One UTF-16 unit, as the whole-text scanner shows it; a UTF-8 character takes up to four bytes.
    const what =
      offset >= this.length ? 'the end of the file' : JSON.stringify(this.text(offset, offset + 4).charAt(0));
    const { line, column } = this.lineAndColumn(offset);
    this.syntaxError(line, column, `${problem}, found ${what}`);
  }

  private syntaxError(line: number, column: number, problem: string): never {
    const place = `line ${line}, column ${column}`;
    throw new BadInputError(`${this.name} is not valid JSON at ${place}: ${problem}`, this.name, place);
  }

  /** 1-based; columns count UTF-16 units, as jsonSyntax.ts does. Only errors ask, so a scan is fine. */
  private lineAndColumn(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = this.start;
    for (let at = this.bytes.indexOf(0x0a); at !== -1 && at < offset; at = this.bytes.indexOf(0x0a, at + 1)) {
      line++;
      lineStart = at + 1;
    }
    return { line, column: this.text(lineStart, offset).length + 1 };
  }
}

/** A number as JSON writes it, or a literal; matches the empty string when neither starts the text. */
const scalarPattern = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)?/;

function isDelimiter(byte: number): boolean {
  return byte === 0x2c || byte === 0x5d || byte === 0x7d || space.has(byte);
}

/**
 * A top-level array, read item by item as `values()` is iterated. Items are parsed a batch at a time
 * where the layout allows it (see `cutBatch`), and handed out one by one. Once the reader moves past
 * it, whatever its consumer left unread is parsed and dropped, so every item is checked either way.
 */
export class StreamedArray {
  private next: number;
  private started = false;
  private finished = false;
  private index = 0;
  /**
   * Where pretty-printed items end: the whitespace before an item, then its closing bracket. AWS CLI
   * output (and jq's) indents every item alike, so one `indexOf` finds the end of each item without
   * looking at its bytes; JSON.parse then proves the cut, and any doubt falls back to counting brackets.
   */
  private readonly needles = new Map<string, Buffer>();
  private trustIndent = true;
  /** Parsed items not yet handed out, from `batched` on; those handed out are cleared for the collector. */
  private batch: unknown[] = [];
  private batched = 0;
  private batching = true;

  /** @param open the position of `[` */
  constructor(
    private readonly file: JsonBytes,
    open: number,
    readonly path: string,
    private readonly batchBytes: number,
  ) {
    this.next = open + 1;
  }

  /** The items in order; one pass only, since the items are not kept. */
  *values(): Generator<unknown> {
    if (this.started) throw new Error(`${this.path} of ${this.file.name} was already read`);
    this.started = true;
    for (let item = this.nextItem(); item !== null; item = this.nextItem()) yield item.value;
  }

  /** Reads the unread rest and returns the position just past `]`. */
  end(): number {
    this.started = true;
    while (this.nextItem() !== null) {}
    return this.next;
  }

  private nextItem(): { value: unknown } | null {
    if (this.batched < this.batch.length) {
      const value = this.batch[this.batched];
      this.batch[this.batched++] = undefined;
      return { value };
    }
    if (this.finished) return null;
    const { file } = this;
    const separator = this.next;
    let start = file.skipSpace(separator);
    const byte = file.bytes[start];
    if (byte === 0x5d && this.index === 0) return this.finish(start);
    if (this.index > 0) {
      if (byte === 0x5d) return this.finish(start);
      if (byte !== 0x2c) file.fail(start, "expected ',' or ']'");
      start = file.skipSpace(start + 1);
    }
    const index = this.index++;
    const path = () => childPath(this.path, index);
    const item =
      this.cutBatch(index, separator, start) ??
      this.cutByIndent(index, separator, start, path) ??
      this.cutByBrackets(start, path);
    file.onItem(this.next);
    return item;
  }

  /**
   * The items from `start` up to the first item end at least `batchBytes` on, parsed by one
   * `JSON.parse` of `[` + their text + `]`, and the first of them; null where the items cannot be
   * cut this way (the first item, a layout the indent does not tell, the last items of the array).
   *
   * The end is found by `indentedEnd`, as `cutByIndent` finds an item's, only searched for from
   * `batchBytes` on. If the parse then succeeds, the text is a list of whole values, so the
   * cut is at an item boundary (a needle holds a newline, which no JSON string can). If it fails,
   * the items are read one by one from here on, which names the error exactly.
   */
  private cutBatch(index: number, separator: number, start: number): { value: unknown } | null {
    const from = start + this.batchBytes;
    if (!this.batching || from >= this.file.length) return null;
    const end = this.indentedEnd(index, separator, start, from, false);
    if (end === null) return null;
    const text = `[${this.file.text(start, end)}]`;
    let items: unknown[];
    try {
      items = JSON.parse(text) as unknown[];
    } catch {
      this.batching = false;
      return null;
    }
    if (mayHaveHostileKeys(text)) {
      for (const [offset, item] of items.entries()) {
        rejectHostileKeys(this.file.name, item, childPath(this.path, index + offset));
      }
    }
    this.next = end;
    this.index = index + items.length;
    this.batch = items;
    this.batched = 1;
    return { value: items[0] };
  }

  private cutByIndent(
    index: number,
    separator: number,
    start: number,
    path: () => string,
  ): { value: unknown } | null {
    const end = this.indentedEnd(index, separator, start, start, true);
    if (end === null) return null;
    const text = this.file.text(start, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Not one whole value: the items are not all indented alike. Count brackets from here on.
      this.trustIndent = false;
      return null;
    }
    this.file.checkKeys(text, value, path);
    this.next = end;
    return { value };
  }

  /**
   * Just past the first item end at or after `from` that the layout shows, for the item that opens at
   * `start`: where an item closes and the next opens, at this item's indent, or (`orLast`) where the
   * last item of the array closes. Null when the layout does not tell, or the cut would be larger
   * than `parse` reads (which then refuses it by name).
   */
  private indentedEnd(
    index: number,
    separator: number,
    start: number,
    from: number,
    orLast: boolean,
  ): number | null {
    const { bytes } = this.file;
    const opener = bytes[start] as number;
    if (!this.trustIndent || (opener !== 0x7b && opener !== 0x5b)) return null;
    // Only the whitespace since the last item may hold the newline: lastIndexOf would go back through
    // a whole minified file, item after item.
    let lineBreak = start - 1;
    while (lineBreak >= separator && bytes[lineBreak] !== 0x0a) lineBreak--;
    if (lineBreak < separator) return null;
    // The item closes on a line of its own, indented as it opens: `\n        }`.
    const indent = bytes.toString('latin1', lineBreak, start);
    const closer = opener === 0x7b ? '}' : ']';
    // Searched for together with what separates two items (`},\n        {`): a needle that starts
    // with a bracket is found by memchr over brackets, one that starts with a newline crawls through
    // every line. The first item has no separator to go by, and the last is followed by none.
    const gap = index > 0 ? bytes.toString('latin1', separator, start) : null;
    let close = gap === null ? -1 : this.closeAt(closer + gap + String.fromCharCode(opener), indent, from);
    if (close === -1 && orLast) close = this.closeAt(indent + closer, '', from);
    if (close === null) this.trustIndent = false;
    if (close === null || close === -1) return null;
    const end = close + indent.length + 1;
    return end - start > maxPieceBytes ? null : end;
  }

  /**
   * Where `needle` next occurs after `from` with `indent` right before it, as the position where
   * `indent` starts; -1 if nowhere, null once the file's search budget is spent.
   */
  private closeAt(needle: string, indent: string, from: number): number | null {
    const { file } = this;
    const wanted = this.needle(needle);
    for (let at = file.search(wanted, from); at !== -1; at = file.search(wanted, at + 1)) {
      if (at === null) return null;
      const before = at - indent.length;
      if (before >= from && file.bytes.toString('latin1', before, at) === indent) return before;
    }
    return -1;
  }

  /** Needles repeat item after item, so their bytes are kept. */
  private needle(text: string): Buffer {
    let bytes = this.needles.get(text);
    if (bytes === undefined) {
      // Alike items need two; a file indented every which way must not grow this without end.
      if (this.needles.size >= 4) this.needles.clear();
      bytes = Buffer.from(text, 'latin1');
      this.needles.set(text, bytes);
    }
    return bytes;
  }

  private cutByBrackets(start: number, path: () => string): { value: unknown } {
    const end = this.file.valueEnd(start);
    const value = this.file.parse(start, end, path);
    this.next = end;
    return { value };
  }

  private finish(close: number): null {
    this.finished = true;
    this.next = close + 1;
    return null;
  }
}

/** One member of the top-level object: its value, or a StreamedArray when the value is an array. */
export interface JsonMember {
  readonly key: string;
  readonly value: unknown;
}

/**
 * The members of the file's top-level object in document order, or null when the top level is not
 * an object (parse such a file whole). A member yielded with a StreamedArray must be read before the
 * iteration goes on, or not at all: the reader then reads past it itself. `onItem` hears how far into
 * the file each item, or batch of items, of those arrays ends, for progress. `batchBytes` is for tests
 * that cut small documents into batches.
 */
export function topLevelMembers(
  name: string,
  data: Uint8Array,
  onItem: (offset: number) => void = () => {},
  batchBytes = defaultBatchBytes,
): Iterable<JsonMember> | null {
  const file = new JsonBytes(name, data, onItem);
  const open = file.skipSpace(file.start);
  if (file.bytes[open] !== 0x7b) return null;
  return members(file, open, batchBytes);
}

function* members(file: JsonBytes, open: number, batchBytes: number): Generator<JsonMember> {
  let at = file.skipSpace(open + 1);
  if (file.bytes[at] !== 0x7d) {
    for (;;) {
      if (file.bytes[at] !== quote) file.fail(at, 'expected a property name in double quotes');
      const keyEnd = file.stringEnd(at);
      const key = file.parse(at, keyEnd, () => '$') as string;
      const path = childPath('$', key);
      // The check rejectHostileKeys makes inside values, for the one level it does not see here.
      if (isHostileKey(key)) {
        throw new BadInputError(
          `${file.name} ${path}: the key ${key} is not allowed in an import`,
          file.name,
          path,
        );
      }
      at = file.skipSpace(keyEnd);
      if (file.bytes[at] !== 0x3a) file.fail(at, "expected ':'");
      at = file.skipSpace(at + 1);
      if (file.bytes[at] === 0x5b) {
        const array = new StreamedArray(file, at, path, batchBytes);
        yield { key, value: array };
        at = array.end();
      } else {
        const end = file.valueEnd(at);
        yield { key, value: file.parse(at, end, () => path) };
        at = end;
      }
      at = file.skipSpace(at);
      if (file.bytes[at] === 0x7d) break;
      if (file.bytes[at] !== 0x2c) file.fail(at, "expected ',' or '}'");
      at = file.skipSpace(at + 1);
    }
  }
  const after = file.skipSpace(at + 1);
  if (after < file.length) file.fail(after, 'unexpected text after the end of the JSON value');
}
