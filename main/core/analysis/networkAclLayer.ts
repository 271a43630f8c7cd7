import type { IpProtocol, NetworkAcl } from '../domain/estate';
import { cidrContains, type IpAddress } from '../domain/ip';
import { hasPortRange } from '../domain/ipProtocol';
import type { FlowEnd } from './endpoints';
import type { EstateIndex, IndexedEntry } from './estateIndex';
import { describeAcl, entryReference, listInEnglish } from './explain';
import { PortSet } from './portSet';
import { describeSelector, describeTraffic, EPHEMERAL_PORTS, portSpace, selectedPorts } from './protocol';
import type { DecidingRule, LayerName, LayerVerdict } from './verdict';

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
  let undecided = portSpace(protocol);
  let allowed = PortSet.empty;
  let mayAllow = PortSet.empty;
  let mayDeny = PortSet.empty;
  const decisions: AclDecision[] = [];
  for (const entry of entries) {
    const selected = cidrContains(entry.cidr, peer) ? selectedPorts(entry.selector, protocol) : null;
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

interface AclSide {
  readonly acl: NetworkAcl;
  readonly byDefault: boolean;
  readonly evaluation: AclEvaluation;
}

/** The ACL of `own`'s subnet in one direction, toward (egress) or from (ingress) `peer`; null if not exported. */
function aclSide(
  index: EstateIndex,
  own: FlowEnd,
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

function sideName(own: FlowEnd, side: AclSide): string {
  const fallback = side.byDefault
    ? `, the default ACL of ${own.vpcId}, as ${own.subnetId} has no association`
    : '';
  return `${describeAcl(side.acl)}${fallback}`;
}

function notApplicable(layer: LayerName, reason: string): LayerVerdict {
  return { layer, verdict: 'not-applicable', reason, rules: [] };
}

function missingAcl(layer: LayerName, own: FlowEnd): LayerVerdict {
  const reason = `${own.subnetId} has no network ACL association in the export and the default network ACL of ${own.vpcId} is not exported`;
  return { layer, verdict: 'unknown', reason, rules: [] };
}

const sameSubnet = (source: FlowEnd) =>
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
  const point = port ?? 0;
  const deciding = side.evaluation.decisions.filter((decision) => decision.ports.contains(point));
  const flow = `${describeTraffic(protocol, port)} ${toward(egress)} ${peer.resolved.address}`;
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
    layer,
    verdict,
    reason: `${sideName(own, side)}: ${decided}${doubt}`,
    rules: deciding.map((decision) => entryReference(decision.entry)),
  };
}

/**
 * NACLs are stateless: the reply, from the destination port back to the client's ephemeral port,
 * must pass the destination subnet's outbound entries and the source subnet's inbound entries, for one
 * and the same client port. Only tcp and udp have client ports, and their entries are always certain.
 */
export function networkAclReplyLayer(
  index: EstateIndex,
  source: FlowEnd,
  destination: FlowEnd,
  protocol: IpProtocol,
): LayerVerdict {
  const layer = 'nacl-reply';
  if (source.subnetId === destination.subnetId) return notApplicable(layer, sameSubnet(source));
  if (!hasPortRange(protocol)) {
    const reason = `${protocol} has no client port for a reply to return to; a reply message (such as an ICMP echo reply) is a flow of its own`;
    return notApplicable(layer, reason);
  }
  // An end on the internet has no subnet of ours: only the other end's side filters the reply.
  const out = destination.outside ? null : aclSide(index, destination, true, source.address, protocol);
  if (out === null && !destination.outside) return missingAcl(layer, destination);
  const back = source.outside ? null : aclSide(index, source, false, destination.address, protocol);
  if (back === null && !source.outside) return missingAcl(layer, source);
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
function decidingFor(ports: PortSet, ...sides: AclSide[]): DecidingRule[] {
  return sides.flatMap((side) =>
    side.evaluation.decisions
      .filter((decision) => !decision.ports.intersect(ports).isEmpty())
      .map((decision) => entryReference(decision.entry)),
  );
}
