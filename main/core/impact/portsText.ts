import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import type { PortRange } from './types';

/** `5432`, `1024-65535`, `80, 443`; `all` for a protocol without ports or every port. */
export function portsText(protocol: string, ranges: readonly PortRange[]): string {
  if (ranges.length === 0) return '';
  const [first] = ranges;
  const max = isIcmp(protocol) ? 255 : 65535;
  if (!hasPortRange(protocol) && !isIcmp(protocol)) return 'all';
  if (ranges.length === 1 && first && first.from === 0 && first.to >= max) return 'all';
  const prefix = isIcmp(protocol) ? 'type ' : '';
  return prefix + ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ');
}

export const protocolText = (protocol: string) => (protocol === '-1' ? 'all traffic' : protocol);

/** `tcp 443`, `udp all`; all traffic has no ports to name. */
export const trafficText = (protocol: string, ranges: readonly PortRange[]) =>
  protocol === '-1' ? protocolText(protocol) : `${protocolText(protocol)} ${portsText(protocol, ranges)}`;

/** `tcp 22`, `icmp type 8`, `50`: the protocol and port of one conversation. */
export const portText = (protocol: string, port: number | null) =>
  port === null ? protocolText(protocol) : trafficText(protocol, [{ from: port, to: port }]);
