import fc from 'fast-check';
import { entriesJson, naclEntries, servers, sgPermission, traffic } from './arbitraries';
import { egressHub } from './egressHub';
import { aclEntry, allTraffic, anywhere, route, transitGatewayRoute } from './exportBuilder';

/**
 * Centralized egress (egressHub.ts) in random states of repair: attachments and their subnets, the
 * transit gateway's routes both ways, where the egress VPC's subnets send the internet and the
 * replies, the NAT gateways, every subnet's ACL and the client's egress rules; and a connection out
 * to try.
 */
/** Mostly what centralized egress needs, sometimes anything else: each state of repair is met often. */
const mostly = <T>(usual: T, ...others: T[]) =>
  fc.oneof(
    { weight: 15, arbitrary: fc.constant(usual) },
    { weight: 1, arbitrary: fc.constantFrom(...others) },
  );

const hop = (usual: string, ...others: string[]) =>
  fc.option(fc.record({ target: mostly(usual, ...others), state: mostly('active', 'blackhole') }), {
    freq: 10,
  });

const transitRoute = mostly('expected', 'other', 'blackhole', 'none');

const subnets = [
  'subnet-a1',
  'subnet-a2',
  'subnet-at',
  'subnet-at2',
  'subnet-et',
  'subnet-et2',
  'subnet-pub',
  'subnet-pub2',
];

export const randomEgressHubSpec = fc.record({
  source: fc.constantFrom('eni-a', 'eni-a2'),
  server: fc.constantFrom(...servers),
  traffic,
  aState: mostly('available', 'modifying', 'deleted'),
  eState: mostly('available', 'modifying', 'deleted'),
  aSubnets: mostly(['subnet-at', 'subnet-at2'], ['subnet-at'], ['subnet-at2']),
  eSubnets: mostly(['subnet-et', 'subnet-et2'], ['subnet-et'], ['subnet-et2']),
  applianceMode: mostly(false, true),
  /** The spoke table's default route (to vpc-e as expected, to vpc-a itself, a blackhole or none), and a narrower one. */
  spoke: transitRoute,
  spokeNarrow: mostly<string | null>(null, 'blackhole', 'other'),
  /** The egress table's route back to vpc-a's range. */
  back: transitRoute,
  entry: hop('nat-1', 'nat-2', 'igw-e', 'eni-fw', 'vpce-gwlb', 'pcx-1', 'tgw-1'),
  entry2: hop('nat-2', 'nat-1', 'igw-e', 'eni-fw'),
  publicDefault: hop('igw-e', 'eni-fw', 'nat-2'),
  publicBack: hop('tgw-1', 'pcx-1', 'eni-fw', 'igw-e'),
  /** Each NAT gateway public (its interface has an address), private, or not exported. */
  nats: fc.array(fc.option(mostly(true, false), { freq: 10 }), { minLength: 2, maxLength: 2 }),
  natInEntrySubnet: mostly(false, true),
  acls: fc.array(
    fc.oneof(fc.constant(null), fc.constant(null), fc.record({ out: naclEntries, in: naclEntries })),
    {
      minLength: subnets.length,
      maxLength: subnets.length,
    },
  ),
  /** Every ACL ends in allow-all entries, and the client lets all out: else nearly everything is denied. */
  openAcls: fc.boolean(),
  egress: fc.option(fc.array(sgPermission, { maxLength: 3 }), { freq: 2 }),
  /** The bystander VPC's NAT gateway public, or private. */
  bystanderNatPublic: mostly(true, false),
});
export type EgressHubSpec = typeof randomEgressHubSpec extends fc.Arbitrary<infer T> ? T : never;

const routes = (...hops: [string, EgressHubSpec['entry']][]) =>
  hops.flatMap(([destination, one]) => (one === null ? [] : [route(destination, one.target, one.state)]));

function transit(kind: string, destination: string, expected: [string, string], other: [string, string]) {
  if (kind === 'none') return [];
  if (kind === 'blackhole') return [transitGatewayRoute(destination, [], { type: 'static' })];
  return [transitGatewayRoute(destination, [kind === 'expected' ? expected : other], { type: 'static' })];
}

export function randomEgressHub(one: EgressHubSpec) {
  const open = one.openAcls
    ? [aclEntry(400, true, 'allow', 'all', '0.0.0.0/0'), aclEntry(400, false, 'allow', 'all', '0.0.0.0/0')]
    : [];
  const acls = Object.fromEntries(
    subnets.flatMap((subnet, at) => {
      const acl = one.acls[at];
      return acl ? [[subnet, [...entriesJson(acl.out, true), ...entriesJson(acl.in, false), ...open]]] : [];
    }),
  );
  const a: [string, string] = ['tgw-attach-a', 'vpc-a'];
  const e: [string, string] = ['tgw-attach-e', 'vpc-e'];
  const narrow = one.spokeNarrow === null ? [] : transit(one.spokeNarrow, '198.51.100.0/24', e, a);
  const natSpec = (exported: boolean | null, publicIp: string) =>
    exported === null ? null : exported ? { publicIp } : {};
  return egressHub({
    bystander: { natPublic: one.bystanderNatPublic },
    clientEgress: one.egress === null ? [allTraffic(anywhere)] : one.egress,
    aState: one.aState,
    eState: one.eState,
    aSubnets: one.aSubnets,
    eSubnets: one.eSubnets,
    applianceMode: one.applianceMode,
    spokeTable: [...transit(one.spoke, '0.0.0.0/0', e, a), ...narrow],
    egressTable: [...transit(one.back, '10.0.0.0/16', a, e)],
    entryRoutes: routes(['0.0.0.0/0', one.entry]),
    entry2Routes: routes(['0.0.0.0/0', one.entry2]),
    publicRoutes: routes(['0.0.0.0/0', one.publicDefault], ['10.0.0.0/8', one.publicBack]),
    nats: {
      'nat-1': natSpec(one.nats[0] ?? null, '54.0.9.5'),
      'nat-2': natSpec(one.nats[1] ?? null, '54.0.9.6'),
    },
    natInEntrySubnet: one.natInEntrySubnet,
    acls,
  });
}
