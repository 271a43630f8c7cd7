import { addressBits, type Cidr, cidrKey, type IpAddress, parseCidr } from './ip';

/**
 * Who holds an address by delegation: a prefix assigned to an ENI (`Ipv4Prefixes`, `Ipv6Prefixes`)
 * makes every address in it the ENI's, as the VPC CNI's prefix mode hands them to EKS pods. Prefixes
 * come in a few lengths (/28 for IPv4, /80 for IPv6), so a lookup is one map probe per length.
 */
export class PrefixOwners<T> {
  private readonly byNetwork = new Map<string, T>();
  private readonly lengths: Record<4 | 6, number[]> = { 4: [], 6: [] };

  add(cidr: Cidr, owner: T): void {
    const lengths = this.lengths[cidr.family];
    if (!lengths.includes(cidr.prefixLength)) lengths.push(cidr.prefixLength);
    this.byNetwork.set(networkKey(cidr.family, cidr.network, cidr.prefixLength), owner);
  }

  get isEmpty(): boolean {
    return this.byNetwork.size === 0;
  }

  ownerOf(address: IpAddress): T | undefined {
    for (const length of this.lengths[address.family]) {
      const shift = BigInt(addressBits[address.family] - length);
      const owner = this.byNetwork.get(networkKey(address.family, (address.value >> shift) << shift, length));
      if (owner !== undefined) return owner;
    }
    return undefined;
  }
}

const networkKey = (family: 4 | 6, network: bigint, length: number) => `${family}/${network}/${length}`;

/**
 * Every owner of each prefix, for owners that carry `prefixes` (ENIs imported before they were read
 * carry none): VPCs of different accounts may reuse a range, and an ENI in each delegate the same prefix.
 */
export function prefixOwners<T extends { readonly prefixes?: readonly string[] }>(
  owners: Iterable<T>,
): PrefixOwners<T[]> {
  const index = new PrefixOwners<T[]>();
  const byPrefix = new Map<string, T[]>();
  for (const owner of owners) {
    for (const text of owner.prefixes ?? []) {
      const cidr = parseCidr(text);
      if (cidr === null) continue;
      const key = cidrKey(cidr);
      const held = byPrefix.get(key) ?? [];
      if (held.length === 0) {
        byPrefix.set(key, held);
        index.add(cidr, held);
      }
      held.push(owner);
    }
  }
  return index;
}
