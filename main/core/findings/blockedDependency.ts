import { ruleReference } from '../analysis/explain';
import { EPHEMERAL_PORTS, icmpAnswer, selectedPorts } from '../analysis/protocol';
import type { DecidingRule, FlowVerdict, LayerVerdict, ResolvedEndpoint } from '../analysis/verdict';
import type { ServiceDependency } from '../applications/model';
import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import { podWorkloadId } from '../domain/kubernetes';
import type { FindingContext } from './context';
import {
  type DependencyPairs,
  type DependencyTraffic,
  dependencyPairs,
  dependencyTraffic,
  ruleTraffic,
  writtenTraffic,
} from './dependencyPairs';
import { namespaceObject, namespaceOwner, policyObject } from './kubernetes/scope';
import {
  aclOwner,
  appOwners,
  groupObject,
  hostCidr,
  ownerList,
  peerText,
  preferredGroup,
  serviceObjects,
  workloadObject,
} from './reachPeers';
import type { Finding, FindingObject } from './types';

/** Denied flows quoted as evidence: enough to verify by hand, not every pair of a large service. */
const flowsQuoted = 3;

/** One thing that denies some pairs: a layer at one group set, ACL entry or route table. */
interface Blocker {
  readonly layer: LayerVerdict['layer'];
  readonly reason: string;
  readonly rules: readonly DecidingRule[];
  /** The workloads on the side whose filter denies (destination for ingress) and on the other side. */
  readonly own: Set<string>;
  readonly peer: Set<string>;
}

/**
 * A declared or observed dependency the policy denies between some pair of its workloads. High when
 * any pair is denied; medium ("cannot tell") when none is denied but some cannot be decided from the
 * export. The suggestion is the narrowest rule or entry that would let the denied pairs through.
 */
export function blockedDependencies(ctx: FindingContext): Finding[] {
  return dependencyPairs(ctx).flatMap((measured) => {
    const verdicts = measured.pairs.flatMap((pair) => (pair.verdict ? [pair.verdict] : []));
    const denied = verdicts.filter((verdict) => verdict.allowed === false);
    const unknown = verdicts.filter((verdict) => verdict.allowed === 'unknown');
    if (denied.length > 0) return [blocked(ctx, measured, denied, unknown.length)];
    return unknown.length > 0 ? [undecided(ctx, measured, unknown)] : [];
  });
}

function blocked(
  ctx: FindingContext,
  { dependency, pairs }: DependencyPairs,
  denied: readonly FlowVerdict[],
  unknownPairs: number,
): Finding {
  const blockers = blockersOf(ctx, dependency, denied);
  const name = dependencyName(dependency);
  const unknownNote = unknownPairs > 0 ? ` ${unknownPairs} more cannot be told from the export.` : '';
  const logs = flowLogNote(dependency, denied.length === pairs.length, deniedPastTheClient(denied));
  const segments = blockers.map((blocker) => segmentsOf(ctx, blocker));
  return {
    id: findingId(dependency),
    kind: 'blocked-dependency',
    severity: 'high',
    title: `${name} is denied on ${denied.length} of ${pairs.length} workload pairs`,
    explanation:
      `${dependency.from} calls ${dependency.to} on ${checkedText(dependency)} ` +
      `(${sourceWords(dependency)}), but the network denies it on ${denied.length} of ${pairs.length} workload pairs: ` +
      `${blockers.map((blocker) => `${blocker.layer} (first denied pair: ${blocker.reason})`).join('; ')}.${unknownNote}${logs.text}`,
    objects: dedupe([
      ...serviceObjects(ctx, [dependency.from, dependency.to]),
      ...segments.flatMap((segment) => segment.objects),
      ...[...new Set(denied.flatMap((v) => [v.source.workloadId, v.destination.workloadId]))]
        // An end on the internet is no workload.
        .filter((id) => id !== '')
        .map((id) => workloadObject(ctx, id)),
    ]),
    owners: ownerList([
      ...appOwners(ctx, dependency.from),
      ...appOwners(ctx, dependency.to),
      ...segments.flatMap((segment) => segment.owners),
    ]),
    evidence: {
      rules: blockers.flatMap((blocker) => blocker.rules),
      dependencies: [dependency],
      flows: denied.slice(0, flowsQuoted),
      figures: { workloadPairs: pairs.length, deniedPairs: denied.length, unknownPairs, ...logs.figures },
    },
    suggestion: blockers.map((blocker) => suggestion(ctx, dependency, blocker)).join('; '),
  };
}

