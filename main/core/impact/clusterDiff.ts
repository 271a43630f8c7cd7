import {
  type KubeNamespace,
  type KubernetesEstate,
  type NetworkPolicy,
  type Pod,
  type PolicyType,
  podWorkloadId,
} from '../domain/kubernetes';
import { namespaceSegmentId, policySegmentId } from '../kubernetes/clusterSegments';
import { NetworkPolicies } from '../kubernetes/networkPolicy';
import { selectorMatches } from '../kubernetes/selector';
import { diffByLine } from './lineDiff';
import { policyKey, policyLine } from './policyText';
import type { EstateChanges, PodChange } from './types';

const podId = podWorkloadId;
const podOf = (pod: Pod) => ({ podId: podId(pod), namespace: pod.namespace });

/**
 * NetworkPolicies matched by what they admit (their sets in any order), then by namespace and name;
 * pods by namespace and name.
 */
export function diffCluster(
  before: KubernetesEstate | undefined,
  after: KubernetesEstate | undefined,
): Pick<EstateChanges, 'networkPolicies' | 'pods'> {
  return {
    networkPolicies: diffByLine(
      before?.networkPolicies ?? [],
      after?.networkPolicies ?? [],
      policySegmentId,
      (policy: NetworkPolicy) => namespaceSegmentId(policy.namespace),
      policyLine,
      policyKey,
    ),
    pods: diffPods(before?.pods ?? [], after?.pods ?? []),
  };
}

function diffPods(before: readonly Pod[], after: readonly Pod[]): PodChange[] {
  const old = new Map(before.map((pod) => [podId(pod), pod]));
  const next = new Set(after.map(podId));
  const changes: PodChange[] = before
    .filter((pod) => !next.has(podId(pod)))
    .map((pod) => ({ ...podOf(pod), change: 'removed', text: `${podId(pod)} is gone` }));
  for (const pod of after) {
    const was = old.get(podId(pod));
    if (was === undefined) {
      changes.push({ ...podOf(pod), change: 'added', text: `${podId(pod)} is new` });
      continue;
    }
    const text = podDifference(was, pod);
    if (text) changes.push({ ...podOf(pod), change: 'changed', text });
  }
  return changes;
}

/** `labels +tier=web, -canary; IPs 10.0.0.1 → 10.0.0.2`: what a policy could see differently. */
function podDifference(was: Pod, pod: Pod): string {
  const labels = [
    ...Object.entries(pod.labels)
      .filter(([key, value]) => was.labels[key] !== value)
      .map(([key, value]) => `+${key}=${value}`),
    ...Object.keys(was.labels)
      .filter((key) => !Object.hasOwn(pod.labels, key))
      .map((key) => `-${key}`),
  ];
  return [
    labels.length ? `labels ${labels.join(', ')}` : '',
    was.ips.join() !== pod.ips.join() ? `IPs ${was.ips.join(', ')} → ${pod.ips.join(', ')}` : '',
    portsKey(was) !== portsKey(pod) ? 'container ports' : '',
    was.hostNetwork !== pod.hostNetwork ? `hostNetwork ${pod.hostNetwork}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** A pod's container ports as the set policies and Services look them up in: their order means nothing. */
function portsKey(pod: Pod): string {
  return [...new Set(pod.ports.map(({ name, port, protocol }) => `${protocol}/${port} ${name ?? ''}`))]
    .sort()
    .join();
}

/**
 * Pods (`namespace/name`) that are an end of every pod flow whose verdict may differ. A direction's
 * verdict depends on the policies selecting the pod there and, through their peers, on the other
 * end's labels, namespace and IP; so a flow can change only if an end changed or is selected (before
 * or after) by a policy that changed. Namespace labels feed every namespaceSelector: a change there
 * makes every pod affected.
 */
export function affectedPods(
  before: KubernetesEstate | undefined,
  after: KubernetesEstate | undefined,
  changes: Pick<EstateChanges, 'networkPolicies' | 'pods'>,
): Set<string> {
  const pods = [...(before?.pods ?? []), ...(after?.pods ?? [])];
  if (namespacesKey(before) !== namespacesKey(after)) return new Set(pods.map(podId));
  const affected = new Set(changes.pods.map((one) => one.podId));
  const { added, removed, changed } = changes.networkPolicies;
  const ids = new Set([...added, ...removed, ...changed].map((one) => one.id));
  const policies = [...(before?.networkPolicies ?? []), ...(after?.networkPolicies ?? [])].filter((policy) =>
    ids.has(policySegmentId(policy)),
  );
  for (const pod of pods) {
    if (
      policies.some(
        (policy) => policy.namespace === pod.namespace && selectorMatches(policy.podSelector, pod.labels),
      )
    )
      affected.add(podId(pod));
  }
  return affected;
}

/**
 * What selectors read of the namespaces: each one's labels, and whether the import holds it (one it
 * lacks has unknown labels). Not their order, nor the resourceVersion and uid every export renews.
 */
function namespacesKey(cluster: KubernetesEstate | undefined): string {
  const labels = (namespace: KubeNamespace) =>
    Object.entries(namespace.labels)
      .map(([key, value]) => `${key}=${value}`)
      .sort();
  return JSON.stringify(
    (cluster?.namespaces ?? [])
      .map((namespace) => [namespace.name, namespace.declared, labels(namespace)])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

/** Namespaces and NetworkPolicies by segment id, named as the segment graph names them. */
export function clusterSegmentNames(cluster: KubernetesEstate | undefined): [string, string][] {
  return [
    ...(cluster?.namespaces ?? []).map((n): [string, string] => [namespaceSegmentId(n.name), n.name]),
    ...(cluster?.networkPolicies ?? []).map((p): [string, string] => [
      policySegmentId(p),
      `${p.namespace}/${p.name}`,
    ]),
  ];
}

/** Pods of one direction that a change isolates. */
export interface Isolation {
  readonly direction: 'ingress' | 'egress';
  readonly podIds: readonly string[];
}

/**
 * Pods that no policy of a direction selected before and some policy selects after: everything
 * their rules do not admit stops, including traffic no declared or observed dependency shows.
 */
export function newlyIsolated(
  before: KubernetesEstate | undefined,
  after: KubernetesEstate | undefined,
): Isolation[] {
  if (before === undefined || after === undefined) return [];
  const [was, now] = [new NetworkPolicies(before), new NetworkPolicies(after)];
  const old = new Map(before.pods.map((pod) => [podId(pod), pod]));
  return (['Ingress', 'Egress'] as const satisfies readonly PolicyType[]).flatMap((type) => {
    const podIds = after.pods
      .filter((pod) => {
        const previous = old.get(podId(pod));
        return (
          previous !== undefined &&
          was.selecting(previous, type).length === 0 &&
          now.selecting(pod, type).length > 0
        );
      })
      .map(podId);
    return podIds.length ? [{ direction: type === 'Ingress' ? 'ingress' : 'egress', podIds }] : [];
  });
}
