import type { IpProtocol, NetworkAcl } from '../domain/estate';
import { cidrContains, type IpAddress } from '../domain/ip';
import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import type { FlowEnd } from './endpoints';
import type { EstateIndex, IndexedEntry } from './estateIndex';
import { describeAcl, entryReference, listInEnglish } from './explain';
import { PortSet } from './portSet';
import {
  describeSelector,
  describeTraffic,
  EPHEMERAL_PORTS,
  type IcmpAnswer,
  icmpAnswer,
  portSpace,
  selectedPorts,
} from './protocol';
import { allMustPass, type DecidingRule, type LayerName, type LayerVerdict } from './verdict';

/** The ports one entry decided: those that reached it undecided and that it matches. */
export interface AclDecision {
  readonly entry: IndexedEntry;
  readonly ports: PortSet;
  /** False for an entry narrowed to one ICMP code: it may or may not match, and evaluation goes on past it. */
  readonly certain: boolean;
}

export interface AclEvaluation {
  readonly allowed: PortSet;
  /** Ports whose fate depends on something the flow does not say (an ICMP code); disjoint from allowed. */
  readonly unknown: PortSet;
  /** In rule-number order. */
  readonly decisions: readonly AclDecision[];
}

/**
 * First match wins, for every port of the protocol at once: each entry decides the ports that reached
 * it undecided. Ports no entry decides fall to the catch-all `*` rule, which AWS always has and which
 * denies. An uncertain entry lets its ports go on; if it might decide them otherwise than the entries
 * after it, they are unknown.
 */
export function evaluateAcl(
  entries: readonly IndexedEntry[],
  peer: IpAddress,
  protocol: IpProtocol,
): AclEvaluation {
  const holding = entries.map((entry) => cidrContains(entry.cidr, peer));
  let byMatch = evaluations.get(entries);
  if (byMatch === undefined) {
    byMatch = new Map();
    evaluations.set(entries, byMatch);
  }
  const key = `${protocol} ${holding.map(Number).join('')}`;
  let evaluation = byMatch.get(key);
  if (evaluation === undefined) {
    evaluation = evaluateMatching(entries, holding, protocol);
    byMatch.set(key, evaluation);
  }
  return evaluation;
}

/**
 * Evaluations by entry list, then by protocol and which of the entries hold the peer: that is all
 * of the peer an evaluation depends on, and a few such patterns cover every address of an estate.
 * Each evaluation is dozens of port-set operations; an explained query makes four or more of them
 * and the flow graph thousands, so evaluating again was most of what a query allocated (22 of its
 * 46 KB on the bench estate). Keyed weakly, by the index's own lists, so they go with the index.
 */
const evaluations = new WeakMap<readonly IndexedEntry[], Map<string, AclEvaluation>>();

function evaluateMatching(
  entries: readonly IndexedEntry[],
  holding: readonly boolean[],
  protocol: IpProtocol,
): AclEvaluation {
  let undecided = portSpace(protocol);
  let allowed = PortSet.empty;
  let mayAllow = PortSet.empty;
  let mayDeny = PortSet.empty;
  const decisions: AclDecision[] = [];
  for (const [at, entry] of entries.entries()) {
    const selected = holding[at] ? selectedPorts(entry.selector, protocol) : null;
    const ports = selected === null ? PortSet.empty : undecided.intersect(selected.ports);
    if (selected === null || ports.isEmpty()) continue;
    const allows = entry.entry.action === 'allow';
    decisions.push({ entry, ports, certain: selected.certain });
    if (selected.certain) {
      undecided = undecided.subtract(ports);
      if (allows) allowed = allowed.union(ports);
    } else if (allows) {
      mayAllow = mayAllow.union(ports);
    } else {
      mayDeny = mayDeny.union(ports);
    }
  }
  const denied = allowed.complement();
  const unknown = allowed.intersect(mayDeny).union(denied.intersect(mayAllow));
  return { allowed: allowed.subtract(unknown), unknown, decisions };
}

export interface AclSide {
  readonly acl: NetworkAcl;
  readonly byDefault: boolean;
  readonly evaluation: AclEvaluation;
}

/** Where an ACL sits: a flow's end, or a subnet on its way. */
export type AclPlace = Pick<FlowEnd, 'subnetId' | 'vpcId'>;

