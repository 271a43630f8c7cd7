import type { KubernetesEstate, LabelSelector, NetworkPolicy, Pod } from '../domain/kubernetes';
import { JsonCursor } from '../input/jsonCursor';
import { childPath } from '../input/jsonPath';
import { readNetworkPolicyManifest } from '../kubernetes/networkPolicies';
import { controllerPods } from '../kubernetes/podFlows';
import { selectorMatches } from '../kubernetes/selector';
import type { ChangeEdit, PolicyManifest } from './change';
import { FieldError } from './ruleFields';

export type ClusterEdit = Extract<
  ChangeEdit,
  { op: 'add-network-policy' | 'remove-network-policy' | 'replace-network-policy' | 'set-pod-labels' }
>;

const clusterOps: ReadonlySet<ChangeEdit['op']> = new Set<ClusterEdit['op']>([
  'add-network-policy',
  'remove-network-policy',
  'replace-network-policy',
  'set-pod-labels',
]);

export const isClusterEdit = (edit: ChangeEdit): edit is ClusterEdit => clusterOps.has(edit.op);

export type EditedCluster = {
  -readonly [K in 'networkPolicies' | 'pods']: KubernetesEstate[K][number][];
};

/** Where the edit sits in the change: policies read from it cite this place as their source. */
export interface EditPlace {
  readonly file: string;
  /** `$.edits[3]`. */
  readonly path: string;
  /** Where the edit came from, e.g. a Terraform resource address: its policy is cited there. */
  readonly origin?: string;
}

/**
 * One NetworkPolicy or pod label edit on the cluster part of the estate. A policy is read by the
 * importer's own reader, so what an import refuses is refused here, at its place in the change.
 */
export function applyClusterEdit(
  cluster: KubernetesEstate,
  edited: EditedCluster,
  edit: ClusterEdit,
  place: EditPlace,
): void {
  switch (edit.op) {
    case 'add-network-policy': {
      const policy = readPolicy(cluster, edit.policy, place);
      if (findPolicy(edited, policy.namespace, policy.name) !== undefined)
        throw new FieldError(
          'policy.metadata.name',
          `NetworkPolicy ${policy.namespace}/${policy.name} already exists: replace or remove it`,
        );
      edited.networkPolicies.push(policy);
      return;
    }
    case 'remove-network-policy': {
      const found = existingPolicy(cluster, edited, edit.namespace, edit.name);
      edited.networkPolicies = edited.networkPolicies.filter((policy) => policy !== found);
      return;
    }
    case 'replace-network-policy': {
      const found = existingPolicy(cluster, edited, edit.namespace, edit.name);
      const policy = readPolicy(cluster, edit.policy, place);
      if (policy.namespace !== found.namespace || policy.name !== found.name)
        throw new FieldError(
          'policy.metadata',
          `the new policy is ${policy.namespace}/${policy.name}, not ${found.namespace}/${found.name}: a rename is a remove and an add`,
        );
      edited.networkPolicies = edited.networkPolicies.map((one) => (one === found ? policy : one));
      return;
    }
    case 'set-pod-labels': {
      const targets = podsNamed(cluster, edited, edit.namespace, edit.workload);
      const labelled = new Map(
        targets.pods.map((pod) => [pod, { ...pod, labels: relabel(pod.labels, edit.labels) }]),
      );
      for (const pod of labelled.values()) {
        // The API server refuses a template whose labels its controller's selector no longer matches.
        if (targets.selector && !selectorMatches(targets.selector, pod.labels))
          throw new FieldError(
            'labels',
            `${edit.namespace}/${edit.workload}'s selector would no longer match its pods' labels`,
          );
      }
      edited.pods = edited.pods.map((pod) => labelled.get(pod) ?? pod);
      return;
    }
  }
}

function readPolicy(cluster: KubernetesEstate, manifest: PolicyManifest, place: EditPlace): NetworkPolicy {
  const policy = readNetworkPolicyManifest(
    JsonCursor.root(place.file, manifest, place.origin ?? childPath(place.path, 'policy')),
  );
  checkNamespace(cluster, policy.namespace, 'policy.metadata.namespace');
  return policy;
}

function checkNamespace(cluster: KubernetesEstate, namespace: string, field: string): void {
  if (!cluster.namespaces.some((one) => one.name === namespace))
    throw new FieldError(field, `no namespace ${namespace} in this snapshot`);
}

function findPolicy(edited: EditedCluster, namespace: string, name: string): NetworkPolicy | undefined {
  return edited.networkPolicies.find((policy) => policy.namespace === namespace && policy.name === name);
}

function existingPolicy(
  cluster: KubernetesEstate,
  edited: EditedCluster,
  namespace: string,
  name: string,
): NetworkPolicy {
  checkNamespace(cluster, namespace, 'namespace');
  const found = findPolicy(edited, namespace, name);
  if (found === undefined)
    throw new FieldError('name', `no NetworkPolicy ${namespace}/${name} in this snapshot`);
  return found;
}

/** A controller's pods (with its selector, which they must keep matching), or a pod by name. */
function podsNamed(
  cluster: KubernetesEstate,
  edited: EditedCluster,
  namespace: string,
  name: string,
): { pods: Pod[]; selector: LabelSelector | null } {
  checkNamespace(cluster, namespace, 'namespace');
  const controller = cluster.controllers.find((one) => one.namespace === namespace && one.name === name);
  const pods =
    controller === undefined
      ? edited.pods.filter((one) => one.namespace === namespace && one.name === name)
      : controllerPods({ ...cluster, pods: edited.pods }, controller);
  if (pods.length === 0)
    throw new FieldError(
      'workload',
      controller === undefined
        ? `no pod or controller ${namespace}/${name} in this snapshot`
        : `${controller.kind} ${namespace}/${name} has no pod in this snapshot`,
    );
  return { pods, selector: controller?.selector ?? null };
}

function relabel(labels: Pod['labels'], edits: Readonly<Record<string, string | null>>): Pod['labels'] {
  const next = new Map(Object.entries(labels));
  for (const [key, value] of Object.entries(edits)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return Object.fromEntries(next);
}
