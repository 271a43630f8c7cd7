/**
 * Which end of a record is the server. The rule and its sources are in docs/flow-logs.md; in short,
 * a TCP handshake's flags tell it outright, a well-known port marks the server, an ephemeral port
 * marks the client, and when the ports say nothing the end that more peers reach on the same port is
 * the server.
 */

/** Protocols whose records carry ports: tcp, udp, dccp, sctp, udplite. */
export function hasPorts(protocol: number): boolean {
  return protocol === 6 || protocol === 17 || protocol === 33 || protocol === 132 || protocol === 136;
}

/** RFC 6335: 0-1023 are System Ports, assigned to services and bound by servers, never by clients. */
const firstUserPort = 1024;
/**
 * The start of the ephemeral range of Linux (32768-60999) and, inside it, Windows and IANA
 * (49152-65535). Clients behind ELB or NAT use 1024-65535, which is why a port between 1024 and
 * 32767 says nothing on its own.
 */
const firstEphemeralPort = 32768;

export type Side = 'src' | 'dst';

/** tcp-flags bits: SYN alone is sent by the client; SYN-ACK (18), by the server. */
const syn = 2;
const synAck = 18;

/**
 * The server side as told by a TCP record's flags, or null when they do not tell (no handshake
 * in the record's interval, or no tcp-flags field: `flags` is -1). Flags are ORed over the
 * interval, so a short connection's client record reads 3 (SYN, FIN) and its server's 19
 * (SYN-ACK, FIN): SYN-ACK is looked for first.
 */
export function serverByFlags(flags: number): Side | null {
  if (flags < 0) return null;
  if ((flags & synAck) === synAck) return 'src';
  return flags & syn ? 'dst' : null;
}

/** The server side as told by the two ports alone, or null when they do not tell. */
export function serverByPorts(srcPort: number, dstPort: number): Side | null {
  const srcLow = srcPort < firstUserPort;
  const dstLow = dstPort < firstUserPort;
  if (srcLow !== dstLow) return srcLow ? 'src' : 'dst';
  const srcEphemeral = srcPort >= firstEphemeralPort;
  const dstEphemeral = dstPort >= firstEphemeralPort;
  if (srcEphemeral !== dstEphemeral) return srcEphemeral ? 'dst' : 'src';
  return null;
}

export interface Endpoint {
  readonly address: string;
  readonly port: number;
  /** How many distinct peer ends talked to this address on this port across the whole read. */
  readonly peers: number;
}

/**
 * The server side when the ports do not tell: a server is reached by many peers on one port, a
 * client's port sees one peer. A tie goes to the lower port, and equal ports to the lower address,
 * so a request and its reply always pick the same server and fold into one conversation.
 */
export function serverByEvidence(src: Endpoint, dst: Endpoint): Side {
  if (src.peers !== dst.peers) return src.peers > dst.peers ? 'src' : 'dst';
  if (src.port !== dst.port) return src.port < dst.port ? 'src' : 'dst';
  return src.address < dst.address ? 'src' : 'dst';
}
