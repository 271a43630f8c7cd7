import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressIndex } from '../../../main/core/analysis/addressIndex';
import { type Cidr, cidrContains, type IpAddress, parseCidr, parseIp } from '../../../main/core/domain/ip';

const ip = (text: string) => parseIp(text) as IpAddress;
const cidr = (text: string) => parseCidr(text) as Cidr;

describe('AddressIndex', () => {
  const owners = [
    ['10.0.1.10', '10.0.2.10'],
    ['10.0.1.255'],
    ['10.0.2.0', '2001:db8::1'],
    [],
    ['192.168.0.1', '10.0.1.11'],
  ].map((texts) => texts.map(ip));
  const index = new AddressIndex(owners.length, (k) => owners[k] ?? []);

  it('finds the owners inside a CIDR, each once, in order, bounds included', () => {
    expect(index.ownersWithin(cidr('10.0.1.0/24'))).toEqual([0, 1, 4]);
    expect(index.ownersWithin(cidr('10.0.2.0/24'))).toEqual([0, 2]);
    expect(index.ownersWithin(cidr('10.0.0.0/16'))).toEqual([0, 1, 2, 4]);
    expect(index.ownersWithin(cidr('10.0.1.255/32'))).toEqual([1]);
    expect(index.ownersWithin(cidr('10.0.3.0/24'))).toEqual([]);
    expect(index.ownersWithin(cidr('0.0.0.0/0'))).toEqual([0, 1, 2, 4]);
    expect(index.ownersWithin(cidr('2001:db8::/32'))).toEqual([2]);
    expect(index.ownersWithin(cidr('::/0'))).toEqual([2]);
  });

  it('agrees with testing every address against the CIDR', () => {
    const v4 = fc.tuple(fc.constant(10), fc.integer({ min: 0, max: 3 }), fc.nat(255), fc.nat(255));
    const address = v4.map((parts) => ip(parts.join('.')));
    const block = fc
      .tuple(v4, fc.integer({ min: 8, max: 32 }))
      .map(([parts, length]) => cidr(`${parts.join('.')}/${length}`));
    fc.assert(
      fc.property(fc.array(fc.array(address, { maxLength: 3 }), { maxLength: 30 }), block, (addresses, c) => {
        const built = new AddressIndex(addresses.length, (k) => addresses[k] ?? []);
        const expected = addresses.flatMap((list, k) => (list.some((a) => cidrContains(c, a)) ? [k] : []));
        expect(built.ownersWithin(c)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
