import type { DecidingRule } from '../analysis/verdict';
import { tagValue } from '../applications/tagKeys';
import type { NetworkPolicy, Pod, PolicyRule } from '../domain/kubernetes';
import { namespaceSegmentId, policySegmentId } from '../kubernetes/clusterSegments';
import { NetworkPolicies, podPeer, policyRule } from '../kubernetes/networkPolicy';
import type { FindingContext } from './context';
import { dependencyPairs } from './dependencyPairs';
import { fragmentedHighOwners, fragmentedThreshold } from './fragmentedApplication';
import { ownerList, serviceObjects } from './reachPeers';
import type { Finding, FindingObject } from './types';

/** App pairs quoted in a finding: enough to see the pattern. */
const pairsQuoted = 6;

/** One rule of one NetworkPolicy, with the pods it protects and the pods its peers name. */
interface RuleScope {
  readonly policy: NetworkPolicy;
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  readonly key: string;
  readonly own: readonly Pod[];
  readonly peers: readonly Pod[];
}

const podId = (pod: Pod) => `${pod.namespace}/${pod.name}`;

/**
 * The NetworkPolicy side of the findings: what security groups get in the other modules, for the
 * cluster's namespaces and policies (docs/findings.md, "Kubernetes").
 * - over-permissive: a namespace whose pods no ingress policy selects (open to every pod of the
 *   cluster), or a policy rule that serves a dependency and also admits apps with none;
 * - unused-rule: a policy rule no dependency needs;
 * - shared-segment: a policy whose pods belong to several apps of several owners;
 * - owner-mismatch: a namespace whose owner label names a team that owns none of its apps;
 * - fragmented-application: an app whose pods sit in namespaces of several other teams.
 */
export function kubernetesPolicyFindings(ctx: FindingContext): Finding[] {
  const cluster = ctx.estate.kubernetes;
  if (!cluster) return [];
  const policies = new NetworkPolicies(cluster);
  const uses = ruleUses(ctx);
  const scopes = cluster.networkPolicies.flatMap((policy) => ruleScopes(cluster.pods, policies, policy));
  return [
    ...unisolatedNamespaces(ctx, cluster.pods, policies),
    ...scopes.flatMap((scope) => ruleFindings(ctx, scope, uses.get(scope.key) ?? 0)),
    ...cluster.networkPolicies.flatMap((policy) => sharedPolicy(ctx, cluster.pods, policies, policy)),
    ...cluster.namespaces.flatMap((namespace) => namespaceOwnerMismatch(ctx, cluster.pods, namespace.name)),
    ...ctx.applications.apps.flatMap((app) => fragmentedOverNamespaces(ctx, cluster.pods, app)),
  ];
}

/** `namespace/policy/direction/index` → how many dependency pairs the rule allowed. */
function ruleUses(ctx: FindingContext): Map<string, number> {
  const uses = new Map<string, number>();
  for (const { pairs } of dependencyPairs(ctx)) {
    for (const layer of pairs.flatMap((pair) => pair.verdict?.explanation ?? [])) {
      if (!layer.layer.startsWith('k8s-') || layer.verdict !== 'allow') continue;
      for (const rule of layer.rules) {
        if (rule.kind !== 'network-policy-rule' || rule.ruleIndex === null) continue;
        const key = `${rule.namespace}/${rule.policy}/${rule.direction}/${rule.ruleIndex}`;
        uses.set(key, (uses.get(key) ?? 0) + 1);
      }
    }
  }
  return uses;
}

function ruleScopes(pods: readonly Pod[], policies: NetworkPolicies, policy: NetworkPolicy): RuleScope[] {
  return (['ingress', 'egress'] as const).flatMap((direction) => {
    const type = direction === 'ingress' ? 'Ingress' : 'Egress';
    const own = pods.filter((pod) => policies.selecting(pod, type).includes(policy));
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    return rules.map((rule, index) => ({
      policy,
      direction,
      index,
      key: `${policy.namespace}/${policy.name}/${direction}/${index}`,
      own,
      peers: own[0] ? peersOf(pods, policies, own[0], direction, rule) : [],
    }));
  });
}

