import { describe, expect, it } from 'vitest';
import { EndpointError } from '../../../main/core/analysis/errors';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere, route, tcp } from './exportBuilder';
import { allowAll, everyLayerAllows, layer, layers } from './scenario';

type Json = Record<string, unknown>;

interface Estate {
  /** sg-web's ingress rules. Default: tcp/443 from the NAT gateway's address only. */
  readonly webIngress?: Json[];
  /** Routes of subnet-app, where eni-app sits. Default: everything via nat-1. */
  readonly appRoutes?: Json[];
  readonly publicAcl?: Json[];
  /** Whether nat-1's interface is in the export. */
  readonly natExported?: boolean;
}

/**
 * vpc-a 10.0.0.0/16. subnet-pub 10.0.1.0/24 routes everything to igw-1 and holds eni-web 10.0.1.20
 * (public 54.0.0.20, sg-web), eni-edge 10.0.1.30 (public 54.0.0.30, all traffic out) and nat-1's
 * interface 10.0.1.5 (public 54.0.0.5); subnet-app 10.0.2.0/24 holds eni-app 10.0.2.10 (sg-app, all
 * traffic out) and routes everything to nat-1.
 */
function estate(options: Estate = {}): AwsExportBuilder {
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-app', 'vpc-a', '10.0.2.0/24')
    .group('sg-app', 'vpc-a', { name: 'app', egress: [allTraffic(anywhere)] })
    .group('sg-web', 'vpc-a', {
      name: 'web',
      ingress: options.webIngress ?? [tcp(443, 443, { cidrs: ['54.0.0.5/32'] })],
    })
    .eni('eni-app', 'subnet-app', { ips: ['10.0.2.10'], groups: ['sg-app'] })
    .eni('eni-web', 'subnet-pub', { ips: ['10.0.1.20'], groups: ['sg-web'], publicIp: '54.0.0.20' })
    .eni('eni-edge', 'subnet-pub', { ips: ['10.0.1.30'], groups: ['sg-app'], publicIp: '54.0.0.30' })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], entries: options.publicAcl ?? allowAll })
    .acl('acl-app', 'vpc-a', { subnets: ['subnet-app'], entries: allowAll })
    .routeTable('rtb-pub', 'vpc-a', {
      subnets: ['subnet-pub'],
      routes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1')],
    })
    .routeTable('rtb-app', 'vpc-a', {
      subnets: ['subnet-app'],
      routes: options.appRoutes ?? [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'nat-1')],
    });
  return options.natExported === false
    ? builder
    : builder.natGateway('nat-1', 'eni-nat', 'subnet-pub', { ip: '10.0.1.5', publicIp: '54.0.0.5' });
}

async function check(builder: AwsExportBuilder, source = 'eni-app', destination = '54.0.0.20') {
  return (await builder.engine()).check({ source, destination, protocol: 'tcp', port: 443 });
}

