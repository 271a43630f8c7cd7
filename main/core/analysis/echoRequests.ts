import type { ReachabilityEngine } from './reachability';

/**
 * The ICMP query a ping is: echo request, type 8 (RFC 792), or 128 for ICMPv6 (RFC 4443). It is what
 * an ICMP dependency that names no type is checked as, and what tells a ping from its replies.
 */
export const echoRequestType = { icmp: 8, icmpv6: 128 } as const;

/**
 * Whether the snapshot admits an echo request from `source` to `destination`, as `faultline check`
 * decides it: null when the engine cannot place an end or cannot tell. The engine is asked for only
 * when a ping's direction is in question: most snapshots' logs have none.
 */
export function echoRequestCheck(
  engine: () => ReachabilityEngine,
): (source: string, destination: string, protocol: keyof typeof echoRequestType) => boolean | null {
  return (source, destination, protocol) => {
    const verdict = engine().checkIfPlaced({
      source,
      destination,
      protocol,
      port: echoRequestType[protocol],
    });
    return verdict === null || verdict.allowed === 'unknown' ? null : verdict.allowed;
  };
}