/**
 * Whether every pair is denied only after the client's interface let the request out: where it
 * enters the destination (its groups, its subnet's ACL) or on the replies' way back.
 */
function deniedPastTheClient(denied: readonly FlowVerdict[]): boolean {
  const pastTheClient = new Set(['sg-ingress', 'nacl-inbound', 'nacl-reply']);
  return denied.every((verdict) =>
    verdict.explanation.every((layer) => layer.verdict !== 'deny' || pastTheClient.has(layer.layer)),
  );
}

/**
 * What the flow logs saw of a dependency the snapshot denies on every pair. A flow log record is
 * written "on a per network interface basis": each interface logs its own verdict, so where the
 * traffic is refused past the client (entering the destination, or its replies), the interfaces it
 * passes first log it accepted and the one that refuses it logs it rejected (VPC Flow Logs, "Flow
 * log records" and the security group example of "Flow log record examples"). Accepted records then
 * disagree with the snapshot only without rejected ones, and only if the refusing interface is
 * logged. Where the client's side refuses it, nothing is accepted anywhere: accepted records mean
 * traffic got through that these rules stop, because the rules changed or the export misses what
 * let it through. With some pairs allowed, the logs' records may all be theirs, and say nothing.
 */
function flowLogNote(
  dependency: ServiceDependency,
  everyPairDenied: boolean,
  pastTheClient: boolean,
): { text: string; figures: Record<string, number> } {
  const seen = dependency.observed;
  if (seen === null || !everyPairDenied) return { text: '', figures: {} };
  const until = new Date(seen.lastSeen * 1000).toISOString().slice(0, 10);
  const count = (n: number) => n.toLocaleString('en-US');
  const disagree =
    'traffic got through that this snapshot denies, so either the rules changed between the export and the logs, or the export misses what let it through';
  if (seen.accepted > 0 && !pastTheClient) {
    return {
      text: ` Yet the flow logs (up to ${until}) recorded ${count(seen.accepted)} accepted records of it: ${disagree}.`,
      figures: { acceptedRecords: seen.accepted },
    };
  }
  if (seen.accepted > 0 && seen.rejected === 0) {
    return {
      text: ` The flow logs (up to ${until}) recorded ${count(seen.accepted)} accepted records of it and no rejected one: the interfaces it passes before the one that refuses it log it accepted (each interface logs its own verdict), so either the refusing interface is not logged, or ${disagree}.`,
      figures: { acceptedRecords: seen.accepted },
    };
  }
  const accepted =
    seen.accepted > 0
      ? `, and ${count(seen.accepted)} accepted ones from the interfaces it passes before the one that refuses it (each interface logs its own verdict)`
      : ', none accepted';
  return {
    text: ` The flow logs (up to ${until}) bear this out: ${count(seen.rejected)} rejected records${accepted}.`,
    figures: {
      rejectedRecords: seen.rejected,
      ...(seen.accepted > 0 ? { acceptedRecords: seen.accepted } : {}),
    },
  };
}

function undecided(
  ctx: FindingContext,
  { dependency, pairs }: DependencyPairs,
  unknown: readonly FlowVerdict[],
): Finding {
  const layers = unknown.flatMap((verdict) =>
    verdict.explanation.filter((layer) => layer.verdict === 'unknown'),
  );
  const reasons = [...new Set(layers.map((l) => `${l.layer}: ${l.reason}`))];
  const inCluster = layers.map((layer) => layer.layer.startsWith('k8s-'));
  return {
    id: findingId(dependency),
    kind: 'blocked-dependency',
    severity: 'medium',
    title: `Cannot tell whether ${dependencyName(dependency)} is allowed on ${unknown.length} of ${pairs.length} workload pairs`,
    explanation:
      `No pair of ${dependency.from} → ${dependency.to} is denied, but ${unknown.length} of ${pairs.length} depend on ` +
      `something the export does not settle: ${reasons.join('; ')}.` +
      (inCluster.includes(false)
        ? ' Where an export holds it (for a prefix list, its entries), import that to decide; where an appliance or a transit gateway forwards the traffic, no export shows what it does.'
        : '') +
      (inCluster.includes(true) ? ` ${pluginDecides}` : ''),
    objects: serviceObjects(ctx, [dependency.from, dependency.to]),
    owners: ownerList([...appOwners(ctx, dependency.from), ...appOwners(ctx, dependency.to)]),
    evidence: {
      rules: unknown.flatMap((verdict) => verdict.explanation.flatMap((layer) => layer.rules)).slice(0, 10),
      dependencies: [dependency],
      flows: unknown.slice(0, flowsQuoted),
      figures: { workloadPairs: pairs.length, deniedPairs: 0, unknownPairs: unknown.length },
    },
    suggestion: null,
  };
}

