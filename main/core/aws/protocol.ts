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
  if (isIcmp(protocol))
    return { fromPort: readIcmpValue(rule, 'FromPort'), toPort: readIcmpValue(rule, 'ToPort') };
  if (!hasPortRange(protocol)) return { fromPort: null, toPort: null };
  const { from, to } = readPortRange(rule, 'FromPort', 'ToPort');
  return { fromPort: from, toPort: to };
}

/** An ICMP type or code: -1 (all) to 255. */
export function readIcmpValue(parent: JsonCursor, key: string): number {
  return parent.intIn(key, -1, 255);
}

/** A tcp/udp port range, both ends 0-65535 and in order: a reversed range would match nothing, silently. */
export function readPortRange(
  parent: JsonCursor,
  fromKey: string,
  toKey: string,
): { from: number; to: number } {
  const from = parent.intIn(fromKey, 0, 65535);
  const to = parent.intIn(toKey, 0, 65535);
  if (to < from) parent.at(toKey).fail(`a port from ${fromKey} (${from}) to 65535`);
  return { from, to };
}
