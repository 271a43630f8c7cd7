import type { ObservedFlow } from '../domain/applications';

export type EchoProtocol = 'icmp' | 'icmpv6';

/**
 * Whether the snapshot admits an echo request from one end to the other (each a workload id or an
 * address, as `faultline check` takes them): true or false, or null when it cannot tell. The caller
 * asks the reachability engine, which the application model may not import.
 */
export type EchoRequestCheck = (
  source: string,
  destination: string,
  protocol: EchoProtocol,
) => boolean | null;

const echoProtocols: Readonly<Record<number, EchoProtocol>> = { 1: 'icmp', 58: 'icmpv6' };

/**
 * A flow log record carries no ICMP type, and a ping is logged as two records of the same shape, the
 * request one way and the reply the other (docs/flow-logs.md, "Echo replies"): the reader makes each
 * a conversation, the destination its server. Where both directions between two ends were seen, the
 * snapshot tells which is the request, since security groups are stateful and only the request needs
 * a rule: when it admits an echo request one way and denies it the other, the other way's
 * conversations are the replies, and their records join the request's (turned round, action kept,
 * as a TCP reply's do). When it admits both or neither, or cannot tell, both stay: nothing in the
 * log or the snapshot says which end pinged.
 */
export function foldEchoReplies(
  flows: readonly ObservedFlow[],
  /** How the engine is to name an end of a conversation. */
  endOf: (address: string, interfaceId: string | undefined) => string,
  admits: EchoRequestCheck,
): ObservedFlow[] {
  const pairs = new Map<string, ObservedFlow[]>();
  for (const flow of flows) {
    if (echoProtocols[flow.protocol] === undefined || flow.serverPort !== null) continue;
    const key = pairKey(flow);
    pairs.set(key, [...(pairs.get(key) ?? []), flow]);
  }
  const replies = new Set<ObservedFlow>();
  for (const conversations of pairs.values()) {
    const [first] = conversations as [ObservedFlow];
    const mirrored = conversations.some((flow) => flow.client !== first.client);
    if (!mirrored) continue;
    const protocol = echoProtocols[first.protocol] as EchoProtocol;
    const [a, b] = [endOf(first.client, first.interfaceId), endOf(first.server, first.interfaceId)];
    const [forward, backward] = [admits(a, b, protocol), admits(b, a, protocol)];
    if (forward === backward || forward === null || backward === null) continue;
    const repliesFrom = forward ? first.server : first.client;
    for (const flow of conversations) if (flow.client === repliesFrom) replies.add(flow);
  }
  if (replies.size === 0) return [...flows];
  const conversations = new Map<string, ObservedFlow>();
  for (const flow of flows) {
    const one = replies.has(flow) ? { ...flow, client: flow.server, server: flow.client } : flow;
    const key = conversationKey(one);
    const seen = conversations.get(key);
    conversations.set(key, seen === undefined ? one : joined(seen, one));
  }
  return [...conversations.values()];
}

/** The two ends, in either order, of a portless ICMP conversation, and the interface that logged it. */
function pairKey(flow: ObservedFlow): string {
  const [low, high] = flow.client < flow.server ? [flow.client, flow.server] : [flow.server, flow.client];
  return [flow.protocol, low, high, flow.interfaceId ?? ''].join(' ');
}

/** What makes a conversation one (flowlogs/conversations.ts). */
function conversationKey(flow: ObservedFlow): string {
  const { client, server, protocol, serverPort, action, interfaceId } = flow;
  return [client, server, protocol, serverPort ?? '', action, interfaceId ?? ''].join(' ');
}

function joined(request: ObservedFlow, reply: ObservedFlow): ObservedFlow {
  return {
    ...request,
    records: request.records + reply.records,
    packets: request.packets + reply.packets,
    bytes: request.bytes + reply.bytes,
    firstSeen: Math.min(request.firstSeen, reply.firstSeen),
    lastSeen: Math.max(request.lastSeen, reply.lastSeen),
  };
}