/** The ACL of `own`'s subnet in one direction, toward (egress) or from (ingress) `peer`; null if not exported. */
export function aclSide(
  index: EstateIndex,
  own: AclPlace,
  egress: boolean,
  peer: IpAddress,
  protocol: IpProtocol,
): AclSide | null {
  const found = index.aclOf(own.subnetId, own.vpcId);
  if (found === null) return null;
  return { ...found, evaluation: evaluateAcl(index.entries(found.acl.id, egress), peer, protocol) };
}

const direction = (egress: boolean) => (egress ? 'outbound' : 'inbound');
const toward = (egress: boolean) => (egress ? 'to' : 'from');

function describeEntry({ entry, selector }: IndexedEntry): string {
  return `rule ${entry.ruleNumber} (${entry.action} ${describeSelector(selector)} ${toward(entry.egress)} ${entry.cidr})`;
}

export function sideName(own: AclPlace, side: AclSide): string {
  const fallback = side.byDefault
    ? `, the default ACL of ${own.vpcId}, as ${own.subnetId} has no association`
    : '';
  return `${describeAcl(side.acl)}${fallback}`;
}

function notApplicable(layer: LayerName, reason: string): LayerVerdict {
  return { layer, verdict: 'not-applicable', reason, rules: [] };
}

export function missingAcl(layer: LayerName, own: AclPlace): LayerVerdict {
  const reason = `${own.subnetId} has no network ACL association in the export and the default network ACL of ${own.vpcId} is not exported`;
  return { layer, verdict: 'unknown', reason, rules: [] };
}

export const sameSubnet = (source: FlowEnd) =>
  `source and destination are both in ${source.subnetId}: network ACLs filter only traffic that crosses a subnet boundary`;

/**
 * nacl-outbound (egress: the source subnet's ACL toward the destination) or nacl-inbound (the
 * destination subnet's ACL from the source), for the request's destination port.
 */
export function networkAclLayer(
  index: EstateIndex,
  source: FlowEnd,
  destination: FlowEnd,
  egress: boolean,
  protocol: IpProtocol,
  port: number | null,
): LayerVerdict {
  const layer = egress ? 'nacl-outbound' : 'nacl-inbound';
  if (source.subnetId === destination.subnetId) return notApplicable(layer, sameSubnet(source));
  const [own, peer] = egress ? [source, destination] : [destination, source];
  const side = aclSide(index, own, egress, peer.address, protocol);
  if (side === null) return missingAcl(layer, own);
  return { layer, ...decideAt(own, side, egress, peer.resolved.address, protocol, port) };
}

/** What one side's entries decide for one port (or ICMP type), and the entries that decided it. */
export function decideAt(
  own: AclPlace,
  side: AclSide,
  egress: boolean,
  peerText: string,
  protocol: IpProtocol,
  port: number | null,
): Omit<LayerVerdict, 'layer'> {
  const point = port ?? 0;
  const deciding = side.evaluation.decisions.filter((decision) => decision.ports.contains(point));
  const flow = `${describeTraffic(protocol, port)} ${toward(egress)} ${peerText}`;
  const first = deciding.find((decision) => decision.certain);
  const doubtful = deciding
    .filter((decision) => !decision.certain)
    .map((decision) => describeEntry(decision.entry));
  const decided =
    first === undefined
      ? `no ${direction(egress)} entry matches ${flow}, so the catch-all rule * denies it`
      : `${direction(egress)} ${describeEntry(first.entry)} is the first entry matching ${flow}`;
  const doubt =
    doubtful.length === 0
      ? ''
      : `; before it, ${listInEnglish(doubtful)} might match, depending on the ICMP code, which the flow does not name`;
  const verdict = side.evaluation.allowed.contains(point)
    ? 'allow'
    : side.evaluation.unknown.contains(point)
      ? 'unknown'
      : 'deny';
  return {
    verdict,
    reason: `${sideName(own, side)}: ${decided}${doubt}`,
    rules: deciding.map((decision) => entryReference(decision.entry)),
  };
}

/**
 * NACLs are stateless, so what comes back must pass them too: the destination subnet's outbound
 * entries toward the source, and the source subnet's inbound entries from the destination. For tcp and
 * udp that is the reply to the client's ephemeral port, one and the same port on both sides; for an
 * ICMP query, its answer (an echo reply for an echo request). Nothing else is answered.
 */
