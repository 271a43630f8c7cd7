import type { ObservedFlow } from '../domain/applications';
import { type AddressKey, addressText } from './address';
import { ConversationIndex } from './conversationIndex';
import type { FlowRecord } from './record';
import {
  type Endpoint,
  hasPorts,
  type Side,
  serverByEvidence,
  serverByFlags,
  serverByPorts,
} from './serverSide';
import { Tally } from './tally';

type Ends = Pick<FlowRecord, 'src' | 'dst' | 'srcPort' | 'dstPort' | 'protocol' | 'action' | 'interfaceId'>;

/** Records whose ports do not tell the server, kept per direction until the whole read is seen. */
class Undecided {
  readonly tally = new Tally();
  constructor(readonly ends: Ends) {}
}

/**
 * A few of the client ports seen per conversation, as evidence that the server end is a server. A
 * handful is enough, because a server's evidence adds up over all its clients, and it keeps memory
 * proportional to the number of conversations, not of connections.
 */
const clientPortSample = 8;

/** Per conversation in `tallies`: records, packets, bytes, first seen, last seen, client ports kept. */
const tallyStride = 8;
const records = 0;
const packets = 1;
const bytes = 2;
const firstSeen = 3;
const lastSeen = 4;
const portsKept = 5;

/**
 * Folds records into conversations as they are read; `finish` settles the records the ports left open.
 *
 * A conversation is a number: its keys are found in `ConversationIndex` and its counters lie in typed
 * arrays at that number, so that folding a record touches a few cache lines and allocates nothing.
 */
export class ConversationTable {
  private readonly index = new ConversationIndex();
  /** client, server and kind (kindOf) per conversation, as the index keys them. */
  private ends = new Int32Array(3 * 1024);
  private tallies = new Float64Array(tallyStride * 1024);
  private clientPorts = new Int32Array(clientPortSample * 1024);
  /** Conversations so far; the next one gets this number. */
  private size = 0;
  private readonly numbered = new NumberedEnds();
  private readonly undecided = new Map<string, Undecided>();
  /**
   * TCP ends that answered a handshake with SYN-ACK or were sent a SYN alone: servers for certain.
   * They settle, at the end of the read, the records of the same connections that carried no
   * handshake (an interval later, or a format whose ports misled).
   */
  private readonly handshakeServers = new EndpointSet();

  add(record: FlowRecord): void {
    if (!hasPorts(record.protocol)) {
      this.fold(record, 'dst');
      return;
    }
    const byFlags = serverByFlags(record.tcpFlags);
    if (byFlags !== null) {
      this.handshakeServers.add(
        byFlags === 'src' ? record.src : record.dst,
        byFlags === 'src' ? record.srcPort : record.dstPort,
      );
      this.fold(record, byFlags);
      return;
    }
    const side = serverByPorts(record.srcPort, record.dstPort);
    if (side !== null) {
      this.fold(record, side);
      return;
    }
    const key = `${record.src} ${record.srcPort} ${record.dst} ${record.dstPort} ${record.protocol} ${record.action} ${record.interfaceId}`;
    let entry = this.undecided.get(key);
    if (entry === undefined) {
      const { src, dst, srcPort, dstPort, protocol, action, interfaceId } = record;
      entry = new Undecided({ src, dst, srcPort, dstPort, protocol, action, interfaceId });
      this.undecided.set(key, entry);
    }
    entry.tally.add(record);
  }

