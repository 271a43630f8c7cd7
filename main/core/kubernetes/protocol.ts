import type { KubeProtocol } from '../domain/kubernetes';
import type { JsonCursor } from '../input/jsonCursor';
import { readChoice } from './metadata';

const protocols: readonly KubeProtocol[] = ['TCP', 'UDP', 'SCTP'];

/** A port's protocol; Kubernetes defaults a missing one to TCP everywhere (ports, container ports, policies). */
export function readProtocol(cursor: JsonCursor): KubeProtocol {
  return readChoice(cursor, protocols, 'TCP');
}

/** A port number 1-65535, as the API server validates every port field. */
export function readPortNumber(cursor: JsonCursor): number {
  const port = cursor.integer();
  if (port < 1 || port > 65535) cursor.fail('a port number 1-65535');
  return port;
}

/**
 * An IntOrString port: a number, or the name of a container port. The API server validates a string
 * as a port name (IsValidPortName), so `"80"` is refused there and here rather than read as a number.
 */
export function readPortRef(cursor: JsonCursor): number | string {
  return typeof cursor.value === 'string'
    ? readPortName(cursor, 'a port number or a port name')
    : readPortNumber(cursor);
}

/**
 * A port name as the API server's IsValidPortName (k8s.io/apimachinery/pkg/util/validation) accepts
 * it, for container ports and the ports that refer to them: at most 15 characters, lowercase letters,
 * digits and `-`, at least one letter, no `-` at either end nor two in a row.
 */
export function readPortName(cursor: JsonCursor, expected = 'a port name'): string {
  const name = cursor.string();
  const valid =
    /^[a-z0-9-]{1,15}$/.test(name) && /[a-z]/.test(name) && !name.includes('--') && !/^-|-$/.test(name);
  if (!valid)
    cursor.fail(
      `${expected} (at most 15 lowercase letters, digits and -, with a letter, no - at either end or twice in a row)`,
    );
  return name;
}

/**
 * Whether NetworkPolicy decides a flow of this protocol (as a check names it): only TCP, UDP and
 * SCTP. Network Policies, "Network traffic filtering": "For other protocols, such as ARP or ICMP,
 * the behaviour is undefined."
 */
export function isPolicyProtocol(protocol: string): boolean {
  return protocols.some((known) => flowProtocolOf(known) === protocol);
}

/** The flow protocol (as a check names it) a Kubernetes protocol stands for: SCTP is IP protocol 132. */
export function flowProtocolOf(protocol: KubeProtocol): string {
  return protocol === 'SCTP' ? '132' : protocol.toLowerCase();
}