describe('flows to a public address of a workload in the snapshot', () => {
  it('go out as to any internet server and come back in to the owner from the NAT gateway’s address', async () => {
    const verdict = await check(estate());
    expect(verdict.allowed).toBe(true);
    expect(verdict.destination).toEqual({
      input: '54.0.0.20',
      workloadId: 'eni-web',
      address: '54.0.0.20',
      subnetId: 'subnet-pub',
      vpcId: 'vpc-a',
    });
    expect(layers(verdict)).toEqual(everyLayerAllows);
    const ingress = layer(verdict, 'sg-ingress');
    expect(ingress.reason).toMatch(/^coming back in to eni-web from 54\.0\.0\.5, ingress rule sg-web/);
    expect(ingress.rules).toMatchObject([{ groupId: 'sg-web', peer: '54.0.0.5/32' }]);
    const route = layer(verdict, 'route');
    expect(route.reason).toContain('on the way out to 54.0.0.20, ');
    expect(route.reason).toContain("the server sees the NAT gateway's address 54.0.0.5");
    expect(route.reason).toContain('coming back in to eni-web from 54.0.0.5, ');
    // The public subnet's table sends the NAT gateway on and eni-web's replies back: one route, cited once.
    expect(route.rules.map((rule) => rule.kind === 'route' && `${rule.routeTableId} ${rule.target}`)).toEqual(
      ['rtb-app nat-1', 'rtb-pub igw-1'],
    );
  });

  it('are not admitted by a rule naming the client’s group or private range: the owner sees a public address', async () => {
    for (const peers of [{ groups: ['sg-app'] }, { cidrs: ['10.0.0.0/16'] }]) {
      const verdict = await check(estate({ webIngress: [tcp(443, 443, peers)] }));
      expect(verdict.allowed).toBe(false);
      expect(layer(verdict, 'sg-ingress')).toMatchObject({
        verdict: 'deny',
        reason:
          'coming back in to eni-web from 54.0.0.5, no ingress rule of sg-web (web) allows tcp/443 from 54.0.0.5',
      });
    }
  });

  it('leave from the client’s own public address when its subnet routes to an internet gateway', async () => {
    const admitted = await check(
      estate({ webIngress: [tcp(443, 443, { cidrs: ['54.0.0.30/32'] })] }),
      'eni-edge',
    );
    expect(admitted.allowed).toBe(true);
    expect(layer(admitted, 'sg-ingress').reason).toMatch(/^coming back in to eni-web from 54\.0\.0\.30, /);
    // The NAT gateway's address is not the one eni-edge's connections come from.
    expect((await check(estate(), 'eni-edge')).allowed).toBe(false);
  });

  it('are checked against the owner’s network ACL for the address they arrive from', async () => {
    const publicAcl = [aclEntry(90, false, 'deny', 'all', '54.0.0.5/32'), ...allowAll];
    const verdict = await check(estate({ publicAcl }));
    expect(verdict.allowed).toBe(false);
    const inbound = layer(verdict, 'nacl-inbound');
    expect(inbound.verdict).toBe('deny');
    expect(inbound.reason).toContain(
      'coming back in to eni-web from 54.0.0.5, acl-pub: inbound rule 90 (deny',
    );
  });

  it('do not ask the owner when the connection cannot get out, and stay unknown while the way out is', async () => {
    const noWayOut = await check(estate({ appRoutes: [route('10.0.0.0/16', 'local')] }));
    expect(noWayOut.allowed).toBe(false);
    expect(layer(noWayOut, 'route').verdict).toBe('deny');
    expect(layer(noWayOut, 'sg-ingress')).toEqual({
      layer: 'sg-ingress',
      verdict: 'not-applicable',
      reason:
        'the connection does not get out to the internet, from where it would come back in to eni-web at 54.0.0.20',
      rules: [],
    });
    const unknownWay = await check(estate({ natExported: false }));
    expect(unknownWay.allowed).toBe('unknown');
    expect(layer(unknownWay, 'sg-ingress')).toMatchObject({
      verdict: 'unknown',
      reason:
        'whether the connection gets out to the internet is not known, from where it would come back in to eni-web at 54.0.0.20',
    });
  });

  it('to a NAT gateway are refused, at its public or private address: it accepts no connection opened to it', async () => {
    const refusal =
      "eni-nat is a NAT gateway's interface: a NAT gateway opens connections for its VPC and accepts none opened to it";
    const hairpin = await check(estate(), 'eni-app', '54.0.0.5');
    expect(hairpin.allowed).toBe(false);
    expect(layer(hairpin, 'route').verdict).toBe('allow');
    expect(layer(hairpin, 'sg-ingress')).toMatchObject({
      verdict: 'deny',
      reason: `coming back in to eni-nat from 54.0.0.5, ${refusal}`,
    });
    for (const source of ['198.51.100.7', 'eni-web']) {
      const verdict = await check(estate(), source, 'eni-nat');
      expect(verdict.allowed).toBe(false);
      expect(layer(verdict, 'sg-ingress')).toEqual({
        layer: 'sg-ingress',
        verdict: 'deny',
        reason: refusal,
        rules: [],
      });
    }
    // What the NAT gateway sends on is not refused: it carries no group to filter it.
    expect(layer(await check(estate(), 'eni-nat', 'eni-app'), 'sg-egress').verdict).toBe('not-applicable');
  });

  it('are asked only whether they get out when an address stands for a stretch of the internet', async () => {
    const engine = await estate({ webIngress: [] }).engine();
    const flow = { source: 'eni-app', destination: '54.0.0.20', protocol: 'tcp', port: 443 };
    expect(engine.check(flow).allowed).toBe(false);
    const out = engine.checkOut(flow);
    expect(out.allowed).toBe(true);
    expect(out.destination.workloadId).toBe('');
    expect(() => engine.checkOut({ ...flow, destination: '10.0.1.20' })).toThrow(
      new EndpointError('10.0.1.20 is not an address on the internet'),
    );
  });

  it('name the private address to use when the source is written as a public one', async () => {
    await expect(check(estate(), '54.0.0.30', '54.0.0.20')).rejects.toThrow(
      new EndpointError(
        '54.0.0.30 is the public address of eni-edge, which connects from its private address 10.0.1.30 (the internet gateway translates it): name 10.0.1.30 as the source',
      ),
    );
    await expect(check(estate(), '198.51.100.7', '203.0.113.9')).rejects.toThrow(
      /are both internet addresses/,
    );
  });

  it('reach the owner of the public address where another VPC reuses its private one', async () => {
    // vpc-z, of another account, uses vpc-a's range; its eni-z holds 10.0.1.20 too and is listed last.
    const reused = (builder: AwsExportBuilder) =>
      builder
        .vpc('vpc-z', '10.0.0.0/16')
        .subnet('subnet-z', 'vpc-z', '10.0.1.0/24')
        .group('sg-z', 'vpc-z', { name: 'z' })
        .eni('eni-z', 'subnet-z', { ips: ['10.0.1.20'], groups: ['sg-z'] })
        .acl('acl-z', 'vpc-z', { subnets: ['subnet-z'], entries: allowAll });
    const open = [tcp(443, 443, { cidrs: ['0.0.0.0/0'] })];
    const fromInternet = await check(reused(estate({ webIngress: open })), '198.51.100.7', '54.0.0.20');
    expect(fromInternet.allowed).toBe(true);
    expect(fromInternet.destination.workloadId).toBe('eni-web');
    expect(layer(fromInternet, 'sg-ingress').rules).toMatchObject([{ groupId: 'sg-web' }]);
    const hairpin = await check(reused(estate()));
    expect(hairpin.allowed).toBe(true);
    expect(layer(hairpin, 'sg-ingress').rules).toMatchObject([{ groupId: 'sg-web', peer: '54.0.0.5/32' }]);
  });

  it('are reached from an internet client at the private address the internet gateway translates to', async () => {
    const open = estate({ webIngress: [tcp(443, 443, { cidrs: ['0.0.0.0/0'] })] });
    const byPublic = await check(open, '198.51.100.7', '54.0.0.20');
    const byId = await check(open, '198.51.100.7', 'eni-web');
    expect(byPublic.allowed).toBe(true);
    expect(byPublic.destination).toMatchObject({
      input: '54.0.0.20',
      workloadId: 'eni-web',
      address: '54.0.0.20',
    });
    expect(byPublic.explanation).toEqual(byId.explanation);
    const closed = await check(estate(), '198.51.100.7', '54.0.0.20');
    expect(closed.allowed).toBe(false);
    expect(layer(closed, 'sg-ingress').verdict).toBe('deny');
  });
});