  /** Every conversation, the undecided records settled by the evidence of the whole read. */
  finish(): ObservedFlow[] {
    this.turnAroundByHandshakes();
    const peers = this.peerCounts();
    for (const entry of this.undecided.values()) {
      const { src, dst, srcPort, dstPort, protocol } = entry.ends;
      const endpoint = (key: AddressKey, port: number): Endpoint => {
        const address = addressText(key);
        return { address, port, peers: peers.get(endpointKey(address, protocol, port)) ?? 0 };
      };
      const side =
        this.serverByHandshakes(entry.ends) ??
        serverByEvidence(endpoint(src, srcPort), endpoint(dst, dstPort));
      const { tally } = entry;
      this.addTo(
        this.conversation(entry.ends, side),
        tally.records,
        tally.packets,
        tally.bytes,
        tally.firstSeen,
        tally.lastSeen,
      );
    }
    this.undecided.clear();
    const live = Array.from({ length: this.size }, (_, number) => number).filter(
      (number) => (this.tallies[number * tallyStride + records] as number) > 0,
    );
    return live
      .map((number) => this.flow(number))
      .sort(
        (a, b) =>
          compare(a.client, b.client) ||
          compare(a.server, b.server) ||
          a.protocol - b.protocol ||
          (a.serverPort ?? -1) - (b.serverPort ?? -1) ||
          compare(a.action, b.action) ||
          compare(a.interfaceId ?? '', b.interfaceId ?? ''),
      );
  }

  /** The side a handshake named the server, when exactly one end of these TCP ends is one. */
  private serverByHandshakes(ends: Ends): Side | null {
    if (ends.protocol !== 6 || this.handshakeServers.isEmpty) return null;
    const src = this.handshakeServers.has(ends.src, ends.srcPort);
    const dst = this.handshakeServers.has(ends.dst, ends.dstPort);
    return src === dst ? null : src ? 'src' : 'dst';
  }

  /**
   * A TCP conversation that the ports folded the wrong way round (a server on 33060 answering a
   * client behind a NAT on 20000) has its server's port as its one client port: where a handshake
   * made that end a server and not the end the ports chose, its records join the conversation the
   * right way round.
   */
  private turnAroundByHandshakes(): void {
    if (this.handshakeServers.isEmpty) return;
    const size = this.size;
    for (let number = 0; number < size; number++) {
      const kind = this.ends[number * 3 + 2] as number;
      const { protocol, serverPort, action, numbered } = kindParts(kind);
      const at = number * tallyStride;
      if (protocol !== 6 || serverPort === null || this.tallies[at + portsKept] !== 1) continue;
      const client = this.ends[number * 3] as number;
      const server = this.ends[number * 3 + 1] as number;
      const clientPort = this.clientPorts[number * clientPortSample] as number;
      if (this.handshakeServers.has(this.keyOf(server, numbered), serverPort)) continue;
      if (!this.handshakeServers.has(this.keyOf(client, numbered), clientPort)) continue;
      const turned = this.numberOf(server, client, kindOf(protocol, clientPort, action, numbered));
      const tallies = this.tallies;
      this.addTo(
        turned,
        tallies[at + records] as number,
        tallies[at + packets] as number,
        tallies[at + bytes] as number,
        tallies[at + firstSeen] as number,
        tallies[at + lastSeen] as number,
      );
      this.keepClientPort(turned, serverPort);
      tallies[at + records] = 0;
    }
  }

  private fold(record: FlowRecord, side: Side): void {
    const number = this.conversation(record, side);
    this.addTo(number, 1, record.packets, record.bytes, record.start, record.end);
    if (hasPorts(record.protocol))
      this.keepClientPort(number, side === 'dst' ? record.srcPort : record.dstPort);
  }

  private keepClientPort(number: number, clientPort: number): void {
    const tallies = this.tallies;
    const at = number * tallyStride;
    const kept = tallies[at + portsKept] as number;
    if (kept === clientPortSample) return;
    const ports = this.clientPorts;
    const first = number * clientPortSample;
    for (let i = first; i < first + kept; i++) if (ports[i] === clientPort) return;
    ports[first + kept] = clientPort;
    tallies[at + portsKept] = kept + 1;
  }

  private addTo(
    number: number,
    count: number,
    packetCount: number,
    byteCount: number,
    start: number,
    end: number,
  ): void {
    const tallies = this.tallies;
    const at = number * tallyStride;
    tallies[at + records] = (tallies[at + records] as number) + count;
    tallies[at + packets] = (tallies[at + packets] as number) + packetCount;
    tallies[at + bytes] = (tallies[at + bytes] as number) + byteCount;
    if (start < (tallies[at + firstSeen] as number)) tallies[at + firstSeen] = start;
    if (end > (tallies[at + lastSeen] as number)) tallies[at + lastSeen] = end;
  }

