import { describe, expect, it } from 'vitest';
import { AwsExportBuilder, allTraffic, anywhere, route, tcp } from './exportBuilder';
import { allowAll, everyLayerAllows, layer, layers } from './scenario';

type Json = Record<string, unknown>;

/**
 * vpc-a holds eni-a (10.0.1.10, 2600:1f18:a:1::10, all traffic out); vpc-b holds eni-b (10.1.1.20,
 * 2600:1f18:b:1::20, sg-b with the given ingress). Each subnet's table routes ::/0 as given, and
 * 0.0.0.0/0 to its VPC's internet gateway.
 */
function twoVpcs(options: { ingressB: Json[]; sixA?: string; sixB?: string; peered?: boolean }) {
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .vpc('vpc-b', '10.1.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24', '2600:1f18:a:1::/64')
    .subnet('subnet-b', 'vpc-b', '10.1.1.0/24', '2600:1f18:b:1::/64')
    .group('sg-a', 'vpc-a', { name: 'a', egress: [allTraffic({ ipv6: ['::/0'] })] })
    .group('sg-b', 'vpc-b', { name: 'b', ingress: options.ingressB })
    .eni('eni-a', 'subnet-a', { ips: ['10.0.1.10'], ipv6: ['2600:1f18:a:1::10'], groups: ['sg-a'] })
    .eni('eni-b', 'subnet-b', { ips: ['10.1.1.20'], ipv6: ['2600:1f18:b:1::20'], groups: ['sg-b'] })
    .acl('acl-a', 'vpc-a', { subnets: ['subnet-a'], entries: allowAll6 })
    .acl('acl-b', 'vpc-b', { subnets: ['subnet-b'], entries: allowAll6 })
    .routeTable('rtb-a', 'vpc-a', {
      subnets: ['subnet-a'],
      routes: [route('0.0.0.0/0', 'igw-a'), route('::/0', options.sixA ?? 'igw-a')],
    })
    .routeTable('rtb-b', 'vpc-b', {
      subnets: ['subnet-b'],
      routes: [route('0.0.0.0/0', 'igw-b'), route('::/0', options.sixB ?? 'igw-b')],
    });
  if (options.peered) builder.peering('pcx-ab', 'vpc-a', 'vpc-b', 'active');
  return builder;
}

const allowAll6 = [
  ...allowAll,
  { Egress: true, Ipv6CidrBlock: '::/0', Protocol: '-1', RuleAction: 'allow', RuleNumber: 101 },
  { Egress: false, Ipv6CidrBlock: '::/0', Protocol: '-1', RuleAction: 'allow', RuleNumber: 101 },
];

const check = async (builder: AwsExportBuilder, destination = '2600:1f18:b:1::20') =>
  (await builder.engine()).check({ source: 'eni-a', destination, protocol: 'tcp', port: 443 });

describe('IPv6 between VPCs that route it to the internet', () => {
  it('goes out through one internet gateway and in through the other, from the client’s own address', async () => {
    const verdict = await check(twoVpcs({ ingressB: [tcp(443, 443, { ipv6: ['2600:1f18:a::/48'] })] }));
    expect(verdict.allowed).toBe(true);
    expect(layers(verdict)).toEqual(everyLayerAllows);
    expect(verdict.destination).toMatchObject({
      input: '2600:1f18:b:1::20',
      workloadId: 'eni-b',
      vpcId: 'vpc-b',
    });
    expect(layer(verdict, 'sg-ingress').reason).toMatch(/^coming back in to eni-b from 2600:1f18:a:1::10, /);
    // Named by its ENI, the destination takes the family the source's address gives.
    const engine = await twoVpcs({ ingressB: [tcp(443, 443, { ipv6: ['2600:1f18:a::/48'] })] }).engine();
    const named = engine.check({
      source: '2600:1f18:a:1::10',
      destination: 'eni-b',
      protocol: 'tcp',
      port: 443,
    });
    expect(named.destination).toMatchObject({ input: 'eni-b', address: '2600:1f18:b:1::20' });
    expect(named.allowed).toBe(true);
  });

  it('is not admitted by a rule naming the client’s group, and not through an egress-only gateway in', async () => {
    const byGroup = await check(twoVpcs({ ingressB: [tcp(443, 443, { groups: ['sg-a'] })] }));
    expect(byGroup.allowed).toBe(false);
    expect(layer(byGroup, 'sg-ingress').verdict).toBe('deny');
    const open = [tcp(443, 443, { ipv6: ['::/0'] })];
    expect((await check(twoVpcs({ ingressB: open, sixA: 'eigw-a' }))).allowed).toBe(true);
    const closedIn = await check(twoVpcs({ ingressB: open, sixB: 'eigw-b' }));
    expect(closedIn.allowed).toBe(false);
    expect(layer(closedIn, 'route').reason).toContain(
      'an egress-only internet gateway lets the subnet open connections out, never in',
    );
  });

  it('does not cross the internet to a range marked private (IPAM), which AWS does not advertise', async () => {
    const marked = twoVpcs({ ingressB: [tcp(443, 443, { ipv6: ['2600:1f18:a::/48'] })] }).vpcIpv6(
      'vpc-b',
      '2600:1f18:b::/56',
      'private',
    );
    const verdict = await check(marked);
    expect(verdict.allowed).toBe(false);
    expect(layer(verdict, 'route').reason).toContain(
      'vpc-a and vpc-b are different VPCs with no active peering',
    );
  });

  it('stays on the private way when the route is a peering, or the address family IPv4', async () => {
    const open = [allTraffic(anywhere), allTraffic({ ipv6: ['::/0'] })];
    const peered = twoVpcs({ ingressB: open, sixA: 'pcx-ab', sixB: 'pcx-ab', peered: true });
    const overPeering = await check(peered);
    expect(layer(overPeering, 'route').reason).toContain('via pcx-ab');
    expect(overPeering.allowed).toBe(true);
    const ipv4 = await check(twoVpcs({ ingressB: open }), '10.1.1.20');
    expect(ipv4.allowed).toBe(false);
    expect(layer(ipv4, 'route').reason).toContain('different VPCs with no active peering connection');
  });

  it('does not call a global address private when the reply’s way is the internet, and does not deny it', async () => {
    // vpc-a routes ::/0 over the peering, vpc-b to its internet gateway: the request goes over the
    // peering and the replies would go over the internet, a way not followed.
    const open = [allTraffic({ ipv6: ['::/0'] })];
    const verdict = await check(twoVpcs({ ingressB: open, sixA: 'pcx-ab', sixB: 'igw-b', peered: true }));
    const route = layer(verdict, 'route');
    expect(route.verdict).toBe('unknown');
    expect(route.reason).toContain(
      'routes 2600:1f18:a:1::10 by ::/0 via igw-b: 2600:1f18:a:1::10 is a global IPv6 address',
    );
    expect(route.reason).not.toContain('private addresses');
  });
});
