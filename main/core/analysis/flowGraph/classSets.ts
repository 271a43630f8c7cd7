import type { Cidr } from '../../domain/ip';
import type { EstateIndex, IndexedPeer } from '../estateIndex';
import { type Bits, setBit, setRange, wordsFor } from './bitset';
import { ipv4Number } from './ipv4';
import type { Partition } from './workloadClasses';

/** A rule peer as the classes it surely matches, and those it might (the export lacks what decides it). */
export interface PeerClasses {
  readonly sure: Bits;
  /** null when there is none. */
  readonly maybe: Bits | null;
}

/** Bitsets of classes, each built once: a group's members, the classes a CIDR or prefix list holds. */
export class ClassSets {
  readonly words: number;
  readonly all: Bits;
  /** Classes whose ENIs carry no group and take connections: no security group filters what they receive. */
  readonly groupless: Bits;
  /**
   * Classes a connection can be opened to: not those whose kind takes none whatever its groups
   * admit (a Lambda function's interface has groups; connectionRoles.ts).
   */
  readonly accepting: Bits;
  private readonly membersOf = new Map<string, Bits>();
  private readonly inCidrs = new Map<string, Bits>();
  private readonly prefixLists = new Map<string, PeerClasses>();
  private readonly addresses: Uint32Array;

  constructor(
    private readonly partition: Partition,
    private readonly index: EstateIndex,
  ) {
    const size = partition.classes.length;
    this.words = wordsFor(size);
    this.all = new Uint32Array(this.words);
    setRange(this.all, 0, this.words, 0, size);
    this.groupless = new Uint32Array(this.words);
    this.accepting = new Uint32Array(this.words);
    for (const one of partition.classes) {
      if (one.acceptsConnections) setBit(this.accepting, one.id);
      if (one.groupIds.length === 0 && one.acceptsConnections) setBit(this.groupless, one.id);
      for (const groupId of one.groupIds) setBit(this.members(groupId), one.id);
    }
    this.addresses = Uint32Array.from(partition.locations, (location) => ipv4Number(location.address));
  }

  members(groupId: string): Bits {
    let bits = this.membersOf.get(groupId);
    if (bits === undefined) {
      bits = new Uint32Array(this.words);
      this.membersOf.set(groupId, bits);
    }
    return bits;
  }

  inCidr(cidr: Cidr): Bits {
    const key = `${cidr.family}/${cidr.network}/${cidr.prefixLength}`;
    let bits = this.inCidrs.get(key);
    if (bits !== undefined) return bits;
    bits = new Uint32Array(this.words);
    if (cidr.family === 4) {
      const shift = 32 - cidr.prefixLength;
      const network = Number(cidr.network);
      const same = (address: number) => shift === 32 || address >>> shift === network >>> shift;
      this.partition.locations.forEach((location, at) => {
        if (same(this.addresses[at] as number)) {
          setRange(bits as Bits, 0, this.words, location.firstClass, location.endClass);
        }
      });
    }
    this.inCidrs.set(key, bits);
    return bits;
  }

  /** The classes a rule peer matches, as `matchPeer` in the security group layer decides it. */
  peer(peer: IndexedPeer): PeerClasses {
    if (peer.kind === 'cidr') return { sure: this.inCidr(peer.cidr), maybe: null };
    if (peer.kind === 'group') return { sure: this.members(peer.groupId), maybe: null };
    return this.prefixList(peer.prefixListId);
  }

  /** Asked of the index once per location: which lists hold an address is its rule to tell. */
  prefixList(id: string): PeerClasses {
    let found = this.prefixLists.get(id);
    if (found !== undefined) return found;
    const sure = new Uint32Array(this.words);
    const maybe = new Uint32Array(this.words);
    let undecided = false;
    for (const location of this.partition.locations) {
      const match = this.index.prefixListMatch(id, location.address);
      undecided ||= typeof match === 'string';
      const bits = typeof match === 'string' ? maybe : match.length > 0 ? sure : null;
      if (bits !== null) setRange(bits, 0, this.words, location.firstClass, location.endClass);
    }
    found = { sure, maybe: undecided ? maybe : null };
    this.prefixLists.set(id, found);
    return found;
  }
}
