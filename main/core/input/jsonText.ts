import { isUtf8 } from 'node:buffer';
import { BadInputError } from '../domain/errors';
import { mayHaveHostileKeys, rejectHostileKeys } from './hostileKeys';
import { StreamedArray, topLevelMembers } from './jsonStream';
import { findSyntaxError } from './jsonSyntax';
import { formatSize } from './limits';
import { asUtf8 } from './textEncoding';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Whether a file is meant to be JSON: its name says so, or its first visible character opens an
 * object or array (`aws … > vpcs.txt` is still JSON). Anything else is skipped, not failed.
 */
export function looksLikeJson(name: string, data: Uint8Array): boolean {
  if (name.toLowerCase().endsWith('.json')) return true;
  const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  const first = data
    .subarray(bom)
    .find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
  return first === 0x7b || first === 0x5b;
}

/**
 * Parses strict JSON, naming the line and column of a syntax error, and refuses prototype-polluting
 * keys. A top-level object is read member by member (jsonStream.ts), so that a file too large for one
 * string (V8 stops near 512 MB) is still read; anything else is parsed whole.
 */
export function parseJsonFile(name: string, bytes: Uint8Array): unknown {
  const data = asUtf8(name, bytes);
  const members = topLevelMembers(name, data);
  if (members === null) return parseWholeJson(name, data);
  const document: Record<string, unknown> = {};
  // Hostile keys are refused as they are read, so no member can set the object's prototype.
  for (const { key, value } of members)
    document[key] = value instanceof StreamedArray ? [...value.values()] : value;
  return document;
}

/** The same as parseJsonFile, by one `JSON.parse` of the whole text: for text that is not an object. */
export function parseWholeJson(name: string, data: Uint8Array): unknown {
  if (!isUtf8(data)) throw new BadInputError(`${name} is not valid UTF-8 text, so it cannot be JSON`, name);
  let text: string;
  try {
    // The decoder drops a leading BOM itself (ignoreBOM: false).
    text = utf8.decode(data);
  } catch {
    // V8 strings stop near 512 MB.
    throw new BadInputError(
      `${name} is too large (${formatSize(data.byteLength)}) to read as one JSON text`,
      name,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const found = findSyntaxError(text);
    if (found === null)
      throw new BadInputError(`${name} is not valid JSON: ${(error as Error).message}`, name);
    const place = `line ${found.line}, column ${found.column}`;
    throw new BadInputError(`${name} is not valid JSON at ${place}: ${found.problem}`, name, place);
  }
  if (mayHaveHostileKeys(text)) rejectHostileKeys(name, value);
  return value;
}
