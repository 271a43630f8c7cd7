import type { IpProtocol, RuleDirection } from '../domain/estate';
import { cidrContains, type IpAddress } from '../domain/ip';
import { whyNoConnectionsFrom, whyNoConnectionsTo } from './connectionRoles';
import type { FlowEnd } from './endpoints';
import type { EstateIndex, IndexedRule } from './estateIndex';
import { describeGroup, describePeer, listInEnglish, ruleReference } from './explain';
import type { ReferenceReach } from './groupReferences';
import { PortSet } from './portSet';
import { describeSelector, describeTraffic, portSpace, selectedPorts } from './protocol';
import type { LayerVerdict } from './verdict';

/** The other end of the flow as a rule sees it: its address and the groups it carries. */
export interface RulePeerView {
  readonly address: IpAddress;
  readonly groupIds: ReadonlySet<string>;
  /** Whether rules naming its groups reach it on the flow's way; they do when absent (one VPC). */
  readonly references?: ReferenceReach;
}

export interface RuleMatch {
  readonly rule: IndexedRule;
  readonly ports: PortSet;
  /** Why the match is not certain (the export lacks what the rule refers to); null when it is. */
  readonly doubt: string | null;
}

/** Ports of the flow's protocol that rules admit for sure, and those they might admit (disjoint). */
export interface AllowedPorts {
  readonly allowed: PortSet;
  readonly unknown: PortSet;
}

/** Which ports of `protocol` one rule admits toward (egress) or from (ingress) `peer`; null for none. */
export function matchRule(
  index: EstateIndex,
  rule: IndexedRule,
  peer: RulePeerView,
  protocol: IpProtocol,
): RuleMatch | null {
  const selected = selectedPorts(rule.selector, protocol);
  if (selected === null) return null;
  const peerMatch = matchPeer(index, rule, peer);
  if (peerMatch === false) return null;
  const codeDoubt = selected.certain
    ? null
    : `it admits only ${describeSelector(rule.selector)} and the flow names no ICMP code`;
  return { rule, ports: selected.ports, doubt: peerMatch === true ? codeDoubt : peerMatch };
}

/** true, false, or the reason it cannot be told. */
function matchPeer(index: EstateIndex, { peer }: IndexedRule, view: RulePeerView): boolean | string {
  switch (peer.kind) {
    case 'cidr':
      return cidrContains(peer.cidr, view.address);
    // Group membership of exported ENIs is complete, so a group the peer does not carry never matches,
    // even one from another account that is not in the export.
    case 'group': {
      if (!view.groupIds.has(peer.groupId)) return false;
      const reach = view.references;
      if (reach === undefined || reach.outcome === 'allow') return true;
      return reach.outcome === 'deny' ? false : (reach.why as string);
    }
    case 'prefix-list': {
      const match = index.prefixListMatch(peer.prefixListId, view.address);
      return typeof match === 'string' ? match : match.length > 0;
    }
  }
}

/** Every matching rule of an ENI's groups in one direction. */
export function matchingRules(
  index: EstateIndex,
  groupIds: Iterable<string>,
  direction: RuleDirection,
  peer: RulePeerView,
  protocol: IpProtocol,
): RuleMatch[] {
  const matches: RuleMatch[] = [];
  for (const groupId of groupIds) {
    for (const rule of index.rules(groupId, direction)) {
      const match = matchRule(index, rule, peer, protocol);
      if (match !== null) matches.push(match);
    }
  }
  return matches;
}

/**
 * The ports an ENI with these groups may send to (egress) or receive from (ingress) `peer`. Rules are
 * allow-only and any one suffices. An ENI with no group at all (a NAT gateway's) is not filtered.
 */
export function allowedPorts(
  index: EstateIndex,
  groupIds: ReadonlySet<string>,
  direction: RuleDirection,
  peer: RulePeerView,
  protocol: IpProtocol,
): AllowedPorts {
  if (groupIds.size === 0) return { allowed: portSpace(protocol), unknown: PortSet.empty };
  let allowed = PortSet.empty;
  let possible = PortSet.empty;
  for (const match of matchingRules(index, groupIds, direction, peer, protocol)) {
    if (match.doubt === null) allowed = allowed.union(match.ports);
    else possible = possible.union(match.ports);
  }
  return { allowed, unknown: possible.subtract(allowed) };
}