/** The pods a rule's peers surely name (ipBlocks name addresses, not pods): the same for every pod it protects. */
function peersOf(
  pods: readonly Pod[],
  policies: NetworkPolicies,
  probe: Pod,
  direction: 'ingress' | 'egress',
  rule: PolicyRule,
): Pod[] {
  return pods.filter((pod) => policies.allowingRules(probe, direction, podPeer(pod))?.includes(rule));
}

function appsOf(ctx: FindingContext, pods: readonly Pod[]): string[] {
  return [...new Set(pods.flatMap((pod) => ctx.serviceOf.get(podId(pod))?.app ?? []))].sort();
}

/** `from|to` for every app with a service that depends on a service of the other. */
function appDependencies(ctx: FindingContext): Set<string> {
  const appOf = (service: string) => ctx.services.get(service)?.app;
  return new Set(ctx.applications.dependencies.map((d) => `${appOf(d.from)}|${appOf(d.to)}`));
}

function unneeded(ctx: FindingContext, sources: readonly Pod[], destinations: readonly Pod[]): string[] {
  const dependedOn = appDependencies(ctx);
  const to = appsOf(ctx, destinations);
  return appsOf(ctx, sources)
    .flatMap((from) => to.map((dest) => [from, dest] as const))
    .filter(([from, dest]) => from !== dest && !dependedOn.has(`${from}|${dest}`))
    .map(([from, dest]) => `${from} → ${dest}`);
}

function quote(pairs: readonly string[]): string {
  const more = pairs.length > pairsQuoted ? ` and ${pairs.length - pairsQuoted} more` : '';
  return `${pairs.slice(0, pairsQuoted).join(', ')}${more}`;
}

/** Ids as the segment graph has them, so that a finding focuses the view on its segment. */
function namespaceObject(namespace: string): FindingObject {
  return { type: 'namespace', id: namespaceSegmentId(namespace), label: `namespace ${namespace}` };
}

function policyObject(policy: NetworkPolicy): FindingObject {
  return {
    type: 'network-policy',
    id: policySegmentId(policy),
    label: `networkpolicy ${policy.namespace}/${policy.name}`,
  };
}

function servicesOf(ctx: FindingContext, pods: readonly Pod[]): string[] {
  return [...new Set(pods.flatMap((pod) => ctx.serviceOf.get(podId(pod))?.name ?? []))];
}

function ownersOf(ctx: FindingContext, apps: readonly string[]): string[] {
  return apps.flatMap((name) => ctx.applications.apps.find((app) => app.name === name)?.owners ?? []);
}

