import type { ObservedFlow } from '../domain/applications';
import { type AddressKey, addressText } from './address';
import type { FlowRecord } from './record';
import { type Endpoint, hasPorts, type Side, serverByEvidence, serverByPorts } from './serverSide';
import { Tally } from './tally';

type Ends = Pick<FlowRecord, 'src' | 'dst' | 'srcPort' | 'dstPort' | 'protocol' | 'action'>;

/** Its own tally: one object less to reach per record, in a table too large for the CPU's caches. */
class Conversation extends Tally {
  /**
   * A few of the client ports seen, as evidence that the server end is a server. A handful per
   * conversation is enough, because a server's evidence adds up over all its clients, and it keeps
   * memory proportional to the number of conversations, not of connections.
   */
  readonly clientPorts: number[] = [];

  constructor(
    readonly client: string,
    readonly server: string,
    readonly protocol: number,
    readonly serverPort: number | null,
    readonly action: 'ACCEPT' | 'REJECT',
    /** Protocol, server port and action in one number, to find the conversation among its pair's. */
    readonly kind: number,
  ) {
    super();
  }

  toFlow(): ObservedFlow {
    const { client, server, protocol, serverPort, action, records, packets, bytes, firstSeen, lastSeen } =
      this;
    return { client, server, protocol, serverPort, action, records, packets, bytes, firstSeen, lastSeen };
  }
}

/** Records whose ports do not tell the server, kept per direction until the whole read is seen. */
class Undecided {
  readonly tally = new Tally();
  constructor(readonly ends: Ends) {}
}

const clientPortSample = 8;

/** Folds records into conversations as they are read; `finish` settles the records the ports left open. */
export class ConversationTable {
  /**
   * client → server → the pair's conversations, one per protocol, port and action. Nested because
   * looking up two address keys costs less than building and hashing one long key per record; a
   * pair has few conversations (often one), searched in a list rather than a third map.
   */
  private readonly index = new Map<AddressKey, Map<AddressKey, Conversation[]>>();
  private readonly conversations: Conversation[] = [];
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
      entry = new Undecided({ src, dst, srcPort, dstPort, protocol, action });
      this.undecided.set(key, entry);
    }
    entry.tally.add(record);
  }

  /** Every conversation, the undecided records settled by the evidence of the whole read. */
  finish(): ObservedFlow[] {
    const peers = this.peerCounts();
    for (const entry of this.undecided.values()) {
      const { src, dst, srcPort, dstPort, protocol } = entry.ends;
      const endpoint = (key: AddressKey, port: number): Endpoint => {
        const address = addressText(key);
        return { address, port, peers: peers.get(endpointKey(address, protocol, port)) ?? 0 };
      };
      const side = serverByEvidence(endpoint(src, srcPort), endpoint(dst, dstPort));
      this.conversation(entry.ends, side).merge(entry.tally);
    }
    this.undecided.clear();
    return this.conversations
      .map((conversation) => conversation.toFlow())
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
    conversation.add(record);
    const ports = conversation.clientPorts;
    const clientPort = side === 'dst' ? record.srcPort : record.dstPort;
    if (conversation.serverPort !== null && ports.length < clientPortSample && !ports.includes(clientPort)) {
      ports.push(clientPort);
    }
  }

  private conversation(record: Ends, side: Side): Conversation {
    const client = side === 'dst' ? record.src : record.dst;
    const server = side === 'dst' ? record.dst : record.src;
    const port = hasPorts(record.protocol) ? (side === 'dst' ? record.dstPort : record.srcPort) : null;
    const servers = inner(this.index, client);
    let pair = servers.get(server);
    if (pair === undefined) {
      pair = [];
      servers.set(server, pair);
    }
    const kind = ((record.protocol << 17) | ((port ?? 65536) << 1)) + (record.action === 'REJECT' ? 1 : 0);
    for (const conversation of pair) if (conversation.kind === kind) return conversation;
    const conversation = new Conversation(
      addressText(client),
      addressText(server),
      record.protocol,
      port,
      record.action,
      kind,
    );
    pair.push(conversation);
    this.conversations.push(conversation);
    return conversation;
  }

  /** Distinct peer ends per (address, protocol, port), from settled conversations and undecided records. */
  private peerCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    const bump = (key: string, by: number) => counts.set(key, (counts.get(key) ?? 0) + by);
    for (const c of this.conversations) {
      if (c.serverPort !== null) bump(endpointKey(c.server, c.protocol, c.serverPort), c.clientPorts.length);
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

function inner<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let found = map.get(key);
  if (found === undefined) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}

function endpointKey(address: string, protocol: number, port: number): string {
  return `${address} ${protocol} ${port}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
