import { type AddressKey, addressKeyAt } from './address';
import type { AddressSet } from './addressSet';
import type { FlowLogLayout } from './layout';
import { hasPorts } from './serverSide';

/** One flow-log line, parsed. Reused across lines so that the hot loop allocates nothing for IPv4. */
export interface FlowRecord {
  src: AddressKey;
  dst: AddressKey;
  /** -1 when the log writes `-`, which it does only for protocols without ports. */
  srcPort: number;
  dstPort: number;
  protocol: number;
  action: 'ACCEPT' | 'REJECT';
  packets: number;
  bytes: number;
  start: number;
  end: number;
  /**
   * The interface the record was logged on, kept only when an end is an address that workloads of
   * several VPCs hold (see RecordParser): null otherwise, or when the format leaves it out.
   */
  interfaceId: string | null;
  /** tcp-flags of a TCP record; -1 for other protocols, `-`, or a format without the field. */
  tcpFlags: number;
}

export function emptyRecord(): FlowRecord {
  return {
    src: 0,
    dst: 0,
    srcPort: -1,
    dstPort: -1,
    protocol: 0,
    action: 'ACCEPT',
    packets: 0,
    bytes: 0,
    start: 0,
    end: 0,
    interfaceId: null,
    tcpFlags: -1,
  };
}

/** A line that is not a record. Allocated only for bad lines, so good lines cost nothing extra. */
export interface Malformed {
  readonly reason: string;
}

/** `no-data`: a NODATA or SKIPDATA record, which says the interface had nothing to log. */
export type ParseOutcome = 'ok' | 'no-data' | Malformed;

type FieldName = Exclude<keyof FlowLogLayout, 'fieldCount' | 'logStatus' | 'interfaceId'>;

/** TCP's eight flag bits (RFC 793, RFC 3168), of which AWS logs FIN, SYN, RST and SYN-ACK. */
const maxTcpFlags = 0xff;

const counterFields = ['packets', 'bytes', 'start', 'end'] as const;

/**
 * Reads the line text[start, end) into `out` by scanning field boundaries in place: splitting every
 * line into an array of strings was the largest cost of reading millions of lines.
 */
export class RecordParser {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  /**
   * Addresses that workloads of several VPCs hold (null when none, or no interface-id to keep): a
   * record with one at an end keeps its interface-id, which tells the VPC it was logged in. Slicing it out of every line would cost
   * the read a string per record; these are few, and most estates have none.
   */
  private readonly ambiguous: AddressSet | null;

  constructor(
    private readonly layout: FlowLogLayout,
    ambiguous: AddressSet | null = null,
  ) {
    this.ambiguous = layout.interfaceId < 0 || ambiguous?.isEmpty ? null : ambiguous;
    this.starts = new Int32Array(layout.fieldCount);
    this.ends = new Int32Array(layout.fieldCount);
  }

  parse(text: string, start: number, end: number, out: FlowRecord): ParseOutcome {
    const layout = this.layout;
    const count = this.splitFields(text, start, end);
    if (count !== layout.fieldCount) {
      return { reason: `expected ${layout.fieldCount} space-separated fields, found ${count}` };
    }
    if (layout.logStatus >= 0 && this.isNoData(text)) return 'no-data';
    const protocol = this.number(text, layout.protocol);
    if (protocol < 0 || protocol > 255) return this.bad(text, 'protocol', 'a protocol number 0-255');
    const srcPort = this.port(text, layout.srcport, protocol);
    if (srcPort === -2) return this.bad(text, 'srcport', 'a port 0-65535');
    const dstPort = this.port(text, layout.dstport, protocol);
    if (dstPort === -2) return this.bad(text, 'dstport', 'a port 0-65535');
    // "Use this field with the srcaddr field to distinguish between the IP address of an intermediate
    // layer through which traffic flows, and the original source IP address of the traffic" (pkt-srcaddr).
    const srcField = this.given(text, layout.pktSrcaddr) ? 'pktSrcaddr' : 'srcaddr';
    const dstField = this.given(text, layout.pktDstaddr) ? 'pktDstaddr' : 'dstaddr';
    const src = this.address(text, layout[srcField]);
    if (src === null) return this.bad(text, srcField, 'an IP address');
    const dst = this.address(text, layout[dstField]);
    if (dst === null) return this.bad(text, dstField, 'an IP address');
    // One packet has one family: a record mixing them comes from columns read in the wrong order.
    if (typeof src !== typeof dst)
      return this.bad(text, 'dstaddr', 'an address of the same family as srcaddr');
    const action = this.action(text);
    if (action === null) return this.bad(text, 'action', 'ACCEPT or REJECT');
    for (const name of counterFields) {
      const field = layout[name];
      const value = field < 0 ? 0 : this.number(text, field);
      if (value < 0) return this.bad(text, name, 'a whole number');
      out[name] = value;
    }
    if (out.end < out.start) return this.bad(text, 'end', `a time not before start (${out.start})`);
    const tcpFlags = this.tcpFlags(text, protocol);
    if (tcpFlags === -2) return this.bad(text, 'tcpFlags', `a TCP flag bitmask 0-${maxTcpFlags}`);
    out.src = src;
    out.dst = dst;
    out.srcPort = srcPort;
    out.dstPort = dstPort;
    out.protocol = protocol;
    out.action = action;
    out.interfaceId = this.keepsInterface(src, dst) ? this.interfaceOf(text) : null;
    out.tcpFlags = tcpFlags;
    return 'ok';
  }