/** sg-egress (own = source, peer = destination) or sg-ingress (own = destination, peer = source). */
export function securityGroupLayer(
  index: EstateIndex,
  own: FlowEnd,
  direction: RuleDirection,
  peer: FlowEnd & Pick<RulePeerView, 'references'>,
  protocol: IpProtocol,
  port: number | null,
): LayerVerdict {
  const layer = direction === 'egress' ? 'sg-egress' : 'sg-ingress';
  const flow = `${describeTraffic(protocol, port)} ${direction === 'egress' ? 'to' : 'from'} ${peer.resolved.address}`;
  const workload = index.workload(own.resolved.workloadId);
  const refused =
    workload === undefined
      ? undefined
      : direction === 'ingress'
        ? whyNoConnectionsTo(workload)
        : whyNoConnectionsFrom(workload);
  if (refused !== undefined) {
    return { layer, verdict: 'deny', reason: `${own.resolved.workloadId} is ${refused}`, rules: [] };
  }
  if (own.groupIds.size === 0) {
    const reason = `${own.resolved.workloadId} carries no security group (as NAT gateway interfaces do), so none filters ${flow}`;
    return { layer, verdict: 'not-applicable', reason, rules: [] };
  }
  const point = port ?? 0;
  const matches = matchingRules(index, own.groupIds, direction, peer, protocol).filter((match) =>
    match.ports.contains(point),
  );
  const groups = listInEnglish([...own.groupIds].map((id) => describeGroup(index, id)));
  const certain = matches.filter((match) => match.doubt === null);
  if (certain.length > 0) {
    const one = certain.length === 1;
    const described = listInEnglish(certain.map((match) => describeRule(index, match.rule)));
    const reason = `${direction} ${one ? 'rule' : 'rules'} ${described} ${one ? 'allows' : 'allow'} ${flow}`;
    return { layer, verdict: 'allow', reason, rules: certain.map((match) => ruleReference(match.rule)) };
  }
  if (matches.length > 0) {
    const doubts = matches.map((match) => `${describeRule(index, match.rule)}: ${match.doubt}`);
    const reason = `no ${direction} rule of ${groups} surely allows ${flow}; these might: ${doubts.join('; ')}`;
    return { layer, verdict: 'unknown', reason, rules: matches.map((match) => ruleReference(match.rule)) };
  }
  return {
    layer,
    verdict: 'deny',
    reason: `no ${direction} rule of ${groups} allows ${flow}${staleNote(index, own, direction, peer, protocol, point)}`,
    rules: [],
  };
}

/** Rules that would match by the groups the peer carries, but do not reach it on this way: say why. */
function staleNote(
  index: EstateIndex,
  own: FlowEnd,
  direction: RuleDirection,
  peer: FlowEnd & Pick<RulePeerView, 'references'>,
  protocol: IpProtocol,
  point: number,
): string {
  const { references } = peer;
  if (references?.outcome !== 'deny') return '';
  const stale = matchingRules(
    index,
    own.groupIds,
    direction,
    { ...peer, references: undefined },
    protocol,
  ).filter((match) => match.rule.peer.kind === 'group' && match.ports.contains(point));
  if (stale.length === 0) return '';
  return `; ${listInEnglish(stale.map((match) => describeRule(index, match.rule)))} ${stale.length === 1 ? 'names a group' : 'name groups'} ${peer.resolved.workloadId} carries, but ${references.why}`;
}

/** `sg-a (web) tcp 5432 from 10.0.0.0/16`. */
function describeRule(index: EstateIndex, indexed: IndexedRule): string {
  const preposition = indexed.rule.direction === 'egress' ? 'to' : 'from';
  return `${describeGroup(index, indexed.rule.groupId)} ${describeSelector(indexed.selector)} ${preposition} ${describePeer(indexed)}`;
}
