import type { IpProtocol } from '../domain/estate';
import { hasPortRange } from '../domain/ipProtocol';
import type { FlowEnd } from './endpoints';
import type { EstateIndex } from './estateIndex';
import { listInEnglish } from './explain';
import {
  type AclPlace,
  type AclSide,
  aclSide,
  decideAt,
  decidingFor,
  missingAcl,
  networkAclLayer,
  networkAclReplyLayer,
  sameSubnet,
  sideName,
  unanswered,
} from './networkAclLayer';
import { describeTraffic, EPHEMERAL_PORTS, icmpAnswer } from './protocol';
import type { LegWay, RoutedFlow } from './routing';
import { allMustPass, distinctRules, type LayerName, type LayerVerdict } from './verdict';

/** One network ACL a flow's packets pass on their way: a subnet's, in one direction, with the end it sees. */
export interface AclCrossing {
  readonly place: AclPlace;
  readonly egress: boolean;
  /** The destination for outbound entries, the source for inbound ones. */
  readonly peer: FlowEnd;
  /** The transit gateway subnet this is, when it is one. */
  readonly attachmentId: string | null;
}

/**
 * The ACLs one direction of a flow passes, from `from` to `to`: one list per subnet a transit gateway
 * may deliver it through (one list when nothing is left open). After "Network ACLs for transit
 * gateways": packets from a workload to the transit gateway pass its subnet's outbound entries and the
 * transit gateway subnet's inbound entries, even when the two are one subnet; packets from the transit
 * gateway to a workload pass the transit gateway subnet's outbound entries and the workload subnet's
 * inbound entries, unless the two are one subnet. A way not known past the first hop gives the
 * sender's ACL alone: the rest cannot deny what is not known to reach it.
 */
export function legCrossings(from: FlowEnd, to: FlowEnd, way: LegWay): AclCrossing[][] {
  const out: AclCrossing = { place: from, egress: true, peer: to, attachmentId: null };
  const into: AclCrossing = { place: to, egress: false, peer: from, attachmentId: null };
  if (way.kind === 'direct') return [from.subnetId === to.subnetId ? [] : [out, into]];
  if (way.path === null) return [[out]];
  const { exit, entries } = way.path;
  const toGateway: AclCrossing = { place: exit, egress: false, peer: from, attachmentId: exit.attachmentId };
  return entries.map((entry) =>
    entry.subnetId === to.subnetId
      ? [out, toGateway]
      : [out, toGateway, { place: entry, egress: true, peer: to, attachmentId: entry.attachmentId }, into],
  );
}

/**
 * nacl-outbound, nacl-inbound and nacl-reply of a flow between two workloads. A flow that goes
 * straight both ways is the two subnets' business alone (networkAclLayer.ts); through a transit
 * gateway, the ACLs of its subnets on the way count too.
 */
export function aclLayers(
  index: EstateIndex,
  source: FlowEnd,
  destination: FlowEnd,
  routed: Pick<RoutedFlow, 'request' | 'reply'>,
  protocol: IpProtocol,
  port: number | null,
): [LayerVerdict, LayerVerdict, LayerVerdict] {
  if (routed.request.kind === 'direct' && routed.reply.kind === 'direct') {
    return [
      networkAclLayer(index, source, destination, true, protocol, port),
      networkAclLayer(index, source, destination, false, protocol, port),
      networkAclReplyLayer(index, source, destination, protocol, port),
    ];
  }
  const request = legCrossings(source, destination, routed.request);
  const reply = legCrossings(destination, source, routed.reply);
  return crossingLayers(index, source, destination, request, reply, protocol, port);
}

/**
 * nacl-outbound, nacl-inbound and nacl-reply of a flow whose request and reply pass the given ACLs,
 * one list per way a transit gateway may take them.
 */
export function crossingLayers(
  index: EstateIndex,
  source: FlowEnd,
  destination: FlowEnd,
  request: readonly AclCrossing[][],
  reply: readonly AclCrossing[][],
  protocol: IpProtocol,
  port: number | null,
): [LayerVerdict, LayerVerdict, LayerVerdict] {
  const one = (
    layer: LayerName,
    crossings: readonly AclCrossing[][],
    decide: (all: AclCrossing[]) => LayerVerdict,
  ) => acrossAlternatives(layer, crossings.map(decide));
  return [
    one('nacl-outbound', request, (all) => requestLayer(index, 'nacl-outbound', all, true, protocol, port)),
    one('nacl-inbound', request, (all) => requestLayer(index, 'nacl-inbound', all, false, protocol, port)),
    one('nacl-reply', reply, (all) => replyLayer(index, source, destination, all, protocol, port)),
  ];
}