export function networkAclReplyLayer(
  index: EstateIndex,
  source: FlowEnd,
  destination: FlowEnd,
  protocol: IpProtocol,
  port: number | null,
): LayerVerdict {
  const layer = 'nacl-reply';
  if (source.subnetId === destination.subnetId) return notApplicable(layer, sameSubnet(source));
  const answer = icmpAnswer(protocol, port);
  if (answer !== null) return icmpReply(index, source, destination, protocol, answer);
  if (!hasPortRange(protocol)) return notApplicable(layer, unanswered(protocol, port));
  // An end on the internet has no subnet of ours: only the other end's side filters the reply.
  const out = destination.outside ? null : aclSide(index, destination, true, source.address, protocol);
  if (out === null && !destination.outside) return missingAcl(layer, destination);
  const back = source.outside ? null : aclSide(index, source, false, destination.address, protocol);
  if (back === null && !source.outside) return missingAcl(layer, source);
  return portReply(source, destination, out, back, protocol);
}

export function unanswered(protocol: IpProtocol, port: number | null): string {
  return isIcmp(protocol)
    ? `${describeTraffic(protocol, port)} is not a query that gets an answer, so nothing comes back through the network ACLs`
    : `${describeTraffic(protocol, port)} has no client port for a reply to return to; traffic back is a flow of its own`;
}

/**
 * The answer to an ICMP query, decided by each side's entries at its type as any other packet: a
 * side that denies it decides, whatever the other side's ACL, exported or not.
 */
function icmpReply(
  index: EstateIndex,
  source: FlowEnd,
  destination: FlowEnd,
  protocol: IpProtocol,
  answer: IcmpAnswer,
): LayerVerdict {
  const sides = [
    { own: destination, egress: true, peer: source },
    { own: source, egress: false, peer: destination },
  ].flatMap(({ own, egress, peer }) => {
    if (own.outside) return [];
    const side = aclSide(index, own, egress, peer.address, protocol);
    if (side === null) return [missingAcl('nacl-reply', own)];
    return [decideAt(own, side, egress, peer.resolved.address, protocol, answer.type)];
  });
  return {
    layer: 'nacl-reply',
    verdict: allMustPass(sides.map((side) => side.verdict)),
    reason: `the ${answer.name} (${describeTraffic(protocol, answer.type)}) goes back from ${destination.resolved.address} to ${source.resolved.address}: ${sides.map((side) => side.reason).join('; ')}`,
    rules: sides.flatMap((side) => side.rules),
  };
}

/** The reply to the client's ephemeral port: one port in 1024-65535 must pass both sides. */
function portReply(
  source: FlowEnd,
  destination: FlowEnd,
  out: AclSide | null,
  back: AclSide | null,
  protocol: IpProtocol,
): LayerVerdict {
  const layer = 'nacl-reply';
  const outPorts = out === null ? EPHEMERAL_PORTS : out.evaluation.allowed.intersect(EPHEMERAL_PORTS);
  const backPorts = back === null ? EPHEMERAL_PORTS : back.evaluation.allowed.intersect(EPHEMERAL_PORTS);
  const passing = outPorts.intersect(backPorts);
  const outSide =
    out &&
    `${sideName(destination, out)} outbound allows ${protocol} to ${source.resolved.address} on client ports ${outPorts}`;
  const backSide =
    back &&
    `${sideName(source, back)} inbound allows ${outSide ? 'it' : protocol} from ${destination.resolved.address} on ${outSide ? '' : 'client ports '}${backPorts}`;
  const sides = [outSide, backSide].filter((side) => side !== null).join(', ');
  const deciding = [out, back].filter((side) => side !== null);
  if (passing.isEmpty()) {
    return {
      layer,
      verdict: 'deny',
      reason: `no client port in ${EPHEMERAL_PORTS} passes both ways: ${sides}`,
      rules: decidingFor(EPHEMERAL_PORTS, ...deciding),
    };
  }
  return {
    layer,
    verdict: 'allow',
    reason: `replies pass on client ports ${passing}: ${sides}`,
    rules: decidingFor(passing, ...deciding),
  };
}

/** The entries of both sides that decided any of `ports`. */
export function decidingFor(ports: PortSet, ...sides: AclSide[]): DecidingRule[] {
  return sides.flatMap((side) =>
    side.evaluation.decisions
      .filter((decision) => !decision.ports.intersect(ports).isEmpty())
      .map((decision) => entryReference(decision.entry)),
  );
}