  /** A TCP record's flags; -1 when not TCP or not given, -2 when invalid. */
  private tcpFlags(text: string, protocol: number): number {
    const field = this.layout.tcpFlags;
    if (protocol !== 6 || !this.given(text, field)) return -1;
    const value = this.number(text, field);
    return value < 0 || value > maxTcpFlags ? -2 : value;
  }

  /** Counts the fields, remembering where the first fieldCount of them lie. */
  private splitFields(text: string, start: number, end: number): number {
    const max = this.layout.fieldCount;
    let count = 0;
    let from = start;
    for (;;) {
      const space = text.indexOf(' ', from);
      const stop = space === -1 || space > end ? end : space;
      if (count < max) {
        this.starts[count] = from;
        this.ends[count] = stop;
      }
      count++;
      if (stop === end) return count;
      from = stop + 1;
    }
  }

  private keepsInterface(src: AddressKey, dst: AddressKey): boolean {
    const ambiguous = this.ambiguous;
    return ambiguous !== null && (ambiguous.has(src) || ambiguous.has(dst));
  }

  private interfaceOf(text: string): string | null {
    return this.given(text, this.layout.interfaceId) ? this.field(text, this.layout.interfaceId) : null;
  }

  private isNoData(text: string): boolean {
    const at = this.starts[this.layout.logStatus] as number;
    const length = (this.ends[this.layout.logStatus] as number) - at;
    return (
      (length === 6 && text.startsWith('NODATA', at)) || (length === 8 && text.startsWith('SKIPDATA', at))
    );
  }

  /** A whole number, or -1. Fifteen digits stay exact in a double, and no counter needs more. */
  private number(text: string, field: number): number {
    const start = this.starts[field] as number;
    const end = this.ends[field] as number;
    if (end === start || end - start > 15) return -1;
    let value = 0;
    for (let i = start; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  }

  /** The port, -1 for `-` on a protocol without ports, -2 when invalid. */
  private port(text: string, field: number, protocol: number): number {
    const start = this.starts[field] as number;
    if (!hasPorts(protocol) && this.ends[field] === start + 1 && text.charCodeAt(start) === 45) return -1;
    const value = this.number(text, field);
    return value < 0 || value > 65535 ? -2 : value;
  }

  /** Whether the format has the field and this record fills it (not `-`). */
  private given(text: string, field: number): boolean {
    if (field < 0) return false;
    const start = this.starts[field] as number;
    return !(this.ends[field] === start + 1 && text.charCodeAt(start) === 45);
  }

  private address(text: string, field: number): AddressKey | null {
    return addressKeyAt(text, this.starts[field] as number, this.ends[field] as number);
  }

  private action(text: string): 'ACCEPT' | 'REJECT' | null {
    const at = this.starts[this.layout.action] as number;
    if (this.ends[this.layout.action] !== at + 6) return null;
    if (text.startsWith('ACCEPT', at)) return 'ACCEPT';
    return text.startsWith('REJECT', at) ? 'REJECT' : null;
  }

  private field(text: string, field: number): string {
    return text.slice(this.starts[field], this.ends[field]);
  }

  private bad(text: string, name: FieldName, expected: string): Malformed {
    const shown =
      name === 'tcpFlags'
        ? 'tcp-flags'
        : name.replace(/^pkt(Src|Dst)addr$/, (_, end: string) => `pkt-${end.toLowerCase()}addr`);
    return { reason: `${shown} is "${this.field(text, this.layout[name])}", expected ${expected}` };
  }
}
