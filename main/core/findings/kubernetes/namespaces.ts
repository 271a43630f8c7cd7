import type { Pod } from '../../domain/kubernetes';
import { podWorkloadId } from '../../domain/kubernetes';
import { namespaceSegmentId } from '../../kubernetes/clusterSegments';
import { NetworkPolicies } from '../../kubernetes/networkPolicy';
import type { FindingContext } from '../context';
import { fragmentedHighOwners, fragmentedThreshold } from '../fragmentedApplication';
import { ownerList, serviceObjects } from '../reachPeers';
import type { Finding, FindingObject } from '../types';
import { appsOfPods, namespaceObject, namespaceOwner, ownersOf, quote, servicesOf, unneeded } from './scope';

/**
 * Namespaces as segments (docs/findings.md, "Kubernetes"): open namespaces (over-permissive),
 * owner mismatch by the namespace's owner label, and apps fragmented over other teams' namespaces.
 */
export function namespaceFindings(ctx: FindingContext): Finding[] {
  const cluster = ctx.estate.kubernetes;
  if (!cluster) return [];
  return [
    ...unisolatedNamespaces(ctx, cluster.pods, new NetworkPolicies(cluster)),
    ...cluster.namespaces.flatMap((namespace) => namespaceOwnerMismatch(ctx, cluster.pods, namespace.name)),
    ...ctx.applications.apps.flatMap((app) => fragmentedOverNamespaces(ctx, cluster.pods, app)),
  ];
}

/**
 * Kubernetes leaves a pod open to every pod of the cluster until an ingress policy selects it: in a
 * namespace whose app pods nothing isolates, every other app may connect on every port.
 */
function unisolatedNamespaces(
  ctx: FindingContext,
  pods: readonly Pod[],
  policies: NetworkPolicies,
): Finding[] {
  const open = pods.filter(
    (pod) =>
      ctx.serviceOf.has(podWorkloadId(pod)) &&
      !pod.hostNetwork &&
      policies.selecting(pod, 'Ingress').length === 0,
  );
  return [...new Set(open.map((pod) => pod.namespace))].sort().flatMap((namespace): Finding[] => {
    const own = open.filter((pod) => pod.namespace === namespace);
    const pairs = unneeded(ctx, pods, own);
    if (pairs.length === 0) return [];
    const apps = appsOfPods(ctx, own);
    return [
      {
        id: `over-permissive:namespace/${namespace}/ingress`,
        kind: 'over-permissive',
        severity: 'medium',
        title: `${own.length === 1 ? '1 pod' : `${own.length} pods`} in namespace ${namespace} ${own.length === 1 ? 'takes' : 'take'} connections from every pod of the cluster`,
        explanation:
          `No NetworkPolicy with policyType Ingress selects ${own.map(podWorkloadId).join(', ')}, so Kubernetes admits ` +
          `every pod of the cluster on every port. Apps with no dependency on them can connect: ${quote(pairs)}.`,
        objects: [namespaceObject(namespace), ...serviceObjects(ctx, servicesOf(ctx, own))],
        owners: ownerList([namespaceOwner(ctx, namespace), ...ownersOf(ctx, apps)]),
        evidence: {
          rules: [],
          dependencies: [],
          flows: [],
          figures: {
            pods: own.length,
            podPairs: own.length * (pods.length - 1),
            unneededAppPairs: pairs.length,
          },
        },
        suggestion: `add a default-deny ingress NetworkPolicy to ${namespace} (podSelector: {}, policyTypes: [Ingress]) and one rule per dependency its pods serve`,
      },
    ];
  });
}

/** As for security groups (ownerMismatch.ts): medium for a namespace of one app, low for several. */
function namespaceOwnerMismatch(ctx: FindingContext, pods: readonly Pod[], namespace: string): Finding[] {
  const owner = namespaceOwner(ctx, namespace);
  const apps = appsOfPods(
    ctx,
    pods.filter((pod) => pod.namespace === namespace),
  );
  const owners = ownerList(ownersOf(ctx, apps));
  if (owner === null || apps.length === 0 || owners.length === 0 || owners.includes(owner)) return [];
  const single = apps.length === 1;
  return [
    {
      id: `owner-mismatch:${namespaceSegmentId(namespace)},${apps.join(',')}`,
      kind: 'owner-mismatch',
      severity: single ? 'medium' : 'low',
      title: `namespace ${namespace} is owned by ${owner} but holds only ${apps.join(', ')} (${owners.join(', ')})`,
      explanation:
        `Namespace ${namespace} is labelled as owned by ${owner}, yet every pod in it belongs to ${apps.join(', ')}, owned by ` +
        `${owners.join(', ')}. ${owner} approves the NetworkPolicies of traffic it does not own.`,
      objects: [
        namespaceObject(namespace),
        ...apps.map((app): FindingObject => ({ type: 'app', id: app, label: app })),
      ],
      owners: ownerList([owner, ...owners]),
      evidence: {
        rules: [],
        dependencies: [],
        flows: [],
        figures: { apps: apps.length, owners: owners.length },
      },
      suggestion: single
        ? `relabel namespace ${namespace} with owner ${owners.join(', ')}, or move ${apps[0]} to a namespace its team owns`
        : `give each app a namespace its owner owns`,
    },
  ];
}

/** As for security groups (fragmentedApplication.ts): from 3 namespaces of other teams; high from 4 foreign owners. */
function fragmentedOverNamespaces(
  ctx: FindingContext,
  pods: readonly Pod[],
  app: FindingContext['applications']['apps'][number],
): Finding[] {
  const ids = new Set(app.services.flatMap((service) => service.workloadIds));
  const namespaces = [
    ...new Set(pods.filter((pod) => ids.has(podWorkloadId(pod))).map((pod) => pod.namespace)),
  ].sort();
  const foreign = namespaces.flatMap((namespace) => {
    const owner = namespaceOwner(ctx, namespace);
    return owner !== null && !app.owners.includes(owner) ? [{ namespace, owner }] : [];
  });
  if (foreign.length < fragmentedThreshold) return [];
  const foreignOwners = ownerList(foreign.map((one) => one.owner));
  return [
    {
      id: `fragmented-application:${app.name},${foreign.map((one) => namespaceSegmentId(one.namespace)).join(',')}`,
      kind: 'fragmented-application',
      severity: foreignOwners.length >= fragmentedHighOwners ? 'high' : 'medium',
      title: `${app.name} spans ${namespaces.length} namespaces, ${foreign.length} owned by other teams`,
      explanation:
        `The pods of ${app.name} (owners ${app.owners.join(', ')}) run in ${namespaces.join(', ')}; ` +
        `${foreign.map((one) => `${one.namespace} is owned by ${one.owner}`).join(', ')}. A NetworkPolicy change for ` +
        `${app.name} needs approval from ${foreignOwners.join(', ')} as well.`,
      objects: [
        { type: 'app', id: app.name, label: app.name },
        ...foreign.map((one) => namespaceObject(one.namespace)),
      ],
      owners: ownerList([...app.owners, ...foreignOwners]),
      evidence: {
        rules: [],
        dependencies: [],
        flows: [],
        figures: {
          namespaces: namespaces.length,
          foreignNamespaces: foreign.length,
          foreignOwners: foreignOwners.length,
        },
      },
      suggestion: `move ${app.name}'s pods into namespaces owned by ${app.owners.join(', ')}`,
    },
  ];
}