function namespaceOwner(ctx: FindingContext, namespace: string): string | null {
  const labels = ctx.estate.kubernetes?.namespaces.find((one) => one.name === namespace)?.labels;
  return labels ? tagValue(labels, ctx.tagKeys.owner) : null;
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
      ctx.serviceOf.has(podId(pod)) && !pod.hostNetwork && policies.selecting(pod, 'Ingress').length === 0,
  );
  return [...new Set(open.map((pod) => pod.namespace))].sort().flatMap((namespace): Finding[] => {
    const own = open.filter((pod) => pod.namespace === namespace);
    const pairs = unneeded(ctx, pods, own);
    if (pairs.length === 0) return [];
    const apps = appsOf(ctx, own);
    return [
      {
        id: `over-permissive:namespace/${namespace}/ingress`,
        kind: 'over-permissive',
        severity: 'medium',
        title: `${own.length === 1 ? '1 pod' : `${own.length} pods`} in namespace ${namespace} ${own.length === 1 ? 'takes' : 'take'} connections from every pod of the cluster`,
        explanation:
          `No NetworkPolicy with policyType Ingress selects ${own.map(podId).join(', ')}, so Kubernetes admits ` +
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

function ruleFindings(ctx: FindingContext, scope: RuleScope, used: number): Finding[] {
  const { policy, direction, index, own, peers } = scope;
  const [sources, destinations] = direction === 'ingress' ? [peers, own] : [own, peers];
  const inModel = (pods: readonly Pod[]) => pods.some((pod) => ctx.serviceOf.has(podId(pod)));
  if (!inModel(own) || !inModel(peers)) return [];
  const evidence: DecidingRule[] = [policyRule(policy, direction, index)];
  const name = `networkpolicy ${policy.namespace}/${policy.name} ${direction}[${index}]`;
  const objects = [policyObject(policy), ...serviceObjects(ctx, servicesOf(ctx, own))];
  const owners = ownerList([namespaceOwner(ctx, policy.namespace), ...ownersOf(ctx, appsOf(ctx, own))]);
  const figures = { pods: own.length, peerPods: peers.length, dependencyPairs: used };
  if (used === 0) {
    return [
      {
        id: `unused-rule:${scope.key}`,
        kind: 'unused-rule',
        severity: 'low',
        title: `${name} is used by no dependency`,
        explanation: `${name} lets ${peers.length} pods ${direction === 'ingress' ? 'connect to' : 'be reached from'} ${own.length} pods, and no declared or observed dependency needs any of those connections.`,
        objects,
        owners,
        evidence: { rules: evidence, dependencies: [], flows: [], figures },
        suggestion: `remove ${direction}[${index}] from ${policy.namespace}/${policy.name} once its owner confirms nothing outside the model uses it`,
      },
    ];
  }
  const pairs = unneeded(ctx, sources, destinations);
  if (pairs.length === 0) return [];
  return [
    {
      id: `over-permissive:${scope.key}`,
      kind: 'over-permissive',
      severity: 'medium',
      title: `${name} admits apps that have no dependency on each other`,
      explanation: `${name} serves ${used} dependency pairs, and also lets apps talk that have no dependency on each other: ${quote(pairs)}.`,
      objects,
      owners,
      evidence: {
        rules: evidence,
        dependencies: [],
        flows: [],
        figures: { ...figures, unneededAppPairs: pairs.length },
      },
      suggestion: `narrow the rule's podSelector and namespaceSelector to the pods of the calling services`,
    },
  ];
}

/** A policy whose pods belong to several apps of several owners: editing it changes all their traffic. */
function sharedPolicy(
  ctx: FindingContext,
  pods: readonly Pod[],
  policies: NetworkPolicies,
  policy: NetworkPolicy,
): Finding[] {
  const own = pods.filter((pod) =>
    policy.policyTypes.some((type) => policies.selecting(pod, type).includes(policy)),
  );
  const apps = appsOf(ctx, own);
  const owners = ownerList(ownersOf(ctx, apps));
  if (apps.length < 2 || owners.length < 2) return [];
  const label = `networkpolicy ${policy.namespace}/${policy.name}`;
  return [
    {
      id: `shared-segment:networkpolicy/${policy.namespace}/${policy.name}`,
      kind: 'shared-segment',
      severity: Math.max(apps.length, owners.length) >= 3 ? 'high' : 'medium',
      title: `${label} is shared by ${apps.length} apps of ${owners.length} owners`,
      explanation: `${label} selects ${own.length} pods of the apps ${apps.join(', ')} (owners ${owners.join(', ')}): any edit to it changes what all of them may send and receive, so one change needs every owner's review.`,
      objects: [
        policyObject(policy),
        ...apps.map((app): FindingObject => ({ type: 'app', id: app, label: app })),
      ],
      owners,
      evidence: {
        rules: [policyRule(policy, 'ingress', null)],
        dependencies: [],
        flows: [],
        figures: { apps: apps.length, owners: owners.length, pods: own.length },
      },
      suggestion: `give each app its own policy, selecting only its pods by their app.kubernetes.io/part-of label`,
    },
  ];
}

/** As for security groups (ownerMismatch.ts): medium for a namespace of one app, low for several. */
function namespaceOwnerMismatch(ctx: FindingContext, pods: readonly Pod[], namespace: string): Finding[] {
  const owner = namespaceOwner(ctx, namespace);
  const apps = appsOf(
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
    ...new Set(pods.filter((pod) => ids.has(podId(pod))).map((pod) => pod.namespace)),
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