/** The request's entries of one direction: every ACL on the way must let it pass. */
function requestLayer(
  index: EstateIndex,
  layer: LayerName,
  crossings: readonly AclCrossing[],
  egress: boolean,
  protocol: IpProtocol,
  port: number | null,
): LayerVerdict {
  const mine = crossings.filter((crossing) => crossing.egress === egress);
  if (mine.length === 0) return notApplicable(layer, 'no subnet boundary is crossed in this direction');
  const parts: LayerVerdict[] = [];
  for (const crossing of mine) {
    const side = sideOf(index, crossing, protocol);
    if (side === null) {
      parts.push(missingAcl(layer, crossing.place));
      continue;
    }
    const decided = decideAt(crossing.place, side, egress, crossing.peer.resolved.address, protocol, port);
    parts.push({ layer, ...decided, reason: `${placeName(crossing)}: ${decided.reason}` });
  }
  return joined(layer, parts);
}

/**
 * What comes back passes every ACL of the reply's way: for tcp and udp on one client port in
 * 1024-65535, for an ICMP query's answer at its type; nothing else is answered.
 */
function replyLayer(
  index: EstateIndex,
  source: FlowEnd,
  destination: FlowEnd,
  crossings: readonly AclCrossing[],
  protocol: IpProtocol,
  port: number | null,
): LayerVerdict {
  const layer: LayerName = 'nacl-reply';
  if (crossings.length === 0) return notApplicable(layer, sameSubnet(source));
  const answer = icmpAnswer(protocol, port);
  const sides: [AclCrossing, AclSide][] = [];
  const missing: LayerVerdict[] = [];
  for (const crossing of crossings) {
    const side = sideOf(index, crossing, protocol);
    if (side === null) missing.push(missingAcl(layer, crossing.place));
    else sides.push([crossing, side]);
  }
  if (answer !== null) {
    const parts = sides.map(([crossing, side]) => {
      const { address } = crossing.peer.resolved;
      const decided = decideAt(crossing.place, side, crossing.egress, address, protocol, answer.type);
      return { layer, ...decided, reason: `${placeName(crossing)}: ${decided.reason}` };
    });
    const all = joined(layer, [...parts, ...missing]);
    const back = `the ${answer.name} (${describeTraffic(protocol, answer.type)}) goes back from ${destination.resolved.address} to ${source.resolved.address}`;
    return { ...all, reason: `${back}: ${all.reason}` };
  }
  if (!hasPortRange(protocol)) return notApplicable(layer, unanswered(protocol, port));
  let passing = EPHEMERAL_PORTS;
  const told = sides.map(([crossing, side]) => {
    const ports = side.evaluation.allowed.intersect(EPHEMERAL_PORTS);
    passing = passing.intersect(ports);
    const where = crossing.egress ? 'outbound allows' : 'inbound allows';
    const toward = crossing.egress ? 'to' : 'from';
    return `${placeName(crossing)}: ${sideName(crossing.place, side)} ${where} ${protocol} ${toward} ${crossing.peer.resolved.address} on client ports ${ports}`;
  });
  const deciding = sides.map(([, side]) => side);
  // As between two subnets: without one ACL on the way, whether any client port passes is not known.
  if (missing.length > 0) return joined(layer, missing);
  if (passing.isEmpty()) {
    return {
      layer,
      verdict: 'deny',
      reason: `no client port in ${EPHEMERAL_PORTS} passes every ACL on the way back: ${told.join('; ')}`,
      rules: decidingFor(EPHEMERAL_PORTS, ...deciding),
    };
  }
  return {
    layer,
    verdict: 'allow',
    reason: `replies pass on client ports ${passing}: ${told.join('; ')}`,
    rules: decidingFor(passing, ...deciding),
  };
}

/**
 * A transit gateway that may deliver through any of several subnets decides only where all of them
 * decide alike.
 */
function acrossAlternatives(layer: LayerName, alternatives: readonly LayerVerdict[]): LayerVerdict {
  const [first] = alternatives;
  if (first === undefined)
    return notApplicable(layer, 'the transit gateway has no subnet to deliver through');
  if (alternatives.length === 1) return first;
  const verdicts = new Set(alternatives.map((one) => one.verdict));
  const reasons = listInEnglish([...new Set(alternatives.map((one) => one.reason))]);
  return {
    layer,
    verdict: verdicts.size === 1 ? first.verdict : 'unknown',
    reason:
      verdicts.size === 1
        ? reasons
        : `the transit gateway may deliver through any of its subnets, and their ACLs decide differently: ${reasons}`,
    rules: distinctRules(alternatives.flatMap((one) => one.rules)),
  };
}

function joined(layer: LayerName, parts: readonly LayerVerdict[]): LayerVerdict {
  return {
    layer,
    verdict: allMustPass(parts.map((part) => part.verdict)),
    reason: parts.map((part) => part.reason).join('; '),
    rules: distinctRules(parts.flatMap((part) => part.rules)),
  };
}

function sideOf(index: EstateIndex, crossing: AclCrossing, protocol: IpProtocol): AclSide | null {
  return aclSide(index, crossing.place, crossing.egress, crossing.peer.address, protocol);
}

function placeName({ place, attachmentId }: AclCrossing): string {
  return attachmentId === null
    ? place.subnetId
    : `${place.subnetId} (transit gateway subnet of ${attachmentId})`;
}

function notApplicable(layer: LayerName, reason: string): LayerVerdict {
  return { layer, verdict: 'not-applicable', reason, rules: [] };
}