/**
 * Where Kubernetes leaves a NetworkPolicy verdict to the network plugin (docs/semantics/kubernetes.md),
 * no fix to a policy is sure to change it.
 */
const pluginDecides =
  "Where Kubernetes leaves it to the network plugin (protocols other than TCP, UDP and SCTP, host-network pods, node addresses, ipBlocks facing pods), no NetworkPolicy change is sure to decide it: the plugin's documentation, or a test on the cluster, tells.";

/** Denying layers of every denied pair, merged by what denies: pairs denied by one thing need one fix. */
function blockersOf(
  ctx: FindingContext,
  dependency: ServiceDependency,
  denied: readonly FlowVerdict[],
): Blocker[] {
  const blockers = new Map<string, Blocker>();
  for (const verdict of denied) {
    for (const layer of verdict.explanation.filter((one) => one.verdict === 'deny')) {
      const ingressSide = ['sg-ingress', 'nacl-inbound', 'k8s-ingress'].includes(layer.layer);
      const [own, peer] = ingressSide
        ? [endOf(verdict.destination), endOf(verdict.source)]
        : [endOf(verdict.source), endOf(verdict.destination)];
      const key = `${layer.layer}|${denierOf(ctx, layer, own)}`;
      const found = blockers.get(key) ?? {
        layer: layer.layer,
        reason: layer.reason,
        rules: layer.rules.length > 0 ? layer.rules : closestRules(ctx, layer, own, dependency),
        own: new Set<string>(),
        peer: new Set<string>(),
      };
      found.own.add(own);
      found.peer.add(peer);
      blockers.set(key, found);
    }
  }
  return [...blockers.values()];
}

/** What a layer's deny is attributed to: the ACL entries it names, else the groups of the filtering end. */
function denierOf(ctx: FindingContext, layer: LayerVerdict, own: string): string {
  if (layer.rules.length > 0) return layer.rules.map((rule) => JSON.stringify(rule)).join();
  return [...(ctx.workloads.get(own)?.groupIds ?? [])].sort().join();
}

/**
 * A security group denies by having no matching rule, so no rule decided it. The rules of the
 * filtering end's groups on the dependency's port show whom the group does admit instead.
 */
function closestRules(
  ctx: FindingContext,
  layer: LayerVerdict,
  own: string,
  dependency: ServiceDependency,
): DecidingRule[] {
  const { protocol, port } = dependencyTraffic(dependency) as DependencyTraffic;
  if (layer.layer !== 'sg-ingress' && layer.layer !== 'sg-egress') return [];
  const direction = layer.layer === 'sg-ingress' ? 'ingress' : 'egress';
  const { index } = ctx.engine;
  return (ctx.workloads.get(own)?.groupIds ?? [])
    .flatMap((groupId) => index.rules(groupId, direction))
    .filter((rule) => selectedPorts(rule.selector, protocol)?.ports.contains(port ?? 0))
    .map((rule) => ruleReference(rule));
}

/**
 * The segments whose change the fix needs, with their owners, who approve it: the NACLs that deny,
 * the group the rule goes on, or the namespace the NetworkPolicy goes in and the policies isolating
 * its pods (the namespace's owner label names who approves NetworkPolicy changes there).
 */