  /** The number of the conversation a record belongs to, from 0 in order of appearance. */
  private conversation(record: Ends, side: Side): number {
    const dstIsServer = side === 'dst';
    const port = hasPorts(record.protocol) ? (dstIsServer ? record.dstPort : record.srcPort) : null;
    const clientEnd = dstIsServer ? record.src : record.dst;
    const serverEnd = dstIsServer ? record.dst : record.src;
    const numbered =
      typeof clientEnd === 'string' || typeof serverEnd === 'string' || record.interfaceId !== null;
    const scope = record.interfaceId === null ? -1 : this.numbered.interfaceNumber(record.interfaceId);
    const client = numbered ? this.numbered.numberOf(clientEnd, scope) : (clientEnd as number);
    const server = numbered ? this.numbered.numberOf(serverEnd, scope) : (serverEnd as number);
    return this.numberOf(client, server, kindOf(record.protocol, port, record.action, numbered));
  }

  /** The conversation of these keyed ends and kind, made when new. */
  private numberOf(client: number, server: number, kind: number): number {
    const found = this.index.find(client, server, kind);
    if (found >= 0) return found;
    const number = this.size++;
    this.makeRoom();
    this.index.add(client, server, kind, number);
    this.ends.set([client, server, kind], number * 3);
    this.tallies[number * tallyStride + firstSeen] = Number.POSITIVE_INFINITY;
    return number;
  }

  private makeRoom(): void {
    if (this.size * 3 <= this.ends.length) return;
    this.ends = grown(this.ends);
    this.tallies = grown(this.tallies);
    this.clientPorts = grown(this.clientPorts);
  }

  private flow(number: number): ObservedFlow {
    const ends = this.ends;
    const kind = ends[number * 3 + 2] as number;
    const { protocol, serverPort, action, numbered } = kindParts(kind);
    const at = number * tallyStride;
    const tallies = this.tallies;
    const client = ends[number * 3] as number;
    const interfaceId = numbered ? this.numbered.interfaceOf(client) : null;
    return {
      client: this.textOf(client, numbered),
      server: this.textOf(ends[number * 3 + 1] as number, numbered),
      protocol,
      serverPort,
      action,
      records: tallies[at + records] as number,
      packets: tallies[at + packets] as number,
      bytes: tallies[at + bytes] as number,
      firstSeen: tallies[at + firstSeen] as number,
      lastSeen: tallies[at + lastSeen] as number,
      ...(interfaceId === null ? {} : { interfaceId }),
    };
  }

  /** An end as the index keys it, back to the address key records carry. */
  private keyOf(end: number, numbered: boolean): AddressKey {
    return numbered ? this.numbered.key(end) : end;
  }

  /** An address as the index keys it, as the log wrote it. */
  private textOf(key: number, numbered: boolean): string {
    return numbered ? this.numbered.address(key) : addressText(key);
  }

  /** Distinct peer ends per (address, protocol, port), from settled conversations and undecided records. */
  private peerCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    const bump = (key: string, by: number) => counts.set(key, (counts.get(key) ?? 0) + by);
    for (let number = 0; number < this.size; number++) {
      const { protocol, serverPort, numbered } = kindParts(this.ends[number * 3 + 2] as number);
      // A conversation turned round by a handshake is left empty, and is no evidence.
      if (serverPort === null || this.tallies[number * tallyStride + records] === 0) continue;
      const server = this.textOf(this.ends[number * 3 + 1] as number, numbered);
      bump(
        endpointKey(server, protocol, serverPort),
        this.tallies[number * tallyStride + portsKept] as number,
      );
    }
    const undecidedPeers = new Map<string, Set<string>>();
    const meet = (self: string, peer: string) => {
      const seen = undecidedPeers.get(self) ?? new Set<string>();
      undecidedPeers.set(self, seen.add(peer));
    };
    for (const { ends } of this.undecided.values()) {
      const src = endpointKey(addressText(ends.src), ends.protocol, ends.srcPort);
      const dst = endpointKey(addressText(ends.dst), ends.protocol, ends.dstPort);
      meet(src, dst);
      meet(dst, src);
    }
    for (const [key, seen] of undecidedPeers) bump(key, seen.size);
    return counts;
  }
}

