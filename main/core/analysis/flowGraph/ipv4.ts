import type { Cidr, IpAddress } from '../../domain/ip';

/** IPv4 as an unsigned 32-bit number: the graph compares millions of addresses, and bigint is slow. */
export function ipv4Number(address: IpAddress): number {
  return Number(address.value);
}

/**
 * IPv4 CIDRs by prefix length, so that "which of them contain this address" is one map lookup per
 * distinct length (at most 33) instead of a scan of every CIDR.
 */
export class Ipv4CidrIndex<T> {
  private readonly byLength = new Map<number, Map<number, T[]>>();

  /** IPv6 CIDRs are ignored: the graph's addresses are IPv4, which they never contain. */
  add(cidr: Cidr, value: T): void {
    if (cidr.family !== 4) return;
    let networks = this.byLength.get(cidr.prefixLength);
    if (networks === undefined) {
      networks = new Map();
      this.byLength.set(cidr.prefixLength, networks);
    }
    const key = networkOf(Number(cidr.network), cidr.prefixLength);
    const values = networks.get(key);
    if (values === undefined) networks.set(key, [value]);
    else values.push(value);
  }

  containing(address: number): T[] {
    const found: T[] = [];
    for (const [length, networks] of this.byLength) {
      const values = networks.get(networkOf(address, length));
      if (values !== undefined) found.push(...values);
    }
    return found;
  }
}

function networkOf(address: number, prefixLength: number): number {
  // `>>> 32` is `>>> 0` in JavaScript, so a /0 needs its own case.
  return prefixLength === 0 ? 0 : address >>> (32 - prefixLength);
}
