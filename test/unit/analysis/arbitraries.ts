import fc from 'fast-check';
import type { BruteFlow } from './bruteForce';
import { aclEntry, type Peers, permission } from './exportBuilder';

/** Arbitraries the property tests share: rules, ACL entries and flows near the edges where they meet. */
type Json = Record<string, unknown>;

// Values near the edges that rules and flows share, so that edges meet often.
const ports = [0, 22, 23, 80, 443, 1023, 1024, 1500, 5432, 65535];
const port = fc.constantFrom(...ports);
const portRange = fc.tuple(port, port).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
const icmpTypeCode = fc.oneof(
  fc.constant<[number, number]>([-1, -1]),
  fc.tuple(fc.constantFrom(0, 3, 8), fc.constantFrom(-1, 0, 4)),
);
const ruleProtocol = fc.constantFrom('-1', 'tcp', 'udp', 'icmp', '50', '6', '17');
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
);

const peers: fc.Arbitrary<Peers> = fc.oneof(
  cidr.map((one) => ({ cidrs: [one] })),
  fc.constantFrom('sg-0', 'sg-1', 'sg-2', 'sg-foreign').map((group) => ({ groups: [group] })),
  fc.constantFrom('pl-known', 'pl-unknown').map((list) => ({ prefixLists: [list] })),
);

export const sgPermission = fc
  .tuple(ruleProtocol, portRange, icmpTypeCode, peers)
  .map(([protocol, range, icmp, peer]) => {
    const name = protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol;
    const fromTo = name === 'tcp' || name === 'udp' ? range : name === 'icmp' ? icmp : null;
    return permission(protocol, fromTo, peer);
  });

const naclEntry = fc.record({
  action: fc.constantFrom('allow' as const, 'allow' as const, 'allow' as const, 'deny' as const),
  protocol: fc.constantFrom('all', 'all', 'tcp', 'tcp', 'udp', 'icmp', '50'),
  cidr: fc.oneof(fc.constant('0.0.0.0/0'), cidr),
  range: fc.option(portRange),
  icmp: icmpTypeCode,
});
type NaclEntry = typeof naclEntry extends fc.Arbitrary<infer T> ? T : never;

/** Unique rule numbers per direction, as AWS requires, given in a shuffled order. */
export const naclEntries = fc
  .tuple(
    fc.array(naclEntry, { maxLength: 4 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 4, maxLength: 4 }),
  )
  .map(([entries, numbers]) =>
    entries.map((entry, index) => ({ ...entry, ruleNumber: numbers[index] as number })),
  );

// Internet servers: one inside the narrower route above, one only under 0.0.0.0/0, one an ACL names.
export const servers = ['198.51.100.7', '203.0.113.9', '93.184.216.34'];

export const traffic: fc.Arbitrary<readonly [BruteFlow['protocol'], number | null]> = fc.oneof(
  fc.tuple(fc.constantFrom('tcp' as const, 'udp' as const), fc.constantFrom(...ports, 21, 81, 1499, 5433)),
  fc.tuple(fc.constant('icmp' as const), fc.constantFrom(0, 3, 4, 8, 255)),
  fc.constant(['50', null] as const),
);

export function entriesJson(
  entries: readonly (NaclEntry & { ruleNumber: number })[],
  egress: boolean,
): Json[] {
  return entries.map((entry) =>
    aclEntry(entry.ruleNumber, egress, entry.action, entry.protocol, entry.cidr, {
      ...((entry.protocol === 'tcp' || entry.protocol === 'udp') && entry.range
        ? { ports: entry.range }
        : {}),
      ...(entry.protocol === 'icmp' ? { icmp: entry.icmp } : {}),
    }),
  );
}
