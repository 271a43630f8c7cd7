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

/**
 * The keys for a pod's labels: Kubernetes' recommended labels (app.kubernetes.io/part-of is the
 * application, app.kubernetes.io/name the service) before the workspace's keys, since a pod's `app`
 * label usually names a component rather than the application.
 */
export function podLabelKeys(keys: TagKeys): TagKeys {
  const first = (label: string, rest: readonly string[]) => [label, ...rest.filter((key) => key !== label)];
  return {
    app: first('app.kubernetes.io/part-of', keys.app),
    service: first('app.kubernetes.io/name', keys.service),
    owner: keys.owner,
  };
}
