import { describe, expect, it } from 'vitest';
import { type AwsExportBuilder, propagatedRoute, route } from './exportBuilder';
import { check, layer, twoEnis } from './scenario';
import { twoVpcs } from './twoVpcs';

const toB = route('10.1.0.0/16', 'pcx-ab');
const toA = route('10.0.0.0/16', 'pcx-ab');
const routeOf = async (builder: AwsExportBuilder) =>
  layer(await check(builder, 'tcp', 443, 'eni-a', 'eni-b'), 'route');

describe('routing between VPCs', () => {
  it('denies different VPCs without a peering', async () => {
    const result = await check(twoVpcs({}), 'tcp', 443, 'eni-a', 'eni-b');
    expect(result.allowed).toBe(false);
    expect(layer(result, 'route')).toEqual({
      layer: 'route',
      verdict: 'deny',
      reason:
        'vpc-a and vpc-b are different VPCs with no active peering connection and no transit gateway attachment in the export, nor a route to a virtual private gateway or a Cloud WAN core network, and private addresses do not leave a VPC otherwise',
      rules: [],
    });
  });

  describe('route priority: a static route, then a prefix-list route, then a propagated one (How route priority works)', () => {
    const fromVpn = propagatedRoute('10.1.0.0/16', 'vgw-1');
    it('takes the static route over a propagated one to the same prefix, whichever the export lists first', async () => {
      for (const routesA of [
        [fromVpn, toB],
        [toB, fromVpn],
      ]) {
        const route = await routeOf(twoVpcs({ peering: 'active', routesA, routesB: [toA] }));
        expect(route.verdict).toBe('allow');
        expect(route.rules).toContainEqual(
          expect.objectContaining({
            routeTableId: 'rtb-a',
            target: 'pcx-ab',
            source: expect.objectContaining({ path: `$.RouteTables[0].Routes[${routesA.indexOf(toB) + 1}]` }),
          }),
        );
      }
    });

    it('takes a prefix-list route over a propagated one of the same length', async () => {
      const builder = twoVpcs({
        peering: 'active',
        routesA: [fromVpn, route('pl-0b', 'pcx-ab')],
        routesB: [toA],
      }).prefixList('pl-0b', 'vpc-b ranges', ['10.1.0.0/16']);
      expect((await routeOf(builder)).verdict).toBe('allow');
    });

    it('takes the propagated route when it is the longer prefix', async () => {
      const route = await routeOf(
        twoVpcs({
          peering: 'active',
          routesA: [toB, propagatedRoute('10.1.1.0/24', 'vgw-1')],
          routesB: [toA],
        }),
      );
      expect(route.verdict).toBe('unknown');
      expect(route.reason).toContain('routes 10.1.1.20 by 10.1.1.0/24 via vgw-1');
    });
  });

  describe('a VPN, Direct Connect or Cloud WAN network between two VPCs with no peering', () => {
    const coreNetwork = 'arn:aws:networkmanager::111122223333:core-network/core-network-0a1b2c3d4e5f60001';
    it('is unknown: where that network routes the traffic is not in the export', async () => {
      for (const [there, back] of [
        [propagatedRoute('10.1.0.0/16', 'vgw-1'), propagatedRoute('10.0.0.0/16', 'vgw-2')],
        [route('10.1.0.0/16', coreNetwork), route('10.0.0.0/16', coreNetwork)],
      ] as const) {
        const result = await check(
          twoVpcs({ routesA: [there], routesB: [back] }),
          'tcp',
          443,
          'eni-a',
          'eni-b',
        );
        expect(result.allowed).toBe('unknown');
        expect(layer(result, 'route').reason).toContain(
          'leads to a VPN, Direct Connect or Cloud WAN network, and whether that network routes it on into vpc-b is not in the export',
        );
      }
    });

    it('denies when one side has no way back, or the route is a blackhole', async () => {
      const noWayBack = await routeOf(twoVpcs({ routesA: [route('10.1.0.0/16', 'vgw-1')], routesB: [] }));
      expect(noWayBack.verdict).toBe('deny');
      expect(noWayBack.reason).toContain('has no route to 10.0.1.10');
      const blackhole = await routeOf(
        twoVpcs({
          routesA: [route('10.1.0.0/16', 'vgw-1', 'blackhole')],
          routesB: [route('10.0.0.0/16', 'vgw-2')],
        }),
      );
      expect(blackhole.verdict).toBe('deny');
      expect(blackhole.reason).toContain('the route is blackhole');
    });
  });

  it('allows an active peering routed on both sides, naming both routes', async () => {
    const result = await check(
      twoVpcs({ peering: 'active', routesA: [toB], routesB: [toA] }),
      'tcp',
      443,
      'eni-a',
      'eni-b',
    );
    expect(result.allowed).toBe(true);
    expect(layer(result, 'route')).toEqual({
      layer: 'route',
      verdict: 'allow',
      reason:
        'rtb-a (the route table of subnet-a) routes 10.1.1.20 by 10.1.0.0/16 via pcx-ab: the active peering between vpc-a and vpc-b; ' +
        'rtb-b (the main route table of subnet-b) routes 10.0.1.10 by 10.0.0.0/16 via pcx-ab: the active peering between vpc-a and vpc-b',
      rules: [
        {
          kind: 'route',
          routeTableId: 'rtb-a',
          destination: '10.1.0.0/16',
          target: 'pcx-ab',
          source: { file: 'describe-route-tables.json', path: '$.RouteTables[0].Routes[1]' },
        },
        {
          kind: 'route',
          routeTableId: 'rtb-b',
          destination: '10.0.0.0/16',
          target: 'pcx-ab',
          source: { file: 'describe-route-tables.json', path: '$.RouteTables[1].Routes[1]' },
        },
      ],
    });
  });

  it('denies a peering that is not active, saying its state', async () => {
    const verdict = await routeOf(twoVpcs({ peering: 'pending-acceptance', routesA: [toB], routesB: [toA] }));
    expect(verdict.verdict).toBe('deny');
    expect(verdict.reason).toContain('no active peering connection (pcx-ab is pending-acceptance)');
  });

  it('denies when one side has no route back', async () => {
    const verdict = await routeOf(twoVpcs({ peering: 'active', routesA: [toB], routesB: [] }));
    expect(verdict.verdict).toBe('deny');
    expect(verdict.reason).toContain('rtb-b (the main route table of subnet-b) has no route to 10.0.1.10');
    expect(verdict.rules).toHaveLength(1);
  });

  it('follows the longest prefix, whatever its target', async () => {
    const moreSpecificIgw = [toB, route('10.1.1.0/24', 'igw-1')];
    const denied = await routeOf(twoVpcs({ peering: 'active', routesA: moreSpecificIgw, routesB: [toA] }));
    expect(denied).toMatchObject({
      verdict: 'deny',
      rules: [
        { destination: '10.1.1.0/24', target: 'igw-1' },
        { destination: '10.0.0.0/16', target: 'pcx-ab' },
      ],
    });
    expect(denied.reason).toContain('an internet gateway does not carry traffic to private addresses');
    const lessSpecificIgw = [route('10.0.0.0/8', 'igw-1'), route('10.1.1.20/32', 'pcx-ab')];
    const allowed = await routeOf(twoVpcs({ peering: 'active', routesA: lessSpecificIgw, routesB: [toA] }));
    expect(allowed).toMatchObject({
      verdict: 'allow',
      rules: [{ destination: '10.1.1.20/32' }, { destination: '10.0.0.0/16' }],
    });
    const otherPeering = await routeOf(
      twoVpcs({ peering: 'active', routesA: [route('10.1.0.0/16', 'pcx-other')], routesB: [toA] }),
    );
    expect(otherPeering.verdict).toBe('deny');
  });

  it('is unknown when the route leads somewhere the export does not show', async () => {
    const verdict = await routeOf(
      twoVpcs({ peering: 'active', routesA: [route('10.1.0.0/16', 'tgw-1')], routesB: [toA] }),
    );
    expect(verdict.verdict).toBe('unknown');
    expect(verdict.reason).toContain(
      'via tgw-1: the attachments of tgw-1 are not in the export (run aws ec2 describe-transit-gateway-attachments and import its output), so where it sends 10.1.1.20 cannot be told',
    );
    const viaVpn = await routeOf(
      twoVpcs({ peering: 'active', routesA: [route('10.1.0.0/16', 'vgw-1')], routesB: [toA] }),
    );
    expect(viaVpn.verdict).toBe('unknown');
    expect(viaVpn.reason).toContain('where vgw-1 forwards it is not in the export');
  });

  it('denies a blackhole route', async () => {
    const verdict = await routeOf(
      twoVpcs({ peering: 'active', routesA: [route('10.1.0.0/16', 'pcx-ab', 'blackhole')], routesB: [toA] }),
    );
    expect(verdict.verdict).toBe('deny');
    expect(verdict.reason).toContain('the route is blackhole, so traffic to it is dropped');
  });

  it('takes an active peering as routed when no route table of a side is exported, and says so', async () => {
    const none = await routeOf(twoVpcs({ peering: 'active' }));
    expect(none.verdict).toBe('allow');
    expect(none.reason).toContain(
      'no route table of vpc-a is in the export, so the active peering pcx-ab is taken to route 10.1.1.20 (an active peering suffices when route tables are not exported)',
    );
    const oneSide = await routeOf(twoVpcs({ peering: 'active', routesB: [] }));
    expect(oneSide.verdict).toBe('deny');
  });

  it('is unknown when a VPC has exported tables but not the main one a subnet uses', async () => {
    const builder = twoVpcs({ peering: 'active', routesB: [toA] });
    builder.routeTable('rtb-other', 'vpc-a', { routes: [toB] });
    const verdict = await routeOf(builder);
    expect(verdict).toMatchObject({
      verdict: 'unknown',
      reason: expect.stringContaining('main route table of vpc-a is not in the export'),
    });
  });

  it('matches prefix-list routes by their entries, is unknown without them, but knows AWS lists hold no private address', async () => {
    const known = twoVpcs({
      peering: 'active',
      routesA: [route('pl-b', 'pcx-ab')],
      routesB: [toA],
    }).prefixList('pl-b', 'b', ['10.1.1.0/24']);
    expect((await routeOf(known)).verdict).toBe('allow');
    const unknown = twoVpcs({
      peering: 'active',
      routesA: [toB, route('pl-b', 'igw-1')],
      routesB: [toA],
    }).prefixList('pl-b', 'b', null);
    const awsManaged = twoVpcs({
      peering: 'active',
      routesA: [toB, route('pl-s3', 'vpce-1')],
      routesB: [toA],
    }).prefixList('pl-s3', 'com.amazonaws.eu-west-1.s3', null);
    expect((await routeOf(awsManaged)).verdict).toBe('allow');
    expect(await routeOf(unknown)).toMatchObject({
      verdict: 'unknown',
      reason: expect.stringContaining('whose entries are not in the export'),
    });
  });
});

