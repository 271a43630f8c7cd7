import { BadInputError } from '../domain/errors';
import type { SourceRef } from '../domain/estate';
import type { Controller, KubeNamespace, KubeService, NetworkPolicy, Pod } from '../domain/kubernetes';

/** What the files of one import say, before namespaces are completed and templates chosen. */
export class KubernetesDraft {
  readonly namespaces: KubeNamespace[] = [];
  readonly pods: Pod[] = [];
  readonly services: KubeService[] = [];
  readonly controllers: Controller[] = [];
  /** One per controller, in the same order: the pod standing for its pods when the import lists none (null: it runs none). */
  readonly templates: (Pod | null)[] = [];
  readonly networkPolicies: NetworkPolicy[] = [];
  /** Per file, the objects it held that Faultline does not read, by kind: `ConfigMap` → 3. */
  readonly passedOver = new Map<string, Map<string, number>>();
  private readonly seen = new Map<string, SourceRef>();

  passOver(source: SourceRef, what: string): void {
    const kinds = this.passedOver.get(source.file) ?? new Map<string, number>();
    kinds.set(what, (kinds.get(what) ?? 0) + 1);
    this.passedOver.set(source.file, kinds);
  }

  /**
   * Refuses a second object of the same kind, namespace and name: the cluster holds one, and which of
   * the two files is right is the user's call, not ours.
   */
  register(kind: string, namespace: string | null, name: string, source: SourceRef): void {
    const key = `${kind}\0${namespace ?? ''}\0${name}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      const what = `${kind} ${namespace === null ? '' : `${namespace}/`}${name}`;
      throw new BadInputError(
        `${source.file} ${source.path}: ${what} is also defined in ${first.file} ${first.path}`,
        source.file,
        source.path,
      );
    }
    this.seen.set(key, source);
  }
}
