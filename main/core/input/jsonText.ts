import { isUtf8 } from 'node:buffer';
import { BadInputError } from '../domain/errors';
import { childPath } from './jsonPath';
import { findSyntaxError } from './jsonSyntax';
import { formatSize } from './limits';

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

/** Parses strict JSON, naming the line and column of a syntax error, and refuses prototype-polluting keys. */
export function parseJsonFile(name: string, data: Uint8Array): unknown {
  if (!isUtf8(data)) throw new BadInputError(`${name} is not valid UTF-8 text, so it cannot be JSON`, name);
  let text: string;
  try {
    // The decoder drops a leading BOM itself (ignoreBOM: false).
    text = utf8.decode(data);
  } catch {
    // V8 strings stop near 512 MB; AWS exports are read item by item instead (jsonStream.ts).
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

/**
 * JSON.parse makes `__proto__` an own property, so parsing itself is safe; the danger is later code
 * copying such a key onto a plain object. No AWS export has these keys, so a file that does is
 * refused outright rather than trusted to every later reader.
 */
const hostileKeys = new Set(['__proto__', 'constructor', 'prototype']);

export const isHostileKey = (key: string): boolean => hostileKeys.has(key);

/**
 * A key can only spell a hostile word if the text holds it in quotes (no other escape can occur in
 * these words), or a `\u` escape that could spell it.
 */
const quotedHostileKey = /"(?:__proto__|constructor|prototype)"/;

/**
 * The walk costs more than the parse on a large file, so most files skip it. One regex scan rather
 * than an `includes` per word: its literal alternatives skip ahead Boyer-Moore style, about five times
 * faster than three `includes` over text where `c`, `p` and `_` are common.
 */
export function mayHaveHostileKeys(text: string): boolean {
  return text.includes('\\u') || quotedHostileKey.test(text);
}

/** Throws at the first hostile key within `root`, which sits at `rootPath` in the file. */
export function rejectHostileKeys(name: string, root: unknown, rootPath = '$'): void {
  // Only containers are queued, so a path string is built per object or array, not per leaf.
  const pending: [object, string][] = isContainer(root) ? [[root, rootPath]] : [];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [container, path] = next;
    for (const [key, item] of Object.entries(container)) {
      const member = Array.isArray(container) ? Number(key) : key;
      if (isHostileKey(key)) {
        const place = childPath(path, member);
        throw new BadInputError(`${name} ${place}: the key ${key} is not allowed in an import`, name, place);
      }
      if (isContainer(item)) pending.push([item, childPath(path, member)]);
    }
  }
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
