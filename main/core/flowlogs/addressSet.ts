import { PrefixOwners } from '../domain/delegatedPrefixes';
import { type Cidr, parseIp } from '../domain/ip';
import { type AddressKey, addressKeyAt } from './address';

/**
 * Addresses and prefixes asked about by the key a record's address is read into (address.ts), so that
 * asking costs a set probe per end for IPv4, and nothing is parsed again.
 */
export class AddressSet {
  private readonly ipv4 = new Set<number>();
  /** IPv4 networks (int32, host bits cleared) of the prefix length at the same place in ipv4Lengths. */
  private readonly ipv4Lengths: number[] = [];
  private readonly ipv4Networks: Set<number>[] = [];
  private readonly ipv6 = new Set<string>();
  private readonly ipv6Prefixes = new PrefixOwners<true>();

  /** Addresses as workloads list them (IPv6 is compared by its text, as the application model does). */
  constructor(addresses: Iterable<string>, prefixes: Iterable<Cidr>) {
    for (const text of addresses) {
      const key = addressKeyAt(text, 0, text.length);
      if (typeof key === 'number') this.ipv4.add(key);
      else if (key !== null) this.ipv6.add(key);
    }
    for (const cidr of prefixes) {
      if (cidr.family === 6) {
        this.ipv6Prefixes.add(cidr, true);
        continue;
      }
      let at = this.ipv4Lengths.indexOf(cidr.prefixLength);
      if (at < 0) at = this.ipv4Networks.push(new Set()) - 1;
      this.ipv4Lengths[at] = cidr.prefixLength;
      this.ipv4Networks[at]?.add(Number(BigInt.asIntN(32, cidr.network)));
    }
  }

  get isEmpty(): boolean {
    return this.ipv4.size + this.ipv4Lengths.length + this.ipv6.size === 0 && this.ipv6Prefixes.isEmpty;
  }

  has(key: AddressKey): boolean {
    if (typeof key === 'string') {
      if (this.ipv6.has(key)) return true;
      const address = this.ipv6Prefixes.isEmpty ? null : parseIp(key);
      return address !== null && this.ipv6Prefixes.ownerOf(address) === true;
    }
    if (this.ipv4.has(key)) return true;
    // Indexed, not iterated: an iterator per record would be an allocation in the reader's hot loop.
    for (let at = 0; at < this.ipv4Lengths.length; at++) {
      const shift = 32 - (this.ipv4Lengths[at] as number);
      if (this.ipv4Networks[at]?.has(shift === 32 ? 0 : (key >> shift) << shift)) return true;
    }
    return false;
  }
}
