import { FlowError } from '../analysis/errors';
import { parseFlowProtocol } from '../analysis/protocol';
import type { IpProtocol, NetworkAclEntry, RulePeer } from '../domain/estate';
import { canonicalCidr, parseCidr } from '../domain/ip';
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

/** `sg-…` a group, `pl-…` a prefix list, otherwise an IPv4 or IPv6 CIDR, kept as AWS stores it. */
export function readPeer(text: string, field = 'peer'): RulePeer {
  const written = text.trim();
  if (written.startsWith('sg-'))
    return { kind: 'group', groupId: written, userId: null, vpcId: null, peeringStatus: null };
  if (written.startsWith('pl-')) {
    if (!/^pl-[0-9a-zA-Z]+$/.test(written)) throw new FieldError(field, `"${text}" is not a prefix list id`);
    return { kind: 'prefix-list', prefixListId: written };
  }
  const cidr = parseCidr(written);
  if (cidr === null)
    throw new FieldError(field, `"${text}" is not a CIDR, a group id (sg-…) or a prefix list id (pl-…)`);
  return { kind: cidr.family === 4 ? 'cidr4' : 'cidr6', cidr: canonicalCidr(cidr) };
}

/**
 * FromPort/ToPort as a rule stores them: a range for tcp/udp, type and code for icmp/icmpv6, nothing
 * for other protocols. As AWS requires (IpPermission, IpProtocol: "For tcp, udp, and icmp, you must
 * specify a port range. For icmpv6, the port range is optional; if you omit the port range, traffic
 * for all types and codes is allowed"): both fields for tcp, udp and icmp, both or neither for icmpv6.
 */
export function readRulePorts(
  protocol: IpProtocol,
  fromPort: number | null | undefined,
  toPort: number | null | undefined,
): { fromPort: number | null; toPort: number | null } {
  if (hasPortRange(protocol)) return requiredRange(protocol, fromPort, toPort);
  if (!isIcmp(protocol)) return { fromPort: null, toPort: null };
  if (fromPort == null && toPort == null) {
    if (protocol === 'icmpv6') return { fromPort: -1, toPort: -1 };
    throw new FieldError(
      'fromPort',
      'icmp needs fromPort (the ICMP type) and toPort (the code); -1 and -1 for all',
    );
  }
  if (fromPort == null || toPort == null)
    throw new FieldError(
      fromPort == null ? 'fromPort' : 'toPort',
      'give both the ICMP type (fromPort) and code (toPort); -1 and -1 for all',
    );
  const type = icmpValue(fromPort, 'fromPort');
  const code = icmpValue(toPort, 'toPort');
  // IpPermission, ToPort: "If the start port is -1 (all ICMP types), then the end port must be -1".
  if (type === -1 && code !== -1)
    throw new FieldError(
      'toPort',
      `fromPort -1 is every ICMP type, so toPort must be -1 (every code), not ${code}`,
    );
  return { fromPort: type, toPort: code };
}

/** tcp and udp rules and entries name their ports; AWS refuses one without. */
function requiredRange(
  protocol: IpProtocol,
  from: number | null | undefined,
  to: number | null | undefined,
): { fromPort: number; toPort: number } {
  if (from == null && to == null)
    throw new FieldError('fromPort', `${protocol} needs fromPort and toPort (0 and 65535 for every port)`);
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

/**
 * The protocol, ports and ICMP fields of an ACL entry, as the importer stores them. A plan's entries
 * (`icmpTypeRequired` false) keep Terraform's reading, where an absent type is all types.
 */
export function readEntryTraffic(
  fields: AclEntryFields & { protocol: ProtocolText },
  icmpTypeRequired = true,
): Pick<NetworkAclEntry, 'protocol' | 'portRange' | 'icmp'> {
  const protocol = readProtocol(fields.protocol);
  // CreateNetworkAclEntry, PortRange: "Required if specifying protocol 6 (TCP) or 17 (UDP)".
  const range = hasPortRange(protocol) ? requiredRange(protocol, fields.fromPort, fields.toPort) : null;
  // IcmpTypeCode: "Required if specifying protocol 1 (ICMP) or protocol 58 (ICMPv6)"; AWS answers
  // "MissingParameter: The request must contain the parameter icmpTypeCode.type".
  if (icmpTypeRequired && isIcmp(protocol) && fields.icmpType == null)
    throw new FieldError(
      'icmpType',
      `an ${protocol} entry needs icmpType (-1 for every type), as AWS requires it`,
    );
  return {
    protocol,
    portRange: range && { from: range.fromPort, to: range.toPort },
    icmp: isIcmp(protocol)
      ? { type: icmpValue(fields.icmpType, 'icmpType'), code: icmpValue(fields.icmpCode, 'icmpCode') }
      : null,
  };
}

/** As AWS stores it: "We modify the specified CIDR block to its canonical form" (CreateNetworkAclEntry). */
export function readEntryCidr(text: string): string {
  const cidr = parseCidr(text.trim());
  if (cidr === null) throw new FieldError('cidr', `"${text}" is not an IPv4 or IPv6 CIDR`);
  return canonicalCidr(cidr);
}
