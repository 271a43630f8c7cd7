import type { IpProtocol } from '../domain/estate';
import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import type { JsonCursor } from '../input/jsonCursor';

const names = new Set(['-1', 'tcp', 'udp', 'icmp', 'icmpv6']);
/** AWS accepts a protocol by name or number; numbers that have a name are named so equal protocols compare equal. */
const nameOfNumber = new Map([
  ['6', 'tcp'],
  ['17', 'udp'],
  ['1', 'icmp'],
  ['58', 'icmpv6'],
]);

export function readProtocol(field: JsonCursor): IpProtocol {
  const written = field.string();
  if (names.has(written)) return written;
  if (/^\d{1,3}$/.test(written) && Number(written) <= 255) {
    const number = String(Number(written));
    return nameOfNumber.get(number) ?? number;
  }
  return field.fail('a protocol: -1, tcp, udp, icmp, icmpv6 or a number from 0 to 255');
}

/**
 * FromPort/ToPort of a security group rule: a port range for tcp/udp, type and code for icmp.
 * AWS prints -1/-1 (or nothing) for the other protocols, where ports mean nothing.
 */
export function readRulePorts(
  rule: JsonCursor,
  protocol: IpProtocol,
): { fromPort: number | null; toPort: number | null } {
  if (!hasPortRange(protocol) && !isIcmp(protocol)) return { fromPort: null, toPort: null };
  return { fromPort: rule.int('FromPort'), toPort: rule.int('ToPort') };
}
