/**
 * What the reachability box asks for after the protocol. The engine reads tcp and udp with a
 * destination port, icmp and icmpv6 with an ICMP type, and any other IP protocol by its number
 * alone (docs/semantics/aws.md, "The flow").
 */
export const namedProtocols = ['tcp', 'udp', 'icmp', 'icmpv6'] as const;

export type PortKind = 'port' | 'icmp-type' | 'none';

/**
 * Only the names carry a port, so `none` is also what marks a protocol given by its number: a number,
 * even 6, is sent as it is, and the engine says what it needs.
 */
export function portKind(protocol: string): PortKind {
  if (protocol === 'tcp' || protocol === 'udp') return 'port';
  if (protocol === 'icmp' || protocol === 'icmpv6') return 'icmp-type';
  return 'none';
}
