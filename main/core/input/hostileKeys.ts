import { BadInputError } from '../domain/errors';
import { childPath } from './jsonPath';

/**
 * JSON.parse makes `__proto__` an own property, so parsing itself is safe; the danger is later code
 * copying such a key onto a plain object. No export, catalog or manifest Faultline reads needs these
 * keys, so a file holding one is refused outright rather than trusted to every later reader.
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
