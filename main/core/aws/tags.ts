import type { Tags } from '../domain/estate';
import type { JsonCursor } from '../input/jsonCursor';

/**
 * `[{Key, Value}]` as a map. Object.fromEntries defines own properties, so a tag named `__proto__`
 * stays data and never reaches a prototype. Most describe-* print `Tags`; ENIs print `TagSet`.
 */
export function readTags(owner: JsonCursor, key: 'Tags' | 'TagSet' = 'Tags'): Tags {
  return Object.fromEntries(owner.list(key).map((tag) => [tag.str('Key'), tag.str('Value')]));
}