function segmentsOf(
  ctx: FindingContext,
  blocker: Blocker,
): { objects: FindingObject[]; owners: (string | null)[] } {
  const acls = [
    ...new Set(blocker.rules.flatMap((rule) => (rule.kind === 'network-acl-entry' ? [rule.aclId] : []))),
  ];
  if (acls.length > 0)
    return {
      objects: acls.map((id): FindingObject => ({ type: 'network-acl', id, label: aclLabel(ctx, id) })),
      owners: acls.map((id) => aclOwner(ctx, id)),
    };
  if (blocker.layer === 'k8s-ingress' || blocker.layer === 'k8s-egress') {
    const namespace = podsOf(ctx, blocker.own)[0]?.namespace;
    if (namespace === undefined) return { objects: [], owners: [] };
    const isolating = new Set(
      blocker.rules.flatMap((rule) =>
        rule.kind === 'network-policy-rule' ? [`${rule.namespace}/${rule.policy}`] : [],
      ),
    );
    const policies = (ctx.estate.kubernetes?.networkPolicies ?? []).filter((policy) =>
      isolating.has(`${policy.namespace}/${policy.name}`),
    );
    return {
      objects: [namespaceObject(namespace), ...policies.map(policyObject)],
      owners: [namespace, ...policies.map((policy) => policy.namespace)].map((name) =>
        namespaceOwner(ctx, name),
      ),
    };
  }
  const group = preferredGroup(ctx, [...blocker.own]);
  return group && blocker.layer.startsWith('sg-')
    ? { objects: [groupObject(ctx, group)], owners: [ctx.segmentOwner(group)] }
    : { objects: [], owners: [] };
}

/** The narrowest rule or entry that lets the blocker's pairs through. */
function suggestion(ctx: FindingContext, dependency: ServiceDependency, blocker: Blocker): string {
  const checked = dependencyTraffic(dependency) as DependencyTraffic;
  const traffic = ruleTraffic(checked);
  switch (blocker.layer) {
    case 'sg-ingress':
    case 'sg-egress': {
      const ingress = blocker.layer === 'sg-ingress';
      const target = preferredGroup(ctx, [...blocker.own]);
      const where = target ? ctx.groupLabel(target) : `a group on ${[...blocker.own].join(', ')}`;
      const peer = peerText(ctx, [...blocker.own], [...blocker.peer], ingress ? 'ingress' : 'egress');
      return `add to ${where} an ${ingress ? 'ingress' : 'egress'} rule ${traffic} ${ingress ? 'from' : 'to'} ${peer}`;
    }
    case 'nacl-inbound':
    case 'nacl-outbound': {
      const inbound = blocker.layer === 'nacl-inbound';
      return aclSuggestion(ctx, blocker, inbound, traffic, subnetCidrs(ctx, blocker.peer));
    }
    case 'nacl-reply':
      return replySuggestion(ctx, blocker, checked);
    case 'k8s-ingress':
    case 'k8s-egress':
      return networkPolicySuggestion(ctx, blocker, checked);
    default:
      return `fix the route: ${blocker.reason}`;
  }
}

/**
 * The replies cross the destination subnet's outbound entries and the source subnet's inbound ones,
 * in the dependency's protocol. The blocker's own end is the source (the client) and its peer the destination.
 */
function replySuggestion(
  ctx: FindingContext,
  blocker: Blocker,
  { protocol, port }: DependencyTraffic,
): string {
  const denying = blocker.rules.filter((rule) => rule.kind === 'network-acl-entry' && rule.action === 'deny');
  const sides = new Set(denying.map((rule) => (rule.kind === 'network-acl-entry' ? rule.egress : false)));
  const answer = icmpAnswer(protocol, port);
  const replies = answer ? `${protocol} type ${answer.type}` : `${protocol} ${EPHEMERAL_PORTS}`;
  // Outbound replies leave the destination's subnet toward the source's; inbound ones enter the
  // source's subnet from the destination's.
  const fixes = [...sides].map((egress) =>
    aclSuggestion(
      ctx,
      blocker,
      !egress,
      replies,
      subnetCidrs(ctx, egress ? blocker.own : blocker.peer),
      egress,
    ),
  );
  return fixes.length > 0 ? fixes.join('; ') : `let the replies through: ${blocker.reason}`;
}

function aclSuggestion(
  ctx: FindingContext,
  blocker: Blocker,
  inbound: boolean,
  traffic: string,
  cidrs: readonly string[],
  egress = !inbound,
): string {
  const deny = blocker.rules.find(
    (rule) => rule.kind === 'network-acl-entry' && rule.action === 'deny' && rule.egress === egress,
  );
  const aclId = deny?.kind === 'network-acl-entry' ? deny.aclId : null;
  const below = deny?.kind === 'network-acl-entry' ? ` with a rule number below ${deny.ruleNumber}` : '';
  const where = aclId ? aclLabel(ctx, aclId) : "the subnet's network ACL";
  return `add to ${where} an ${inbound ? 'inbound' : 'outbound'} allow entry ${traffic} ${inbound ? 'from' : 'to'} ${cidrs.join(' and ')}${below}`;
}

