/** How a dependency is called: protocol and port, either of which a source may leave unsaid. */
export interface Endpoint {
  readonly protocol: string | null;
  readonly port: number | null;
}

export const unknownEndpoint: Endpoint = { protocol: null, port: null };

/** IANA numbers written for the protocols that have names, so one dependency is spelled one way. */
const protocolNames: Readonly<Record<string, string>> = { '1': 'icmp', '6': 'tcp', '17': 'udp' };
const namedProtocols = new Set(['tcp', 'udp', 'icmp']);

/** The protocol as a dependency stores it, or null when the text is neither a name nor 0-255. */
export function readProtocol(text: string): string | null {
  const lower = text.trim().toLowerCase();
  if (namedProtocols.has(lower)) return lower;
  if (!/^\d{1,3}$/.test(lower) || Number(lower) > 255) return null;
  const number = String(Number(lower));
  return protocolNames[number] ?? number;
}

/** The port, or null when the text is not a whole number 0-65535. */
export function readPort(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,5}$/.test(trimmed) && Number(trimmed) <= 65535 ? Number(trimmed) : null;
}

/**
 * Builds an endpoint from optional protocol and port text (empty means unsaid), or returns what is
 * wrong with it, for the caller to place.
 */
export function readEndpoint(protocolText: string, portText: string): Endpoint | string {
  const protocol = protocolText.trim() === '' ? null : readProtocol(protocolText);
  if (protocol === null && protocolText.trim() !== '') {
    return `protocol ${JSON.stringify(protocolText)} is not tcp, udp, icmp or a protocol number 0-255`;
  }
  const port = portText.trim() === '' ? null : readPort(portText);
  if (port === null && portText.trim() !== '') {
    return `port ${JSON.stringify(portText)} is not a whole number 0-65535`;
  }
  if (port !== null && protocol === 'icmp') return `${protocol} has no ports`;
  // A port is a port of some protocol: matched against flow logs, it would meet any of them.
  if (port !== null && protocol === null) return `port ${port} needs a protocol, e.g. tcp`;
  return { protocol, port };
}

/** `tcp/8443`, `tcp` or `icmp`, as the catalog annotations write an endpoint. */
export function readEndpointText(text: string): Endpoint | string {
  const [protocol = '', port = '', extra] = text.split('/');
  if (extra !== undefined || protocol.trim() === '') {
    return `${JSON.stringify(text)} is not written as protocol/port, e.g. tcp/8443`;
  }
  return readEndpoint(protocol, port);
}
