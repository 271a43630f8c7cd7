import { tagValue } from '../../applications/tagKeys';
import { type NetworkPolicy, type Pod, podWorkloadId } from '../../domain/kubernetes';
import { namespaceSegmentId, policySegmentId } from '../../kubernetes/clusterSegments';
import { appsOf, unneededAppPairs } from '../appPairs';
import type { FindingContext } from '../context';
import type { FindingObject } from '../types';

/** App pairs quoted in a finding: enough to see the pattern. */
const pairsQuoted = 6;

export function appsOfPods(ctx: FindingContext, pods: readonly Pod[]): string[] {
  return appsOf(ctx, pods.map(podWorkloadId));
}

/** `a → b` for each pair of apps the pods let talk with no dependency between them. */
export function unneeded(
  ctx: FindingContext,
  sources: readonly Pod[],
  destinations: readonly Pod[],
): string[] {
  return unneededAppPairs(ctx, sources.map(podWorkloadId), destinations.map(podWorkloadId)).map(
    ([from, to]) => `${from} → ${to}`,
  );
}

export function quote(pairs: readonly string[]): string {
  const more = pairs.length > pairsQuoted ? ` and ${pairs.length - pairsQuoted} more` : '';
  return `${pairs.slice(0, pairsQuoted).join(', ')}${more}`;
}

/** Ids as the segment graph has them, so that a finding focuses the view on its segment. */
export function namespaceObject(namespace: string): FindingObject {
  return { type: 'namespace', id: namespaceSegmentId(namespace), label: `namespace ${namespace}` };
}

export function policyObject(policy: NetworkPolicy): FindingObject {
  return {
    type: 'network-policy',
    id: policySegmentId(policy),
    label: `networkpolicy ${policy.namespace}/${policy.name}`,
  };
}

export function servicesOf(ctx: FindingContext, pods: readonly Pod[]): string[] {
  return [...new Set(pods.flatMap((pod) => ctx.serviceOf.get(podWorkloadId(pod))?.name ?? []))];
}

export function ownersOf(ctx: FindingContext, apps: readonly string[]): string[] {
  return apps.flatMap((name) => ctx.applications.apps.find((app) => app.name === name)?.owners ?? []);
}

/** The team or person a namespace's labels name, with the workspace's owner keys. */
export function namespaceOwner(ctx: FindingContext, namespace: string): string | null {
  const labels = ctx.estate.kubernetes?.namespaces.find((one) => one.name === namespace)?.labels;
  return labels ? tagValue(labels, ctx.tagKeys.owner) : null;
}
