import type { Tags } from '../domain/estate';

/**
 * Which tag keys name a workload's application, service and owner, in order of preference: the first
 * key present wins. Workspaces can set their own; these are the common conventions.
 */
export interface TagKeys {
  readonly app: readonly string[];
  readonly service: readonly string[];
  readonly owner: readonly string[];
}

export const defaultTagKeys: TagKeys = {
  app: ['app', 'application', 'app.kubernetes.io/part-of'],
  service: ['service', 'component', 'app.kubernetes.io/name'],
  owner: ['team', 'owner'],
};

/** The first non-empty value among `keys` in `tags`, compared case-insensitively on the key. */
export function tagValue(tags: Tags, keys: readonly string[]): string | null {
  const lowered = new Map(Object.entries(tags).map(([key, value]) => [key.toLowerCase(), value]));
  for (const key of keys) {
    const value = lowered.get(key.toLowerCase())?.trim();
    if (value) return value;
  }
  return null;
}
