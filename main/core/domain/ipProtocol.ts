import type { IpProtocol } from './estate';

/** tcp and udp address ports: rules and entries narrow them to a range. */
export function hasPortRange(protocol: IpProtocol): boolean {
  return protocol === 'tcp' || protocol === 'udp';
}

/** icmp and icmpv6 carry a type and a code where other protocols have ports. */
export function isIcmp(protocol: IpProtocol): boolean {
  return protocol === 'icmp' || protocol === 'icmpv6';
}
