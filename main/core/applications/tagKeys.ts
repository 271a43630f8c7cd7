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

/**
 * The first non-empty value among `keys` in `tags`. AWS tag keys are case-sensitive ("Tag keys are
 * case-sensitive", API_Tag), so `service` and `Service` can both be on one resource: the key as
 * configured wins, and only without it does a case variant stand in (`Service` for `service`, as
 * people tag), the first of several in code-unit order, so the answer never depends on tag order.
 */
export function tagValue(tags: Tags, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = (Object.hasOwn(tags, key) ? tags[key] : caseVariant(tags, key))?.trim();
    if (value) return value;
  }
  return null;
}

function caseVariant(tags: Tags, key: string): string | undefined {
  const lower = key.toLowerCase();
  const variants = Object.keys(tags).filter((tagKey) => tagKey.toLowerCase() === lower);
  const [first] = variants.sort();
  return first === undefined ? undefined : tags[first];
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
