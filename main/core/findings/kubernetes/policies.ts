import type { DecidingRule } from '../../analysis/verdict';
import { type NetworkPolicy, type Pod, type PolicyRule, podWorkloadId } from '../../domain/kubernetes';
import { NetworkPolicies, podPeer, policyRule } from '../../kubernetes/networkPolicy';
import type { FindingContext } from '../context';
import { dependencyPairs } from '../dependencyPairs';
import { ownerList, serviceObjects } from '../reachPeers';
import type { Finding, FindingObject } from '../types';
import { appsOfPods, namespaceOwner, ownersOf, policyObject, quote, servicesOf, unneeded } from './scope';

/** One rule of one NetworkPolicy, with the pods it protects and the pods its peers name. */
interface RuleScope {
  readonly policy: NetworkPolicy;
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  readonly key: string;
  readonly own: readonly Pod[];
  readonly peers: readonly Pod[];
}

/**
 * NetworkPolicies as segments (docs/findings.md, "Kubernetes"): rules that serve a dependency and
 * also admit apps with none (over-permissive), rules no dependency needs (unused), and policies
 * whose pods belong to several apps of several owners (shared).
 */
export function policyFindings(ctx: FindingContext): Finding[] {
  const cluster = ctx.estate.kubernetes;
  if (!cluster) return [];
  const policies = new NetworkPolicies(cluster);
  const uses = ruleUses(ctx);
  const scopes = cluster.networkPolicies.flatMap((policy) => ruleScopes(cluster.pods, policies, policy));
  return [
    ...scopes.flatMap((scope) => ruleFindings(ctx, scope, uses.get(scope.key) ?? 0)),
    ...cluster.networkPolicies.flatMap((policy) => sharedPolicy(ctx, cluster.pods, policies, policy)),
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
      peers: own[0] ? peersOf(pods, policies, own[0], policy, rule) : [],
    }));
  });
}

/** The pods a rule's peers surely name (ipBlocks name addresses, not pods): the same for every pod it protects. */
function peersOf(
  pods: readonly Pod[],
  policies: NetworkPolicies,
  probe: Pod,
  policy: NetworkPolicy,
  rule: PolicyRule,
): Pod[] {
  return pods.filter((pod) => policies.ruleSurelyAllows(probe, policy, rule, podPeer(pod)));
}

function ruleFindings(ctx: FindingContext, scope: RuleScope, used: number): Finding[] {
  const { policy, direction, index, own, peers } = scope;
  const [sources, destinations] = direction === 'ingress' ? [peers, own] : [own, peers];
  const inModel = (pods: readonly Pod[]) => pods.some((pod) => ctx.serviceOf.has(podWorkloadId(pod)));
  if (!inModel(own) || !inModel(peers)) return [];
  const evidence: DecidingRule[] = [policyRule(policy, direction, index)];
  const name = `networkpolicy ${policy.namespace}/${policy.name} ${direction}[${index}]`;
  const objects = [policyObject(policy), ...serviceObjects(ctx, servicesOf(ctx, own))];
  const owners = ownerList([namespaceOwner(ctx, policy.namespace), ...ownersOf(ctx, appsOfPods(ctx, own))]);
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
  const apps = appsOfPods(ctx, own);
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
