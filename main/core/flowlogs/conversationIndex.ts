/**
 * Conversation numbers by three int32 keys (client, server, kind), in an open-addressing hash table
 * held in one Int32Array.
 *
 * Why: every record of a flow log looks its conversation up. Maps of maps of lists of objects made
 * that four or five dependent loads from objects scattered over a heap larger than the CPU's caches,
 * a third of the reader's time (docs/performance.md). A slot here is four int32s side by side, so a
 * lookup mostly reads one cache line.
 */
export class ConversationIndex {
  /** Per slot: client, server, kind, and the conversation's number + 1 (0 marks an empty slot). */
  private slots: Int32Array;
  private mask: number;
  private size = 0;

  /** @param capacity slots to start with, a power of two */
  constructor(capacity = 1024) {
    this.slots = new Int32Array(capacity * slotInts);
    this.mask = capacity - 1;
  }

  /** The number stored for these keys, or -1. */
  find(client: number, server: number, kind: number): number {
    const slots = this.slots;
    for (let slot = hash(client, server, kind) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * slotInts;
      const stored = slots[at + 3] as number;
      if (stored === 0) return -1;
      if (slots[at] === client && slots[at + 1] === server && slots[at + 2] === kind) return stored - 1;
    }
  }

  /** Stores `number` for keys that `find` did not know. */
  add(client: number, server: number, kind: number, number: number): void {
    // Half full at most, so that probes stay short.
    if ((this.size + 1) * 2 > this.slots.length / slotInts) this.grow();
    this.place(this.slots, this.mask, client, server, kind, number + 1);
    this.size++;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (old.length / slotInts) * 2;
    const slots = new Int32Array(capacity * slotInts);
    for (let at = 0; at < old.length; at += slotInts) {
      const stored = old[at + 3] as number;
      if (stored !== 0) {
        this.place(
          slots,
          capacity - 1,
          old[at] as number,
          old[at + 1] as number,
          old[at + 2] as number,
          stored,
        );
      }
    }
    this.slots = slots;
    this.mask = capacity - 1;
  }

  private place(
    slots: Int32Array,
    mask: number,
    client: number,
    server: number,
    kind: number,
    stored: number,
  ): void {
    let slot = hash(client, server, kind) & mask;
    while (slots[slot * slotInts + 3] !== 0) slot = (slot + 1) & mask;
    const at = slot * slotInts;
    slots[at] = client;
    slots[at + 1] = server;
    slots[at + 2] = kind;
    slots[at + 3] = stored;
  }
}

const slotInts = 4;

/** Mixes the three keys so that neighbouring addresses land apart (constants of MurmurHash3). */
function hash(client: number, server: number, kind: number): number {
  let h = Math.imul(client, 0xcc9e2d51);
  h = Math.imul(h ^ server, 0x1b873593);
  h = Math.imul(h ^ kind, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
