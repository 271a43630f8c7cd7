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
 * as an IANA_SVC_NAME (at most 15 lowercase letters, digits and hyphens, at least one letter), so
 * `"80"` is refused there and here rather than read as a number.
 */
export function readPortRef(cursor: JsonCursor): number | string {
  if (typeof cursor.value === 'string') {
    const name = cursor.value;
    if (!/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(name) || !/[a-z]/.test(name))
      cursor.fail('a port number or a port name (at most 15 lowercase letters, digits and -)');
    return name;
  }
  return readPortNumber(cursor);
}

/** The flow protocol (as a check names it) a Kubernetes protocol stands for: SCTP is IP protocol 132. */
export function flowProtocolOf(protocol: KubeProtocol): string {
  return protocol === 'SCTP' ? '132' : protocol.toLowerCase();
}
