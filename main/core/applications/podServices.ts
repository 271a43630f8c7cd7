import { nameKey } from '../domain/spellings';

/** A pod placed in a service by its labels: its namespace, the service they name and its app. */
export interface LabelledPod {
  readonly namespace: string;
  readonly service: string;
  readonly app: string | null;
}

/**
 * `app.kubernetes.io/name` names an application, not one install of it: "An application can be
 * installed one or more times into a Kubernetes cluster and, in some cases, the same namespace. …
 * The name of an application and the instance name are recorded separately"
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/). So pods whose
 * labels name one service from different namespaces, or as part of different apps, are different
 * services: each is named `namespace/name`, and `namespace/name (app)` when one namespace holds
 * several. A name only one namespace and app use stays as it is.
 */
export class PodServiceNames {
  /** By the service name's key: the installs (namespace and app) its pods belong to. */
  private readonly installs = new Map<string, Set<string>>();
  private readonly namespaces = new Map<string, Set<string>>();

  constructor(pods: Iterable<LabelledPod>) {
    for (const pod of pods) {
      const key = nameKey(pod.service);
      this.installs.set(key, (this.installs.get(key) ?? new Set()).add(install(pod)));
      this.namespaces.set(key, (this.namespaces.get(key) ?? new Set()).add(pod.namespace));
    }
  }

  nameOf(pod: LabelledPod): string {
    const key = nameKey(pod.service);
    const installs = this.installs.get(key)?.size ?? 1;
    if (installs === 1) return pod.service;
    const qualified = `${pod.namespace}/${pod.service}`;
    // One install per namespace: the namespace tells them apart; otherwise the app must too.
    return this.namespaces.get(key)?.size === installs ? qualified : `${qualified} (${pod.app ?? 'no app'})`;
  }
}

function install(pod: LabelledPod): string {
  return `${pod.namespace}\0${pod.app === null ? '' : nameKey(pod.app)}`;
}
