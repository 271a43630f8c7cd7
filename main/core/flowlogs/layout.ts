/**
 * Where each field sits in a record. AWS lets a flow log pick its fields and their order; the S3
 * export names them on the first line of every file, and the default (version 2) format has no
 * choice, so it is the only one read without a header.
 */
export interface FlowLogLayout {
  readonly fieldCount: number;
  readonly srcaddr: number;
  readonly dstaddr: number;
  readonly srcport: number;
  readonly dstport: number;
  readonly protocol: number;
  readonly action: number;
  /** -1 when the format leaves the field out. */
  readonly packets: number;
  readonly bytes: number;
  readonly start: number;
  readonly end: number;
  readonly logStatus: number;
  /**
   * pkt-srcaddr and pkt-dstaddr (-1 when left out): the packet's own addresses where the interface is
   * an intermediate layer (a NAT gateway's, a transit gateway's, a node's for its pods), whose own
   * address srcaddr and dstaddr then hold.
   */
  readonly pktSrcaddr: number;
  readonly pktDstaddr: number;
  /** interface-id (-1 when left out): the network interface the record was logged on. */
  readonly interfaceId: number;
  /** tcp-flags (-1 when left out): the handshake's flags, which tell the client from the server. */
  readonly tcpFlags: number;
}

const requiredFields = ['srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'action'] as const;

export const defaultFormat =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

// A header written by a future AWS release may name fields we have never heard of, so a header is
// recognised by its shape (field-name tokens including the required ones), not by a list of names.
const fieldName = /^[a-z][a-z0-9-]*$/;

/** The field names a line holds, or null when it is not a line of field names. */
function headerNames(line: string): string[] | null {
  const names = line
    .trim()
    .split(/\s+/)
    .map((token) => (token.startsWith('${') && token.endsWith('}') ? token.slice(2, -1) : token));
  return names.every((name) => fieldName.test(name)) ? names : null;
}

/** Field names no other file's first line holds (protocol and action are plain words). */
const tellingFields = ['srcaddr', 'dstaddr', 'srcport', 'dstport'];

/**
 * The required fields a header meant for a flow log leaves out: a line of field names naming two
 * of the telling ones is one, whose reader should say what it lacks rather than what else it is not.
 * Null for any other line, and for a header naming them all.
 */
export function fieldsLacking(line: string): string[] | null {
  const names = headerNames(line) ?? [];
  const meant = tellingFields.filter((name) => names.includes(name)).length >= 2;
  const lacking = requiredFields.filter((name) => !names.includes(name));
  return meant && lacking.length > 0 ? lacking : null;
}

/** The layout a header line names, or null when the line is not a header with the required fields. */
export function layoutFromHeader(line: string): FlowLogLayout | null {
  const names = headerNames(line);
  if (names === null || !requiredFields.every((name) => names.includes(name))) return null;
  const at = (name: string) => names.indexOf(name);
  return {
    fieldCount: names.length,
    srcaddr: at('srcaddr'),
    dstaddr: at('dstaddr'),
    srcport: at('srcport'),
    dstport: at('dstport'),
    protocol: at('protocol'),
    action: at('action'),
    packets: at('packets'),
    bytes: at('bytes'),
    start: at('start'),
    end: at('end'),
    logStatus: at('log-status'),
    pktSrcaddr: at('pkt-srcaddr'),
    pktDstaddr: at('pkt-dstaddr'),
    interfaceId: at('interface-id'),
    tcpFlags: at('tcp-flags'),
  };
}

export const defaultLayout = layoutFromHeader(defaultFormat) as FlowLogLayout;
