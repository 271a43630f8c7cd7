import {
  type KubeNamespace,
  type KubernetesEstate,
  namespaceNameLabel,
  type Pod,
} from '../domain/kubernetes';
import { JsonCursor } from '../input/jsonCursor';
import { parseJsonFile } from '../input/jsonText';
import { type KubernetesFileKind, kubectlJsonKind } from './detect';
import { KubernetesDraft } from './draft';
import { readManifestFile } from './manifestFile';
import { readObject } from './objects';
import { selectorMatches } from './selector';

export interface KubernetesFile {
  readonly name: string;
  readonly data: Uint8Array;
  readonly kind: KubernetesFileKind;
}

/**
 * Reads kubectl JSON and YAML manifests together into one Kubernetes estate, with the objects each
 * file gave and, by kind, those it passed over. Any malformed object refuses the whole set, naming
 * the file and place.
 */
export function readKubernetesFiles(files: readonly KubernetesFile[]): {
  estate: KubernetesEstate;
  records: Map<string, number>;
  passedOver: ReadonlyMap<string, ReadonlyMap<string, number>>;
} {
  const draft = new KubernetesDraft();
  const records = new Map<string, number>();
  for (const { name, data, kind } of files) {
    const count =
      kind === kubectlJsonKind
        ? readObject(JsonCursor.root(name, parseJsonFile(name, data)), draft)
        : readManifestFile(name, data, draft);
    records.set(name, count);
  }
  const pods = [...draft.pods, ...standInPods(draft)];
  return {
    estate: {
      namespaces: withImpliedNamespaces(draft, pods),
      pods,
      services: draft.services,
      controllers: draft.controllers,
      networkPolicies: draft.networkPolicies,
    },
    records,
    passedOver: draft.passedOver,
  };
}

/**
 * Manifests describe pods only through controllers' templates: each top controller whose pods the
 * import does not list (none of its namespace matches its selector) has its template stand for them.
 * A controller another one in the import owns (a Deployment's ReplicaSet) would only repeat its
 * owner's template.
 */
function standInPods(draft: KubernetesDraft): Pod[] {
  const present = new Set(draft.controllers.map((c) => `${c.namespace}/${c.kind}/${c.name}`));
  return draft.controllers.flatMap((controller, index) => {
    const template = draft.templates[index];
    const { namespace, ownedBy, selector } = controller;
    if (template === null || template === undefined) return [];
    if (ownedBy !== null && present.has(`${namespace}/${ownedBy}`)) return [];
    const listed = draft.pods.some(
      (pod) => pod.namespace === namespace && selectorMatches(selector, pod.labels),
    );
    return listed ? [] : [template];
  });
}

/** Namespaces objects name but the import lacks, with the one label the API server gives every namespace. */
function withImpliedNamespaces(draft: KubernetesDraft, pods: readonly Pod[]): KubeNamespace[] {
  const namespaces = [...draft.namespaces];
  const known = new Set(namespaces.map((n) => n.name));
  for (const object of [...pods, ...draft.services, ...draft.controllers, ...draft.networkPolicies]) {
    if (known.has(object.namespace)) continue;
    known.add(object.namespace);
    namespaces.push({
      name: object.namespace,
      labels: { [namespaceNameLabel]: object.namespace },
      declared: false,
      source: object.source,
      raw: null,
    });
  }
  return namespaces;
}