/**
 * A NetworkPolicy that selects the filtering pods and admits the others: selectors are the labels all
 * pods of each side share, and a namespace selector when the other side lives in another namespace.
 */
function networkPolicySuggestion(ctx: FindingContext, blocker: Blocker, traffic: DependencyTraffic): string {
  const ingress = blocker.layer === 'k8s-ingress';
  const own = podsOf(ctx, blocker.own);
  const peer = podsOf(ctx, blocker.peer);
  const namespace = own[0]?.namespace ?? '';
  const peerNamespaces = [...new Set(peer.map((pod) => pod.namespace))];
  const inOther = peerNamespaces.length === 1 && peerNamespaces[0] !== namespace;
  const namespaceSelector = inOther
    ? ` and namespaceSelector {kubernetes.io/metadata.name: ${peerNamespaces[0]}}`
    : '';
  return (
    `add a NetworkPolicy in namespace ${namespace} with podSelector ${selectorText(own)} and an ` +
    `${ingress ? 'ingress rule from' : 'egress rule to'} podSelector ${selectorText(peer)}${namespaceSelector} ${policyPorts(traffic)}`
  );
}

function podsOf(ctx: FindingContext, workloadIds: ReadonlySet<string>) {
  const pods = ctx.estate.kubernetes?.pods ?? [];
  return pods.filter((pod) => workloadIds.has(podWorkloadId(pod)));
}

/** `{app.kubernetes.io/name: db}`: the labels every pod shares; `{}` (every pod) when they share none. */
function selectorText(pods: readonly { labels: Readonly<Record<string, string>> }[]): string {
  const [first, ...rest] = pods;
  const shared = Object.entries(first?.labels ?? {}).filter(([key, value]) =>
    rest.every((pod) => pod.labels[key] === value),
  );
  return `{${shared
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ')}}`;
}

/** A flow's end as the blockers group it: its workload, or its address when it is on the internet. */
const endOf = (end: ResolvedEndpoint): string => end.workloadId || end.address;

/** The subnets of workload ends, and the hosts of internet ends. */
function subnetCidrs(ctx: FindingContext, ends: ReadonlySet<string>): string[] {
  const { index } = ctx.engine;
  const cidrs = [...ends].map((id) => {
    const workload = ctx.workloads.get(id);
    return workload ? (index.subnet(workload.subnetId)?.cidrBlock ?? workload.subnetId) : hostCidr(id);
  });
  return [...new Set(cidrs)].sort();
}

function aclLabel(ctx: FindingContext, aclId: string): string {
  const name = ctx.estate.networkAcls.find((acl) => acl.id === aclId)?.tags.Name;
  return name ? `${aclId} (${name})` : aclId;
}

function dependencyName(dependency: ServiceDependency): string {
  return `${dependency.from} → ${dependency.to} ${writtenTraffic(dependency)}`;
}

function findingId(dependency: ServiceDependency): string {
  return `blocked-dependency:${dependency.from}:${dependency.to}:${writtenTraffic(dependency)}`;
}

/** `tcp/8080`; for an ICMP dependency without a type, the query it is checked as. */
function checkedText(dependency: ServiceDependency): string {
  const { protocol, port } = dependencyTraffic(dependency) as DependencyTraffic;
  return isIcmp(protocol) && dependency.port === null
    ? `${protocol} (checked as echo request, type ${port})`
    : writtenTraffic(dependency);
}

/** NetworkPolicy denies only TCP, UDP and SCTP (semantics/kubernetes.md), so a blocked dependency is of one of them. */
function policyPorts({ protocol, port }: DependencyTraffic): string {
  if (hasPortRange(protocol)) return `on ${protocol.toUpperCase()} ${port}`;
  return port === null ? 'on SCTP' : `on SCTP ${port}`;
}

function sourceWords({ source }: ServiceDependency): string {
  return source === 'both'
    ? 'declared and seen in flow logs'
    : source === 'declared'
      ? 'declared'
      : 'seen in flow logs';
}

function dedupe(objects: readonly FindingObject[]): FindingObject[] {
  return [...new Map(objects.map((object) => [`${object.type}:${object.id}`, object])).values()];
}
