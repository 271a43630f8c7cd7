import { addressBits, type Cidr, type IpAddress } from '../domain/ip';

interface Entry {
  readonly value: bigint;
  readonly owner: number;
}

/**
 * Addresses kept sorted per family, each with the index of what owns it, so that "which owners have an
 * address inside this CIDR" is two binary searches and a slice instead of a scan of every address.
 * Finding which workloads 3,000 distinct rule CIDRs name on a 50,000-ENI estate took 8 s by scanning.
 */
export class AddressIndex {
  private readonly byFamily: Record<4 | 6, Entry[]> = { 4: [], 6: [] };

  /** `addressesOf(k)` are the addresses of owner k, for k in 0..count-1. */
  constructor(count: number, addressesOf: (owner: number) => readonly IpAddress[]) {
    for (let owner = 0; owner < count; owner++) {
      for (const { family, value } of addressesOf(owner)) this.byFamily[family].push({ value, owner });
    }
    for (const entries of Object.values(this.byFamily)) {
      entries.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.owner - b.owner));
    }
  }

  /** The owners with an address inside `cidr`, each once, in ascending order. */
  ownersWithin(cidr: Cidr): number[] {
    const entries = this.byFamily[cidr.family];
    const last = cidr.network + (1n << BigInt(addressBits[cidr.family] - cidr.prefixLength)) - 1n;
    const owners = new Set<number>();
    for (let at = lowerBound(entries, cidr.network); at < entries.length; at++) {
      const entry = entries[at] as Entry;
      if (entry.value > last) break;
      owners.add(entry.owner);
    }
    return [...owners].sort((a, b) => a - b);
  }
}

/** The first position whose value is at least `value`. */
function lowerBound(entries: readonly Entry[], value: bigint): number {
  let [low, high] = [0, entries.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] as Entry).value < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