describe('routing within a VPC', () => {
  it('allows by the local route, naming it once when both subnets use one table', async () => {
    const builder = twoEnis().routeTable('rtb-main', 'vpc-a', { main: true, routes: [] });
    const verdict = layer(await check(builder, 'tcp', 443), 'route');
    expect(verdict).toMatchObject({
      verdict: 'allow',
      rules: [{ routeTableId: 'rtb-main', destination: '10.0.0.0/16', target: 'local' }],
    });
    expect(verdict.rules).toHaveLength(1);
  });

  it('names the local route of each table when the two subnets use different tables', async () => {
    const builder = twoEnis()
      .routeTable('rtb-main', 'vpc-a', { main: true, routes: [] })
      .routeTable('rtb-c', 'vpc-a', { subnets: ['subnet-c'], routes: [] });
    const verdict = layer(await check(builder, 'tcp', 443), 'route');
    expect(verdict.verdict).toBe('allow');
    expect(verdict.rules.map((rule) => rule.kind === 'route' && rule.routeTableId)).toEqual([
      'rtb-c',
      'rtb-main',
    ]);
  });

  it('is unknown when a more specific route sends the traffic through an appliance', async () => {
    const builder = twoEnis().routeTable('rtb-main', 'vpc-a', {
      main: true,
      routes: [route('10.0.2.0/24', 'eni-firewall')],
    });
    const verdict = layer(await check(builder, 'tcp', 443), 'route');
    expect(verdict.verdict).toBe('unknown');
    expect(verdict.reason).toContain(
      'a route more specific than the local one sends it through eni-firewall',
    );
  });
});