/**
 * Protocol, server port and action in one int32, with a bit telling conversations whose ends are
 * numbered by NumberedEnds (IPv6, or kept with their interface) from IPv4 ones, whose addresses are
 * their values. The port is stored plus one, 0 for none; 17 bits hold 65,536.
 */
function kindOf(
  protocol: number,
  port: number | null,
  action: 'ACCEPT' | 'REJECT',
  numbered: boolean,
): number {
  return (
    ((numbered ? 1 : 0) << 26) |
    (protocol << 18) |
    ((port === null ? 0 : port + 1) << 1) |
    (action === 'REJECT' ? 1 : 0)
  );
}

function kindParts(kind: number) {
  const port = (kind >>> 1) & 0x1ffff;
  return {
    protocol: (kind >>> 18) & 0xff,
    serverPort: port === 0 ? null : port - 1,
    action: kind & 1 ? ('REJECT' as const) : ('ACCEPT' as const),
    numbered: ((kind >>> 26) & 1) === 1,
  };
}

/**
 * Ends that are not an IPv4 value alone, as the numbers ConversationIndex keys by: IPv6 addresses,
 * keyed by their text in records, and addresses kept with the interface that logged them (numbered
 * too), so that the records of each interface make conversations of their own.
 */
class NumberedEnds {
  private readonly ipv6 = new Map<string, number>();
  /** IPv4 ends by (value, interface number, 0): the conversations' own table, keyed by ints, not text. */
  private readonly ipv4 = new ConversationIndex();
  private readonly addresses: AddressKey[] = [];
  /** Per end, its interface's number, -1 for none. */
  private readonly scopes: number[] = [];
  private readonly interfaceNumbers = new Map<string, number>();
  private readonly interfaceIds: string[] = [];

  interfaceNumber(interfaceId: string): number {
    let number = this.interfaceNumbers.get(interfaceId);
    if (number === undefined) {
      number = this.interfaceIds.push(interfaceId) - 1;
      this.interfaceNumbers.set(interfaceId, number);
    }
    return number;
  }

  /** The end's number; `scope` is its interface's number, or -1. */
  numberOf(key: AddressKey, scope: number): number {
    if (typeof key === 'number') {
      const found = this.ipv4.find(key, scope, 0);
      if (found >= 0) return found;
      const number = this.added(key, scope);
      this.ipv4.add(key, scope, 0, number);
      return number;
    }
    const text = scope < 0 ? key : `${key} ${scope}`;
    let number = this.ipv6.get(text);
    if (number === undefined) {
      number = this.added(key, scope);
      this.ipv6.set(text, number);
    }
    return number;
  }

  address(number: number): string {
    return addressText(this.key(number));
  }

  key(number: number): AddressKey {
    return this.addresses[number] as AddressKey;
  }

  interfaceOf(number: number): string | null {
    const scope = this.scopes[number] as number;
    return scope < 0 ? null : (this.interfaceIds[scope] as string);
  }

  private added(key: AddressKey, scope: number): number {
    this.scopes.push(scope);
    return this.addresses.push(key) - 1;
  }
}

/**
 * (address, port) pairs: an IPv4 end as one number (32 bits of address, 16 of port, exact in a
 * double), so that a record's handshake costs no string; an IPv6 end as text.
 */
class EndpointSet {
  private readonly ipv4 = new Set<number>();
  private readonly ipv6 = new Set<string>();

  get isEmpty(): boolean {
    return this.ipv4.size === 0 && this.ipv6.size === 0;
  }

  add(address: AddressKey, port: number): void {
    if (typeof address === 'number') this.ipv4.add(address * 65536 + port);
    else this.ipv6.add(`${address} ${port}`);
  }

  has(address: AddressKey, port: number): boolean {
    return typeof address === 'number'
      ? this.ipv4.has(address * 65536 + port)
      : this.ipv6.has(`${address} ${port}`);
  }
}

/** A copy twice as long, for arrays that grow with the conversations. */
function grown<T extends Int32Array | Float64Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}

function endpointKey(address: string, protocol: number, port: number): string {
  return `${address} ${protocol} ${port}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
