import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortSet } from '../../../main/core/analysis/portSet';
import { cidrContains, cidrWithin, formatIp, parseCidr, parseIp } from '../../../main/core/domain/ip';
import { address } from './scenario';

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (parsed === null) throw new Error(text);
  return parsed;
};
const inside = (block: string, ip: string) => cidrContains(cidr(block), address(ip));

describe('ip', () => {
  it('contains addresses from the network address to the broadcast address, and nothing around them', () => {
    expect(
      ['10.0.0.255', '10.0.1.0', '10.0.1.255', '10.0.2.0'].map((ip) => inside('10.0.1.0/24', ip)),
    ).toEqual([false, true, true, false]);
    expect([
      inside('10.0.1.5/32', '10.0.1.5'),
      inside('10.0.1.5/32', '10.0.1.6'),
      inside('0.0.0.0/0', '255.255.255.255'),
    ]).toEqual([true, false, true]);
    expect(inside('10.0.1.7/24', '10.0.1.200')).toBe(true);
  });

  it('handles IPv6 with bigint: compressed forms, /128, /64 edges and embedded IPv4', () => {
    expect(parseIp('2600:1f18::10')).toEqual(parseIp('2600:1f18:0:0:0:0:0:10'));
    expect(parseIp('::')?.value).toBe(0n);
    expect(parseIp('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')?.value).toBe((1n << 128n) - 1n);
    expect(parseIp('::ffff:10.0.0.1')?.value).toBe(0xffff0a000001n);
    expect(
      ['2600:1f18:0:0:ffff:ffff:ffff:ffff', '2600:1f18:0:1::'].map((ip) => inside('2600:1f18::/64', ip)),
    ).toEqual([true, false]);
    expect([
      inside('2600:1f18::10/128', '2600:1f18::10'),
      inside('2600:1f18::10/128', '2600:1f18::11'),
      inside('::/0', '2600::1'),
    ]).toEqual([true, false, true]);
  });

  it('prints IPv6 in the RFC 5952 short form, which reads back as the same address', () => {
    // RFC 5952 4.1 no leading zeros, 4.2 the longest run of two or more zero words (the first of
    // equal ones) as `::`, 4.3 lower case.
    expect(
      [
        '2600:1f18:aaaa:bb02:1:0:0:5',
        '2000:0:0:0:0:0:0:0',
        '0:0:0:0:0:0:0:0',
        '0:0:0:0:0:0:0:1',
        '2001:db8:0:1:1:1:1:1',
        '2001:0db8:0:0:1:0:0:1',
        '2001:db8:0:0:1:0:0:0',
        '2600:1F18:0:0:0:0:0:10',
        '10.0.1.7',
      ].map((text) => formatIp(address(text))),
    ).toEqual([
      '2600:1f18:aaaa:bb02:1::5',
      '2000::',
      '::',
      '::1',
      '2001:db8:0:1:1:1:1:1',
      '2001:db8::1:0:0:1',
      '2001:db8:0:0:1::',
      '2600:1f18::10',
      '10.0.1.7',
    ]);
    fc.assert(
      fc.property(fc.ipV6(), fc.ipV4(), (v6, v4) => {
        for (const text of [v6, v4]) {
          const parsed = address(text);
          expect(parseIp(formatIp(parsed))).toEqual(parsed);
        }
      }),
    );
  });

  it('never matches across families', () => {
    expect(inside('0.0.0.0/0', '::1')).toBe(false);
    expect(inside('::/0', '10.0.0.1')).toBe(false);
  });

  it.each([
    '10.0.0',
    '10.0.0.256',
    '10.0.0.1.2',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    'g::1',
    '10.0.0.01x',
    '::1::',
    '10..0.1',
    '10.0.0.1.',
    '.10.0.0',
    '1000.0.0.1',
    '10.0.0.-1',
    '',
  ])('refuses the address %s', (text) => expect(parseIp(text)).toBeNull());

  it('reads IPv4 exactly as four dotted parts of 1-3 digits up to 255 (a reference reader, random text)', () => {
    const reference = (text: string): bigint | null => {
      const parts = text.split('.');
      if (parts.length !== 4 || !parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255)) return null;
      return parts.reduce((value, p) => (value << 8n) | BigInt(p), 0n);
    };
    const text = fc.string({ unit: fc.constantFrom(...'0123456789.'), maxLength: 17 });
    fc.assert(
      fc.property(text, (candidate) => {
        expect(parseIp(candidate)?.value ?? null).toBe(reference(candidate));
      }),
      { numRuns: 5000 },
    );
    expect(parseIp('255.255.255.255')?.value).toBe(0xffffffffn);
    expect(parseIp('010.0.0.1')?.value).toBe(0x0a000001n);
  });

  it('tells a network within another: as wide or narrower, and starting inside it', () => {
    const within = (inner: string, outer: string) => cidrWithin(cidr(inner), cidr(outer));
    expect([
      within('10.9.0.0/16', '10.9.0.0/16'),
      within('10.9.4.0/24', '10.9.0.0/16'),
      within('10.9.255.255/32', '10.9.0.0/16'),
      within('10.0.0.0/8', '10.9.0.0/16'),
      within('10.10.0.0/24', '10.9.0.0/16'),
      within('0.0.0.0/0', '10.9.0.0/16'),
      within('2600:1f18::/64', '2600:1f18::/56'),
      within('::/0', '0.0.0.0/0'),
    ]).toEqual([true, true, true, false, false, false, true, false]);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/a', '10.0.0.0/8/8'])(
    'refuses the CIDR %s',
    (text) => expect(parseCidr(text)).toBeNull(),
  );
});

describe('PortSet', () => {
  const set = (...ranges: [number, number][]) =>
    ranges.reduce((acc, [from, to]) => acc.union(PortSet.range(from, to)), PortSet.empty);

  it('merges overlapping and adjacent ranges', () => {
    expect(set([10, 20], [21, 30], [5, 12], [40, 40]).toString()).toBe('5-30, 40');
  });

  it('intersects, subtracts and complements', () => {
    const a = set([0, 100], [200, 300]);
    const b = set([50, 250]);
    expect(a.intersect(b).toString()).toBe('50-100, 200-250');
    expect(a.subtract(b).toString()).toBe('0-49, 251-300');
    expect(a.complement().toString()).toBe('101-199, 301-65535');
    expect(PortSet.all.complement().isEmpty()).toBe(true);
    expect(PortSet.empty.toString()).toBe('none');
  });

  it('is equal to a set of the same ports however it was built, and to no other', () => {
    const built = PortSet.range(80, 80).union(PortSet.range(81, 90)).union(PortSet.range(443, 443));
    expect(built.equals(set([80, 90], [443, 443]))).toBe(true);
    expect(built.equals(set([80, 90]))).toBe(false);
    expect(built.equals(set([80, 90], [443, 444]))).toBe(false);
    expect(built.equals(set([79, 90], [443, 443]))).toBe(false);
    expect(PortSet.empty.equals(PortSet.all.subtract(PortSet.all))).toBe(true);
  });

  it('contains its bounds and nothing beyond them', () => {
    const a = set([1024, 2000]);
    expect([1023, 1024, 2000, 2001].map((port) => a.contains(port))).toEqual([false, true, true, false]);
  });

  it('clamps ranges to 0-65535 and reads a reversed range as empty', () => {
    expect(PortSet.range(-1, 70000).equals(PortSet.all)).toBe(true);
    expect(PortSet.range(5, 4).isEmpty()).toBe(true);
    expect(PortSet.of(7).ranges()).toEqual([{ from: 7, to: 7 }]);
  });
});
