import type { ObservedFlow } from '../domain/applications';
import type { FlowRecord } from './record';
import { type Endpoint, hasPorts, type Side, serverByEvidence, serverByPorts } from './serverSide';

interface Tally {
  records: number;
  packets: number;
  bytes: number;
  firstSeen: number;
  lastSeen: number;
}

interface Conversation extends Tally {
  readonly client: string;
  readonly server: string;
  readonly protocol: number;
  readonly serverPort: number | null;
  readonly action: 'ACCEPT' | 'REJECT';
  /**
   * A few of the client ports seen, as evidence that the server end is a server. A handful per
   * conversation is enough, because a server's evidence adds up over all its clients, and it keeps
   * memory proportional to the number of conversations, not of connections.
   */
  readonly clientPorts: Set<number>;
}

/** Records whose ports do not tell the server, kept per direction until the whole read is seen. */
interface Undecided extends Tally {
  readonly record: Pick<FlowRecord, 'src' | 'dst' | 'srcPort' | 'dstPort' | 'protocol' | 'action'>;
}

const clientPortSample = 8;

/** Folds records into conversations as they are read; `finish` settles the records the ports left open. */
export class ConversationTable {
  private readonly conversations = new Map<string, Conversation>();
  private readonly undecided = new Map<string, Undecided>();

  add(record: FlowRecord): void {
    if (!hasPorts(record.protocol)) {
      this.fold(record, 'dst');
      return;
    }
    const side = serverByPorts(record.srcPort, record.dstPort);
    if (side !== null) {
      this.fold(record, side);
      return;
    }
    const key = `${record.src} ${record.srcPort} ${record.dst} ${record.dstPort} ${record.protocol} ${record.action}`;
    let entry = this.undecided.get(key);
    if (entry === undefined) {
      const { src, dst, srcPort, dstPort, protocol, action } = record;
      entry = { ...emptyTally(), record: { src, dst, srcPort, dstPort, protocol, action } };
      this.undecided.set(key, entry);
    }
    addRecord(entry, record);
  }

  /** Every conversation, the undecided records settled by the evidence of the whole read. */
  finish(): ObservedFlow[] {
    const peers = this.peerCounts();
    for (const entry of this.undecided.values()) {
      const { src, dst, srcPort, dstPort, protocol } = entry.record;
      const endpoint = (address: string, port: number): Endpoint => ({
        address,
        port,
        peers: peers.get(endpointKey(address, protocol, port)) ?? 0,
      });
      const side = serverByEvidence(endpoint(src, srcPort), endpoint(dst, dstPort));
      mergeTally(this.conversation(entry.record, side), entry);
    }
    this.undecided.clear();
    return [...this.conversations.values()]
      .map(({ clientPorts: _, ...flow }) => flow)
      .sort(
        (a, b) =>
          compare(a.client, b.client) ||
          compare(a.server, b.server) ||
          a.protocol - b.protocol ||
          (a.serverPort ?? -1) - (b.serverPort ?? -1) ||
          compare(a.action, b.action),
      );
  }

  private fold(record: FlowRecord, side: Side): void {
    const conversation = this.conversation(record, side);
    addRecord(conversation, record);
    if (conversation.serverPort !== null && conversation.clientPorts.size < clientPortSample) {
      conversation.clientPorts.add(side === 'dst' ? record.srcPort : record.dstPort);
    }
  }

  private conversation(record: Undecided['record'], side: Side): Conversation {
    const client = side === 'dst' ? record.src : record.dst;
    const server = side === 'dst' ? record.dst : record.src;
    const port = hasPorts(record.protocol) ? (side === 'dst' ? record.dstPort : record.srcPort) : null;
    const key = `${client} ${server} ${record.protocol} ${port} ${record.action}`;
    let conversation = this.conversations.get(key);
    if (conversation === undefined) {
      conversation = {
        ...emptyTally(),
        client,
        server,
        protocol: record.protocol,
        serverPort: port,
        action: record.action,
        clientPorts: new Set(),
      };
      this.conversations.set(key, conversation);
    }
    return conversation;
  }

  /** Distinct peer ends per (address, protocol, port), from settled conversations and undecided records. */
  private peerCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    const bump = (key: string, by: number) => counts.set(key, (counts.get(key) ?? 0) + by);
    for (const c of this.conversations.values()) {
      if (c.serverPort !== null) bump(endpointKey(c.server, c.protocol, c.serverPort), c.clientPorts.size);
    }
    const undecidedPeers = new Map<string, Set<string>>();
    const meet = (self: string, peer: string) => {
      const seen = undecidedPeers.get(self) ?? new Set<string>();
      undecidedPeers.set(self, seen.add(peer));
    };
    for (const { record } of this.undecided.values()) {
      const src = endpointKey(record.src, record.protocol, record.srcPort);
      const dst = endpointKey(record.dst, record.protocol, record.dstPort);
      meet(src, dst);
      meet(dst, src);
    }
    for (const [key, seen] of undecidedPeers) bump(key, seen.size);
    return counts;
  }
}

function endpointKey(address: string, protocol: number, port: number): string {
  return `${address} ${protocol} ${port}`;
}

function emptyTally(): Tally {
  return { records: 0, packets: 0, bytes: 0, firstSeen: Number.POSITIVE_INFINITY, lastSeen: 0 };
}

function addRecord(tally: Tally, record: FlowRecord): void {
  tally.records++;
  tally.packets += record.packets;
  tally.bytes += record.bytes;
  if (record.start < tally.firstSeen) tally.firstSeen = record.start;
  if (record.end > tally.lastSeen) tally.lastSeen = record.end;
}

function mergeTally(into: Tally, from: Tally): void {
  into.records += from.records;
  into.packets += from.packets;
  into.bytes += from.bytes;
  into.firstSeen = Math.min(into.firstSeen, from.firstSeen);
  into.lastSeen = Math.max(into.lastSeen, from.lastSeen);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
