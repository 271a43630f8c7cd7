import type { Labels } from '../domain/kubernetes';
import type { JsonCursor } from '../input/jsonCursor';

/** What a namespaced object may leave out: kubectl apply puts it in the current namespace, here `default`. */
export const defaultNamespace = 'default';

/** A map of strings to strings (labels, selectors), in the file's key order. */
export function readStringMap(cursor: JsonCursor): Labels {
  if (cursor.isMissing) return {};
  return Object.fromEntries(Object.keys(cursor.object()).map((key) => [key, cursor.at(key).string()]));
}

export interface Metadata {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
}

export function readMetadata(object: JsonCursor): Metadata {
  const metadata = object.at('metadata');
  return {
    name: metadata.str('name'),
    namespace: metadata.optStr('namespace') ?? defaultNamespace,
    labels: readStringMap(metadata.at('labels')),
  };
}

/** One of the values the API server accepts, or its default when the field is missing. */
export function readChoice<T extends string>(cursor: JsonCursor, allowed: readonly T[], missing: T): T {
  if (cursor.isMissing) return missing;
  const written = cursor.string() as T;
  if (!allowed.includes(written)) cursor.fail(allowed.join(', '));
  return written;
}
