import { StringDecoder } from 'node:string_decoder';
import { BadInputError } from '../domain/errors';

/**
 * Export files as UTF-8 bytes. Windows PowerShell 5.1 writes what `aws … > file.json`, `kubectl get
 * -o json > …` or `terraform show -json … > …` print as UTF-16 (little-endian, with a byte order
 * mark), the encoding of its `>` operator; a file that starts with a UTF-16 byte order mark is
 * decoded as such, and anything else is left as it is, for the readers to take as UTF-8.
 */
export function asUtf8(name: string, data: Uint8Array): Uint8Array {
  const encoding = utf16Of(data);
  if (encoding === null) return data;
  let text: string;
  try {
    // The decoder drops the byte order mark.
    text = new TextDecoder(encoding, { fatal: true }).decode(data);
  } catch (error) {
    const why =
      error instanceof RangeError
        ? 'is too large to read as text'
        : 'is not valid UTF-16 text (a character is cut short, or half of a surrogate pair is missing)';
    throw new BadInputError(`${name} starts with a UTF-16 byte order mark but ${why}`, name);
  }
  return Buffer.from(text, 'utf8');
}

/** The start of a file as text, for telling what it is; UTF-16 by its byte order mark, UTF-8 otherwise. */
export function headText(data: Uint8Array): string {
  return new TextDecoder(utf16Of(data) ?? 'utf-8').decode(data);
}

/**
 * Text that arrives in chunks (a file streamed, never held whole) decoded as headText decodes a
 * file's start, so that a reader streaming a file sees what the classifier saw: UTF-16 by its byte
 * order mark, UTF-8 otherwise, the mark dropped. The first bytes are held back until there are
 * enough to tell.
 */
export class ChunkedTextDecoder {
  /** The bytes held back until there are enough to tell the encoding by. */
  private start = Buffer.alloc(0);
  private decoder: TextStream | null = null;

  write(chunk: Uint8Array): string {
    if (this.decoder !== null) return this.decoder.write(chunk);
    this.start = Buffer.concat([this.start, chunk]);
    return this.start.byteLength < utf8ByteOrderMark.length ? '' : this.begin()[1];
  }

  end(): string {
    if (this.decoder !== null) return this.decoder.end();
    const [decoder, text] = this.begin();
    return text + decoder.end();
  }

  /** The decoder the first bytes call for, and what they decode to. */
  private begin(): [TextStream, string] {
    const encoding = utf16Of(this.start);
    // StringDecoder, not TextDecoder: on ASCII it decodes a stream as fast as latin1 does, where
    // TextDecoder's streaming decode took eight times as long (230 against 25 ms for 190 MB).
    // TextDecoder drops a UTF-16 byte order mark itself; StringDecoder keeps UTF-8's.
    const decoder = encoding === null ? new StringDecoder('utf8') : utf16Stream(encoding);
    const hasMark = encoding === null && utf8ByteOrderMark.every((byte, at) => this.start[at] === byte);
    this.decoder = decoder;
    return [decoder, decoder.write(this.start.subarray(hasMark ? utf8ByteOrderMark.length : 0))];
  }
}

interface TextStream {
  write(chunk: Uint8Array): string;
  end(): string;
}

function utf16Stream(encoding: 'utf-16le' | 'utf-16be'): TextStream {
  const decoder = new TextDecoder(encoding);
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

const utf8ByteOrderMark = [0xef, 0xbb, 0xbf];

function utf16Of(data: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  return null;
}
