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

function utf16Of(data: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  return null;
}
