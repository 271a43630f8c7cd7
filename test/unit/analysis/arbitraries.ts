import fc from 'fast-check';
import type { BruteFlow } from './bruteForce';
import { aclEntry, type Peers, permission } from './exportBuilder';

/** Arbitraries the property tests share: rules, ACL entries and flows near the edges where they meet. */
type Json = Record<string, unknown>;

// Values near the edges that rules and flows share, so that edges meet often.
const ports = [0, 22, 23, 80, 443, 1023, 1024, 1500, 5432, 65535];
const port = fc.constantFrom(...ports);
const portRange = fc.tuple(port, port).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
/** ICMP and ICMPv6 types: echo reply and request, unreachable, time exceeded, timestamp, neighbour discovery, the top. */
const icmpTypes = [0, 3, 8, 11, 13, 14, 128, 129, 135, 255];
const icmpTypeCode = fc.oneof(
  fc.constant<[number, number]>([-1, -1]),
  fc.tuple(fc.constantFrom(...icmpTypes), fc.constantFrom(-1, -1, 0, 1, 4, 255)),
);
/** Every way describe-security-groups prints a protocol: names, their numbers, all, one without a name. */
const ruleProtocol = fc.constantFrom('-1', 'tcp', '6', 'udp', '17', 'icmp', '1', 'icmpv6', '58', '50');
const cidr = fc.constantFrom(
  '0.0.0.0/0',
  '198.51.100.0/24',
  '93.184.216.34/32',
  // The ENIs' public addresses, and the NAT gateway's: where connections to a public address come from.
  '54.0.0.0/24',
  '54.0.1.1/32',
  '10.0.0.0/16',
  '10.1.0.0/16',
  '10.0.0.0/24',
  '10.0.1.0/24',
  '10.0.0.10/32',
  '10.0.1.11/31',
  '10.1.0.12/30',
  // Secondary addresses (10.x.y.100 and up) apart from the primary ones.
  '10.0.0.96/27',
  '10.1.1.101/32',
);
/** The VPCs' IPv6 blocks (randomEstate.ts), a subnet's, single addresses, and ranges holding none of them. */
const cidr6 = fc.constantFrom(
  '::/0',
  '2600:1f18:aa::/56',
  '2600:1f18:aa:100::/56',
  '2600:1f18:aa:1::/64',
  '2600:1f18:aa:101::/64',
  '2600:1f18:aa::10/127',
  '2600:1f18:AA:100::11/128',
  '2001:db8::/32',
);

/** Prefix lists randomEstate.ts exports (customer IPv4 and IPv6 lists, AWS's lists), and one it does not. */
export const prefixListIds = {
  customer4: 'pl-0c0ffee000000004a',
  customer6: 'pl-0c0ffee000000006b',
  s3: 'pl-6da54004',
  s3v6: 'pl-0b2f7cb1e6fa7c8d9',
  missing: 'pl-0deadbeef00000000',
} as const;

const peers: fc.Arbitrary<Peers> = fc.oneof(
  cidr.map((one) => ({ cidrs: [one] })),
  cidr6.map((one) => ({ ipv6: [one] })),
  fc.constantFrom('sg-0', 'sg-1', 'sg-2', 'sg-foreign').map((group) => ({ groups: [group] })),
  fc.constantFrom(...Object.values(prefixListIds)).map((list) => ({ prefixLists: [list] })),
);

const numbered: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export const sgPermission = fc
  .tuple(ruleProtocol, portRange, icmpTypeCode, peers)
  .map(([protocol, range, icmp, peer]) => {
    const name = numbered[protocol] ?? protocol;
    const fromTo = ['tcp', 'udp'].includes(name) ? range : ['icmp', 'icmpv6'].includes(name) ? icmp : null;
    return permission(protocol, fromTo, peer);
  });

/** NACL entries print protocols as numbers. */
const naclEntry = fc.record({
  action: fc.constantFrom('allow' as const, 'allow' as const, 'allow' as const, 'deny' as const),
  protocol: fc.constantFrom('-1', '-1', '6', '6', '17', '1', '58', '50'),
  cidr: fc.oneof(fc.constant('0.0.0.0/0'), cidr, fc.constant('::/0'), cidr6),
  range: fc.option(portRange),
  icmp: icmpTypeCode,
});
type NaclEntry = typeof naclEntry extends fc.Arbitrary<infer T> ? T : never;

/**
 * Unique rule numbers per direction, as AWS requires, given in a shuffled order: anywhere in 1-32766,
 * often at its ends and next to each other.
 */
export const naclEntries = fc
  .tuple(
    fc.array(naclEntry, { maxLength: 4 }),
    fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 32766 }), fc.constantFrom(1, 100, 101, 32765, 32766)), {
      minLength: 4,
      maxLength: 4,
    }),
  )
  .map(([entries, numbers]) =>
    entries.map((entry, index) => ({ ...entry, ruleNumber: numbers[index] as number })),
  );

// Internet servers: one inside the narrower route above, one only under 0.0.0.0/0, one an ACL names.
export const servers = ['198.51.100.7', '203.0.113.9', '93.184.216.34'];

/** ICMP flows are written `icmp`; the property test makes them `icmpv6` where the flow is IPv6. */
export const traffic: fc.Arbitrary<readonly [BruteFlow['protocol'], number | null]> = fc.oneof(
  fc.tuple(fc.constantFrom('tcp' as const, 'udp' as const), fc.constantFrom(...ports, 21, 81, 1499, 5433)),
  fc.tuple(fc.constant('icmp' as const), fc.constantFrom(0, 3, 4, 8, 13, 14, 128, 129, 255)),
  fc.constant(['50', null] as const),
);

export function entriesJson(
  entries: readonly (NaclEntry & { ruleNumber: number })[],
  egress: boolean,
): Json[] {
  return entries.map((entry) =>
    aclEntry(entry.ruleNumber, egress, entry.action, entry.protocol, entry.cidr, {
      ...((entry.protocol === '6' || entry.protocol === '17') && entry.range ? { ports: entry.range } : {}),
      ...(entry.protocol === '1' || entry.protocol === '58' ? { icmp: entry.icmp } : {}),
    }),
  );
}
