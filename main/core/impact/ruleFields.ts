import { FlowError } from '../analysis/errors';
import { parseFlowProtocol } from '../analysis/protocol';
import type { IpProtocol, NetworkAclEntry, RulePeer } from '../domain/estate';
import { parseCidr } from '../domain/ip';
import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import type { AclEntryFields, ProtocolText } from './change';

/** A problem with one field of an edit; the caller names the place. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** As the importer normalises protocols, so an edited rule compares equal to an exported one. */
export function readProtocol(text: ProtocolText, field = 'protocol'): IpProtocol {
  const written = text.trim().toLowerCase();
  if (written === '-1' || written === 'all') return '-1';
  try {
    return parseFlowProtocol(written);
  } catch (error) {
    if (error instanceof FlowError) throw new FieldError(field, error.message);
    throw error;
  }
}

/** `sg-…` a group, `pl-…` a prefix list, otherwise an IPv4 or IPv6 CIDR. */
export function readPeer(text: string, field = 'peer'): RulePeer {
  const written = text.trim();
  if (written.startsWith('sg-'))
    return { kind: 'group', groupId: written, userId: null, vpcId: null, peeringStatus: null };
  if (written.startsWith('pl-')) return { kind: 'prefix-list', prefixListId: written };
  const cidr = parseCidr(written);
  if (cidr === null)
    throw new FieldError(field, `"${text}" is not a CIDR, a group id (sg-…) or a prefix list id (pl-…)`);
  return { kind: cidr.family === 4 ? 'cidr4' : 'cidr6', cidr: written };
}

/**
 * FromPort/ToPort as a rule stores them: a range for tcp/udp (required), type and code for icmp (-1,
 * all, when absent), nothing for other protocols.
 */
export function readRulePorts(
  protocol: IpProtocol,
  fromPort: number | null | undefined,
  toPort: number | null | undefined,
): { fromPort: number | null; toPort: number | null } {
  if (hasPortRange(protocol)) {
    const range = portRange(fromPort, toPort);
    if (range === null) throw new FieldError('fromPort', `${protocol} needs fromPort and toPort`);
    return range;
  }
  if (isIcmp(protocol))
    return { fromPort: icmpValue(fromPort, 'fromPort'), toPort: icmpValue(toPort, 'toPort') };
  return { fromPort: null, toPort: null };
}

/** null when both ports are absent. */
function portRange(
  from: number | null | undefined,
  to: number | null | undefined,
): { fromPort: number; toPort: number } | null {
  if (from == null && to == null) return null;
  if (from == null || to == null)
    throw new FieldError(from == null ? 'fromPort' : 'toPort', 'give both ports');
  if (from < 0 || to < 0) throw new FieldError(from < 0 ? 'fromPort' : 'toPort', 'a port is 0 to 65535');
  if (from > to) throw new FieldError('toPort', `toPort ${to} is below fromPort ${from}`);
  return { fromPort: from, toPort: to };
}

function icmpValue(value: number | null | undefined, field: string): number {
  if (value === undefined || value === null) return -1;
  if (value > 255) throw new FieldError(field, 'an ICMP type or code is -1 (all) to 255');
  return value;
}

/** The protocol, ports and ICMP fields of an ACL entry, as the importer stores them. */
export function readEntryTraffic(
  fields: AclEntryFields & { protocol: ProtocolText },
): Pick<NetworkAclEntry, 'protocol' | 'portRange' | 'icmp'> {
  const protocol = readProtocol(fields.protocol);
  const range = hasPortRange(protocol) ? portRange(fields.fromPort, fields.toPort) : null;
  return {
    protocol,
    portRange: range && { from: range.fromPort, to: range.toPort },
    icmp: isIcmp(protocol)
      ? { type: icmpValue(fields.icmpType, 'icmpType'), code: icmpValue(fields.icmpCode, 'icmpCode') }
      : null,
  };
}

export function readEntryCidr(text: string): string {
  if (parseCidr(text.trim()) === null) throw new FieldError('cidr', `"${text}" is not an IPv4 or IPv6 CIDR`);
  return text.trim();
}
