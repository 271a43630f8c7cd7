import { describe, expect, it } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere, route, tcp } from './exportBuilder';
import { allowAll, everyLayerOutThroughNat, layer, layers } from './scenario';

type Json = Record<string, unknown>;

interface Estate {
  /** Routes of the app subnet 10.0.2.0/24, where eni-app sits. Default: everything via nat-1. */
  readonly appRoutes?: Json[];
  /** Routes of the public subnet 10.0.1.0/24 that holds the NAT gateway. Default: everything via igw-1. */
  readonly publicRoutes?: Json[];
  readonly appAcl?: Json[];
  readonly publicAcl?: Json[];
  readonly appEgress?: Json[];
  /** The NAT gateway's interface; null leaves it out of the export. */
  readonly nat?: { readonly publicIp?: string } | null;
  /** eni-app's public address, for a way out through an internet gateway. */
  readonly appPublicIp?: string;
}

/**
 * vpc-a 10.0.0.0/16 (and 2600:1f18::/56). subnet-pub 10.0.1.0/24 holds nat-1's interface 10.0.1.5
 * (public 54.0.0.5) and routes everything to igw-1; subnet-app 10.0.2.0/24 holds eni-app 10.0.2.10
 * (2600:1f18:0:2::10, sg-app: all traffic out) and routes everything to nat-1. Both ACLs allow all.
 */
function estate(options: Estate = {}): AwsExportBuilder {
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24', '2600:1f18:0:1::/64')
    .subnet('subnet-app', 'vpc-a', '10.0.2.0/24', '2600:1f18:0:2::/64')
    .group('sg-app', 'vpc-a', { name: 'app', egress: options.appEgress ?? [allTraffic(anywhere)] })
    .eni('eni-app', 'subnet-app', {
      ips: ['10.0.2.10'],
      ipv6: ['2600:1f18:0:2::10'],
      groups: ['sg-app'],
      ...(options.appPublicIp ? { publicIp: options.appPublicIp } : {}),
    })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], entries: options.publicAcl ?? allowAll })
    .acl('acl-app', 'vpc-a', { subnets: ['subnet-app'], entries: options.appAcl ?? allowAll })
    .routeTable('rtb-pub', 'vpc-a', {
      subnets: ['subnet-pub'],
      routes: options.publicRoutes ?? [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1')],
    })
    .routeTable('rtb-app', 'vpc-a', {
      subnets: ['subnet-app'],
      routes: options.appRoutes ?? [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'nat-1')],
    });
  const nat = options.nat === undefined ? { publicIp: '54.0.0.5' } : options.nat;
  return nat === null
    ? builder
    : builder.natGateway('nat-1', 'eni-nat', 'subnet-pub', { ip: '10.0.1.5', ...nat });
}

async function toInternet(
  builder: AwsExportBuilder,
  port: number | null = 443,
  server = '198.51.100.7',
  protocol = 'tcp',
) {
  return (await builder.engine()).check({ source: 'eni-app', destination: server, protocol, port });
}

/** eni-app's group and ACL letting everything through, IPv4 and IPv6. */
const ipv6Out = {
  appEgress: [allTraffic({ cidrs: ['0.0.0.0/0'], ipv6: ['::/0'] })],
  appAcl: [
    aclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
    aclEntry(100, false, 'allow', 'all', '0.0.0.0/0'),
    aclEntry(101, true, 'allow', 'all', '::/0'),
    aclEntry(101, false, 'allow', 'all', '::/0'),
  ],
};

const replyPorts = (egress: boolean, cidr: string) =>
  aclEntry(110, egress, 'allow', 'tcp', cidr, { ports: [1024, 65535] });

describe('flows to the internet through a NAT gateway', () => {
  it('allows a private workload out through a public NAT gateway whose subnet routes to an internet gateway', async () => {
    const verdict = await toInternet(estate());
    expect(verdict.allowed).toBe(true);
    expect(layers(verdict)).toEqual(everyLayerOutThroughNat);
    expect(verdict.destination).toMatchObject({ input: '198.51.100.7', workloadId: '' });
    const route = layer(verdict, 'route');
    expect(
      route.rules.map((rule) => (rule.kind === 'route' ? `${rule.routeTableId} ${rule.target}` : '')),
    ).toEqual(['rtb-app nat-1', 'rtb-pub igw-1']);
    expect(route.reason).toContain("the server sees the NAT gateway's address 54.0.0.5");
    // The request enters the NAT gateway's subnet, and the ACL there is the one that decides.
    expect(layer(verdict, 'nacl-inbound').reason).toMatch(/^entering the NAT gateway's subnet, acl-pub: /);
    expect(layer(verdict, 'nacl-outbound').reason).toMatch(
      /^leaving the client's subnet, acl-app: .*; leaving the NAT gateway's subnet, acl-pub: /,
    );
  });

  it("denies when the NAT gateway's subnet ACL refuses the request from the client's subnet", async () => {
    const publicAcl = [
      aclEntry(90, false, 'deny', 'all', '10.0.2.0/24'),
      aclEntry(100, false, 'allow', 'all', '0.0.0.0/0'),
      aclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
    ];
    const verdict = await toInternet(estate({ publicAcl }));
    expect(verdict.allowed).toBe(false);
    expect(layers(verdict)).toContain('nacl-inbound:deny');
    expect(layer(verdict, 'nacl-inbound').rules).toMatchObject([{ aclId: 'acl-pub', ruleNumber: 90 }]);
  });

  it("needs the NAT gateway's subnet to let the server's replies in and pass them on to the client", async () => {
    const requests = [
      aclEntry(100, false, 'allow', 'tcp', '10.0.2.0/24', { ports: [443, 443] }),
      aclEntry(100, true, 'allow', 'tcp', '0.0.0.0/0', { ports: [443, 443] }),
    ];
    const noReplies = await toInternet(estate({ publicAcl: requests }));
    expect(layers(noReplies)).toEqual([
      'route:allow',
      'sg-egress:allow',
      'nacl-outbound:allow',
      'nacl-inbound:allow',
      'sg-ingress:not-applicable',
      'nacl-reply:deny',
    ]);
    // Replies reach the NAT gateway's port from the server, but are not passed on to the client.
    const inOnly = await toInternet(estate({ publicAcl: [...requests, replyPorts(false, '0.0.0.0/0')] }));
    expect(layers(inOnly)).toContain('nacl-reply:deny');
    const both = [...requests, replyPorts(false, '0.0.0.0/0'), replyPorts(true, '10.0.2.0/24')];
    expect((await toInternet(estate({ publicAcl: both }))).allowed).toBe(true);
  });

  it("needs the NAT gateway's subnet to let an echo reply in and pass it on, as it does a tcp reply", async () => {
    const icmp = (egress: boolean, type: number, cidr: string) =>
      aclEntry(egress ? 100 + type : 200 + type, egress, 'allow', 'icmp', cidr, { icmp: [type, -1] });
    const requests = [icmp(false, 8, '10.0.2.0/24'), icmp(true, 8, '0.0.0.0/0')];
    const ping = (publicAcl: Json[]) => toInternet(estate({ publicAcl }), 8, '198.51.100.7', 'icmp');
    const noReplies = await ping(requests);
    expect(layers(noReplies)).toContain('nacl-reply:deny');
    expect(layer(noReplies, 'nacl-reply').reason).toMatch(
      /^back to the NAT gateway, the echo reply \(icmp type 0\) goes back from 198\.51\.100\.7 to 10\.0\.1\.5: acl-pub: inbound rule 32767 .*; on to the client, the echo reply \(icmp type 0\) goes back from 198\.51\.100\.7 to 10\.0\.2\.10: acl-pub: outbound rule 32767 /,
    );
    const inOnly = await ping([...requests, icmp(false, 0, '0.0.0.0/0')]);
    expect(layers(inOnly)).toContain('nacl-reply:deny');
    const both = await ping([...requests, icmp(false, 0, '0.0.0.0/0'), icmp(true, 0, '10.0.2.0/24')]);
    expect(layers(both)).toEqual(everyLayerOutThroughNat);
  });

  it('carries TCP, UDP and ICMP only: other protocols are dropped, where an internet gateway takes them', async () => {
    for (const [protocol, port] of [
      ['udp', 53],
      ['icmp', 8],
    ] as const)
      expect((await toInternet(estate(), port, '198.51.100.7', protocol)).allowed).toBe(true);
    for (const protocol of ['50', '47', '132']) {
      const verdict = await toInternet(estate(), null, '198.51.100.7', protocol);
      expect(verdict.allowed).toBe(false);
      expect(layer(verdict, 'route')).toMatchObject({
        verdict: 'deny',
        reason: `rtb-app (route table of subnet-app) routes 198.51.100.7 by 0.0.0.0/0 via nat-1, a NAT gateway, which carries TCP, UDP and ICMP only, not protocol ${protocol}`,
      });
    }
    const direct = await toInternet(
      estate({ appPublicIp: '54.0.0.9', appRoutes: [route('0.0.0.0/0', 'igw-1')] }),
      null,
      '198.51.100.7',
      '50',
    );
    expect(direct.allowed).toBe(true);
  });

  it('denies through a private NAT gateway, which has no public address', async () => {
    const verdict = await toInternet(estate({ nat: {} }));
    expect(layers(verdict)[0]).toBe('route:deny');
    expect(layer(verdict, 'route').reason).toContain('private NAT gateway');
  });

  it("denies when the NAT gateway's own subnet has no way to an internet gateway", async () => {
    const verdict = await toInternet(estate({ publicRoutes: [route('10.0.0.0/16', 'local')] }));
    expect(layers(verdict)[0]).toBe('route:deny');
    expect(layer(verdict, 'route').reason).toContain(
      'rtb-pub (route table of subnet-pub) has no route to 198.51.100.7',
    );
  });

  it("is unknown when the NAT gateway's interface is not exported, or its subnet forwards to a transit gateway", async () => {
    const missing = await toInternet(estate({ nat: null }));
    expect([missing.allowed, layers(missing)[0]]).toEqual(['unknown', 'route:unknown']);
    const viaTransit = await toInternet(
      estate({ publicRoutes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'tgw-1')] }),
    );
    expect([viaTransit.allowed, layers(viaTransit)[0]]).toEqual(['unknown', 'route:unknown']);
  });
});

describe('flows to the internet through an internet gateway', () => {
  const publicApp = (options: Estate = {}) =>
    estate({ appRoutes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1')], ...options });

  it('allows a workload with a public address, checking only its own subnet and groups', async () => {
    const verdict = await toInternet(publicApp({ appPublicIp: '54.0.0.10' }));
    expect(layers(verdict)).toEqual([
      'route:allow',
      'sg-egress:allow',
      'nacl-outbound:allow',
      'nacl-inbound:not-applicable',
      'sg-ingress:not-applicable',
      'nacl-reply:allow',
    ]);
  });

  it('takes an AWS service address through the gateway endpoint its prefix list routes, not the NAT gateway', async () => {
    const builder = estate({
      appRoutes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'nat-1'), route('pl-s3', 'vpce-1')],
    }).prefixList('pl-s3', 'com.amazonaws.us-east-1.s3', ['52.216.0.0/15']);
    const toS3 = await toInternet(builder, 443, '52.217.1.10');
    expect(toS3.allowed).toBe(true);
    expect(layer(toS3, 'route').reason).toContain('via vpce-1, a gateway endpoint');
    // The request does not pass the NAT gateway's subnet.
    expect(layer(toS3, 'nacl-inbound').verdict).toBe('not-applicable');
    const elsewhere = await toInternet(builder, 443, '198.51.100.7');
    expect(layer(elsewhere, 'route').reason).toContain('via nat-1');
  });

  it('cannot tell a way out through a Gateway Load Balancer endpoint, a vpce- target routed by a CIDR', async () => {
    // Centralised inspection: everything leaves through the firewall's endpoint, not a gateway endpoint.
    const builder = estate({
      appRoutes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'vpce-0gwlb'), route('pl-s3', 'vpce-1')],
      appPublicIp: '54.0.0.10',
    }).prefixList('pl-s3', 'com.amazonaws.us-east-1.s3', ['52.216.0.0/15']);
    const inspected = await toInternet(builder);
    expect(inspected.allowed).toBe('unknown');
    expect(layer(inspected, 'route').reason).toContain(
      'via vpce-0gwlb, a Gateway Load Balancer endpoint (a vpce- target of a CIDR route)',
    );
    // The S3 range still takes the gateway endpoint its prefix list routes.
    expect((await toInternet(builder, 443, '52.217.1.10')).allowed).toBe(true);
  });

  it("follows the replies back in through the internet gateway's own route table, to the client or its NAT gateway", async () => {
    const edge = (builder: AwsExportBuilder, subnetCidr: string) =>
      builder.routeTable('rtb-edge', 'vpc-a', {
        gateways: ['igw-1'],
        routes: [route(subnetCidr, 'eni-firewall')],
      });
    // Out through the NAT gateway: its replies enter for the NAT gateway's address, in subnet-pub.
    const natInspected = await toInternet(edge(estate(), '10.0.1.0/24'));
    expect(natInspected.allowed).toBe('unknown');
    expect(layer(natInspected, 'route').reason).toContain(
      "the replies come back in through it, and igw-1's route table rtb-edge routes 10.0.1.5 by 10.0.1.0/24 via eni-firewall",
    );
    expect((await toInternet(edge(estate(), '10.0.2.0/24'))).allowed).toBe(true);
    // Out through the internet gateway from its own public address: the replies enter for 10.0.2.10.
    const direct = estate({
      appRoutes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1')],
      appPublicIp: '54.0.0.10',
    });
    const appInspected = await toInternet(edge(direct, '10.0.2.0/24'));
    expect(appInspected.allowed).toBe('unknown');
    expect(layer(appInspected, 'route').rules).toMatchObject([
      { routeTableId: 'rtb-app', target: 'igw-1' },
      { routeTableId: 'rtb-edge', destination: '10.0.2.0/24', target: 'eni-firewall' },
    ]);
  });

  it('denies a way out through a peering connection, which carries nothing on to the internet', async () => {
    const verdict = await toInternet(
      estate({
        appRoutes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'pcx-1')],
        appPublicIp: '54.0.0.10',
      }),
    );
    expect(layers(verdict)[0]).toBe('route:deny');
    expect(layer(verdict, 'route').reason).toContain('no edge-to-edge routing');
  });

  it('denies a workload without a public IPv4 address: the gateway has nothing to translate it to', async () => {
    const verdict = await toInternet(publicApp());
    expect(layers(verdict)[0]).toBe('route:deny');
    expect(layer(verdict, 'route').reason).toContain('eni-app has no public IPv4 address');
  });

  it('denies what its security group or its subnet ACL does not let out, and replies its ACL does not let in', async () => {
    const narrow = await toInternet(
      publicApp({ appPublicIp: '54.0.0.10', appEgress: [tcp(443, 443, { cidrs: ['10.0.0.0/8'] })] }),
    );
    expect(layers(narrow)).toContain('sg-egress:deny');
    const closedAcl = await toInternet(
      publicApp({
        appPublicIp: '54.0.0.10',
        appAcl: [aclEntry(100, true, 'allow', 'tcp', '0.0.0.0/0', { ports: [443, 443] })],
      }),
    );
    expect(layers(closedAcl)).toEqual([
      'route:allow',
      'sg-egress:allow',
      'nacl-outbound:allow',
      'nacl-inbound:not-applicable',
      'sg-ingress:not-applicable',
      'nacl-reply:deny',
    ]);
    expect(layer(closedAcl, 'nacl-reply').reason).toContain('acl-app inbound allows tcp from 198.51.100.7');
  });

  it('lets IPv6 out through an egress-only internet gateway without a public IPv4 address', async () => {
    const builder = estate({
      ...ipv6Out,
      appRoutes: [route('10.0.0.0/16', 'local'), route('::/0', 'eigw-1')],
    });
    const verdict = await toInternet(builder, 443, '2001:4860:4860::8888');
    expect(verdict.allowed).toBe(true);
    expect(layer(verdict, 'route').reason).toContain('an egress-only internet gateway');
    expect(verdict.source.address).toBe('2600:1f18:0:2::10');
    // The same subnet has no IPv4 route out at all.
    expect(layers(await toInternet(builder))[0]).toBe('route:deny');
  });
});

describe('a unique local IPv6 address (fc00::/7), which the internet does not route', () => {
  const open = [allTraffic({ cidrs: ['0.0.0.0/0'], ipv6: ['::/0'] })];
  /** eni-u fd12:3456:789a:1::10 in a subnet routing ::/0 to `gateway`. */
  const ula = (gateway: string) =>
    new AwsExportBuilder()
      .vpc('vpc-u', '10.9.0.0/16')
      .subnet('subnet-u', 'vpc-u', '10.9.1.0/24', 'fd12:3456:789a:1::/64')
      .group('sg-u', 'vpc-u', { ingress: open, egress: open })
      .eni('eni-u', 'subnet-u', { ips: ['10.9.1.10'], ipv6: ['fd12:3456:789a:1::10'], groups: ['sg-u'] })
      .acl('acl-u', 'vpc-u', { subnets: ['subnet-u'], entries: allowAll })
      .routeTable('rtb-u', 'vpc-u', { subnets: ['subnet-u'], routes: [route('::/0', gateway)] })
      .engine();
  const unrouted =
    'fd12:3456:789a:1::10 is not a global unicast IPv6 address (2000::/3; a unique local address, fc00::/7, is for use within a site, RFC 4193), so the internet does not route it';

  it('cannot reach the internet from it, through an internet gateway or an egress-only one', async () => {
    for (const gateway of ['igw-1', 'eigw-1']) {
      const verdict = (await ula(gateway)).check({
        source: 'fd12:3456:789a:1::10',
        destination: '2001:4860:4860::8888',
        protocol: 'tcp',
        port: 443,
      });
      expect(verdict.allowed).toBe(false);
      expect(layer(verdict, 'route').reason).toContain(unrouted);
    }
  });

  it('nor can a global address in a VPC range marked private (IPAM), which AWS does not advertise', async () => {
    const privateRange = (attribute: 'public' | 'private') =>
      new AwsExportBuilder()
        .vpc('vpc-g', '10.8.0.0/16')
        .vpcIpv6('vpc-g', '2600:1f18:aaaa:bb00::/56', attribute)
        .subnet('subnet-g', 'vpc-g', '10.8.1.0/24', '2600:1f18:aaaa:bb01::/64')
        .group('sg-g', 'vpc-g', { ingress: open, egress: open })
        .eni('eni-g', 'subnet-g', { ips: ['10.8.1.10'], ipv6: ['2600:1f18:aaaa:bb01::10'], groups: ['sg-g'] })
        .acl('acl-g', 'vpc-g', {
          subnets: ['subnet-g'],
          entries: [
            aclEntry(100, true, 'allow', 'all', '::/0'),
            aclEntry(100, false, 'allow', 'all', '::/0'),
          ],
        })
        .routeTable('rtb-g', 'vpc-g', { subnets: ['subnet-g'], routes: [route('::/0', 'igw-1')] })
        .engine();
    const flows = [
      { source: '2600:1f18:aaaa:bb01::10', destination: '2001:4860:4860::8888', protocol: 'tcp', port: 443 },
      { source: '2001:4860:4860::8888', destination: '2600:1f18:aaaa:bb01::10', protocol: 'tcp', port: 443 },
    ];
    for (const flow of flows) {
      const marked = (await privateRange('private')).check(flow);
      expect(marked.allowed).toBe(false);
      expect(layer(marked, 'route').reason).toContain(
        '2600:1f18:aaaa:bb01::10 is in 2600:1f18:aaaa:bb00::/56, an IPv6 range of vpc-g marked private (Ipv6AddressAttribute), which AWS does not advertise on the internet',
      );
      expect((await privateRange('public')).check(flow).allowed).toBe(true);
    }
    const imported = (
      await new AwsExportBuilder()
        .vpc('vpc-g', '10.8.0.0/16')
        .vpcIpv6('vpc-g', '2600:1f18:aaaa:bb00::/56', 'private')
        .estate()
    ).vpcs[0];
    expect(imported).toMatchObject({
      ipv6CidrBlocks: ['2600:1f18:aaaa:bb00::/56'],
      privateIpv6CidrBlocks: ['2600:1f18:aaaa:bb00::/56'],
    });
  });

  it('is not reached from the internet', async () => {
    const verdict = (await ula('igw-1')).check({
      source: '2001:4860:4860::8888',
      destination: 'fd12:3456:789a:1::10',
      protocol: 'tcp',
      port: 443,
    });
    expect(verdict.allowed).toBe(false);
    expect(layer(verdict, 'route')).toMatchObject({ verdict: 'deny', reason: unrouted });
  });
});

describe('VPC Block Public Access (BlockPublicAccessStates in describe-vpcs)', () => {
  const exclusions =
    'unless an exclusion exempts vpc-a or subnet-app (aws ec2 describe-vpc-block-public-access-exclusions, not in the export)';
  /** Out through nat-1, out from eni-app's own public address, out through an egress-only gateway. */
  const ways = async (mode: 'off' | 'block-bidirectional' | 'block-ingress') => ({
    nat: await toInternet(estate().blockPublicAccess('vpc-a', mode)),
    direct: await toInternet(
      estate({ appPublicIp: '54.0.0.9', appRoutes: [route('0.0.0.0/0', 'igw-1')] }).blockPublicAccess(
        'vpc-a',
        mode,
      ),
    ),
    egressOnly: await toInternet(
      estate({ ...ipv6Out, appRoutes: [route('::/0', 'eigw-1')] }).blockPublicAccess('vpc-a', mode),
      443,
      '2001:4860:4860::8888',
    ),
  });

  it('lets everything out when off', async () => {
    const { nat, direct, egressOnly } = await ways('off');
    expect([nat.allowed, direct.allowed, egressOnly.allowed]).toEqual([true, true, true]);
  });

  it('block-ingress: the gateway itself may drop a public address’s connections; NAT and egress-only gateways pass', async () => {
    const { nat, direct, egressOnly } = await ways('block-ingress');
    expect([nat.allowed, direct.allowed, egressOnly.allowed]).toEqual([true, 'unknown', true]);
    expect(layer(direct, 'route').reason).toContain(
      `VPC Block Public Access is block-ingress in the Region of vpc-a, which drops this at the internet gateway ${exclusions}`,
    );
  });

  it('block-bidirectional: every way may be dropped, also through the NAT gateway', async () => {
    const { nat, direct, egressOnly } = await ways('block-bidirectional');
    expect([nat.allowed, direct.allowed, egressOnly.allowed]).toEqual(['unknown', 'unknown', 'unknown']);
    expect(layer(nat, 'route').reason).toContain('VPC Block Public Access is block-bidirectional');
  });

  it('never turns a deny into unknown', async () => {
    const verdict = await toInternet(estate({ nat: {} }).blockPublicAccess('vpc-a', 'block-bidirectional'));
    expect(layer(verdict, 'route')).toMatchObject({ verdict: 'deny' });
    expect(layer(verdict, 'route').reason).not.toContain('Block Public Access');
  });

  it('may drop connections from the internet in either mode', async () => {
    for (const mode of ['block-ingress', 'block-bidirectional'] as const) {
      const builder = estate({
        appPublicIp: '54.0.0.9',
        appRoutes: [route('0.0.0.0/0', 'igw-1')],
      }).blockPublicAccess('vpc-a', mode);
      const verdict = (await builder.engine()).check({
        source: '198.51.100.7',
        destination: 'eni-app',
        protocol: 'tcp',
        port: 443,
      });
      expect(layer(verdict, 'route')).toMatchObject({ verdict: 'unknown' });
      expect(layer(verdict, 'route').reason).toContain(`VPC Block Public Access is ${mode}`);
    }
  });

  it('is read from describe-vpcs, and a mode AWS does not list is refused where it is', async () => {
    const builder = estate().blockPublicAccess('vpc-a', 'block-ingress');
    expect((await builder.estate()).vpcs[0]?.blockPublicAccess).toBe('block-ingress');
    expect((await estate().blockPublicAccess('vpc-a', 'off').estate()).vpcs[0]).not.toHaveProperty(
      'blockPublicAccess',
    );
    const documents = estate().documents();
    const vpcs = documents['describe-vpcs.json'] as { Vpcs: Record<string, unknown>[] };
    (vpcs.Vpcs[0] as Record<string, unknown>).BlockPublicAccessStates = { InternetGatewayBlockMode: 'on' };
    await expect(
      readAwsExport([
        { kind: 'bytes', name: 'describe-vpcs.json', data: new TextEncoder().encode(JSON.stringify(vpcs)) },
      ]),
    ).rejects.toThrow(
      'describe-vpcs.json $.Vpcs[0].BlockPublicAccessStates.InternetGatewayBlockMode: expected "off", "block-bidirectional" or "block-ingress", got "on"',
    );
  });
});

describe('VPC Block Public Access exclusions (describe-vpc-block-public-access-exclusions)', () => {
  type Mode = 'block-bidirectional' | 'block-ingress';
  type Exclude = (builder: AwsExportBuilder) => AwsExportBuilder;
  const none: Exclude = (builder) => builder.blockPublicAccessExclusion();
  /** The four uses of the internet gateway, with the exclusions `exclude` exports. */
  const uses = async (mode: Mode, exclude: Exclude) => {
    const publicApp = { appPublicIp: '54.0.0.9', appRoutes: [route('0.0.0.0/0', 'igw-1')] };
    const blocked = (builder: AwsExportBuilder) => exclude(builder.blockPublicAccess('vpc-a', mode));
    const fromInternet = (await blocked(estate(publicApp)).engine()).check({
      source: '198.51.100.7',
      destination: 'eni-app',
      protocol: 'tcp',
      port: 443,
    });
    return {
      nat: await toInternet(blocked(estate())),
      direct: await toInternet(blocked(estate(publicApp))),
      egressOnly: await toInternet(
        blocked(estate({ ...ipv6Out, appRoutes: [route('::/0', 'eigw-1')] })),
        443,
        '2001:4860:4860::8888',
      ),
      fromInternet,
    };
  };
  /** The route layer's verdicts: eni-app's group lets nothing in, so the flow from the internet stops later. */
  const verdicts = (found: Awaited<ReturnType<typeof uses>>) =>
    [found.nat, found.direct, found.egressOnly, found.fromInternet].map(
      (verdict) => layer(verdict, 'route').verdict,
    );

  it('denies what the mode blocks where the exclusions were exported and none exempts the subnet or VPC', async () => {
    expect(verdicts(await uses('block-ingress', none))).toEqual(['allow', 'deny', 'allow', 'deny']);
    const both = await uses('block-bidirectional', none);
    expect(verdicts(both)).toEqual(['deny', 'deny', 'deny', 'deny']);
    expect(layer(both.direct, 'route').reason).toContain(
      'VPC Block Public Access is block-bidirectional in the Region of vpc-a, which drops this at the internet gateway: no exclusion exempts subnet-app or vpc-a',
    );
    expect(layer(both.nat, 'route').reason).toContain('no exclusion exempts subnet-pub or vpc-a');
  });

  it('an allow-bidirectional exclusion of the subnet exempts its own connections, in and out', async () => {
    const exempt: Exclude = (builder) => builder.blockPublicAccessExclusion('subnet-app');
    expect(verdicts(await uses('block-bidirectional', exempt))).toEqual(['deny', 'allow', 'allow', 'allow']);
    expect(verdicts(await uses('block-ingress', exempt))).toEqual(['allow', 'allow', 'allow', 'allow']);
  });

  it("an exclusion of the VPC exempts every subnet in it, the NAT gateway's too", async () => {
    const exempt: Exclude = (builder) => builder.blockPublicAccessExclusion('vpc-a');
    expect(verdicts(await uses('block-bidirectional', exempt))).toEqual(['allow', 'allow', 'allow', 'allow']);
  });

  it('allow-egress exempts connections out under block-bidirectional only, never those in', async () => {
    const egress: Exclude = (builder) => builder.blockPublicAccessExclusion('vpc-a', 'allow-egress');
    const both = await uses('block-bidirectional', egress);
    expect(verdicts(both)).toEqual(['allow', 'allow', 'allow', 'deny']);
    expect(layer(both.fromInternet, 'route').reason).toContain(
      'its exclusion vpcbpa-exclude-vpc-a of vpc-a allows egress only',
    );
    const ingress = await uses('block-ingress', egress);
    expect(verdicts(ingress)).toEqual(['allow', 'deny', 'allow', 'deny']);
    expect(layer(ingress.direct, 'route').reason).toContain(
      'allows egress, which exempts nothing under block-ingress',
    );
  });

  it("through a NAT gateway: its subnet's exclusion decides only with the client's subnet exempt too", async () => {
    const natOnly: Exclude = (builder) => builder.blockPublicAccessExclusion('subnet-pub');
    const { nat } = await uses('block-bidirectional', natOnly);
    expect(nat.allowed).toBe('unknown');
    expect(layer(nat, 'route').reason).toContain(
      "vpcbpa-exclude-subnet-pub exempts the NAT gateway's subnet-pub, but for the client's subnet-app VPC Block Public Access is block-bidirectional",
    );
    const bothSubnets: Exclude = (builder) =>
      builder
        .blockPublicAccessExclusion('subnet-pub', 'allow-egress')
        .blockPublicAccessExclusion('subnet-app');
    expect((await uses('block-bidirectional', bothSubnets)).nat.allowed).toBe(true);
  });

  it('an exclusion in progress may or may not exempt; a deleted or failed one exempts nothing', async () => {
    const creating: Exclude = (builder) =>
      builder.blockPublicAccessExclusion('subnet-app', 'allow-bidirectional', 'create-in-progress');
    const pending = await uses('block-bidirectional', creating);
    expect(pending.direct.allowed).toBe('unknown');
    expect(layer(pending.direct, 'route').reason).toContain(
      'unless the exclusion vpcbpa-exclude-subnet-app of subnet-app, which is create-in-progress, exempts it',
    );
    for (const state of ['delete-complete', 'create-failed', 'disable-complete']) {
      const gone: Exclude = (builder) =>
        builder.blockPublicAccessExclusion('subnet-app', 'allow-bidirectional', state);
      expect((await uses('block-bidirectional', gone)).direct.allowed).toBe(false);
    }
  });

  it('refuses a state or mode AWS does not list, an ARN of something else, and two exclusions of one subnet', async () => {
    const exported = (edit: (exclusion: Json) => void, twice = false) => {
      const builder = estate().blockPublicAccessExclusion('subnet-app');
      if (twice) builder.blockPublicAccessExclusion('subnet-app', 'allow-egress');
      const documents = builder.documents();
      const file = documents['describe-vpc-block-public-access-exclusions.json'] as {
        VpcBlockPublicAccessExclusions: Json[];
      };
      edit(file.VpcBlockPublicAccessExclusions[0] as Json);
      return readAwsExport(
        Object.entries(documents).map(([name, document]) => ({
          kind: 'bytes' as const,
          name,
          data: new TextEncoder().encode(JSON.stringify(document)),
        })),
      );
    };
    const file = 'describe-vpc-block-public-access-exclusions.json $.VpcBlockPublicAccessExclusions[0]';
    await expect(exported((e) => (e.State = 'active'))).rejects.toThrow(
      `${file}.State: expected one of create-complete, update-complete, create-in-progress`,
    );
    await expect(exported((e) => (e.InternetGatewayExclusionMode = 'allow-ingress'))).rejects.toThrow(
      `${file}.InternetGatewayExclusionMode: expected "allow-bidirectional" or "allow-egress", got "allow-ingress"`,
    );
    await expect(
      exported((e) => (e.ResourceArn = 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc')),
    ).rejects.toThrow(`${file}.ResourceArn: expected the ARN of a VPC or subnet`);
    await expect(exported(() => {}, true)).rejects.toThrow(
      `duplicate Block Public Access exclusion of subnet-app: ${file} and describe-vpc-block-public-access-exclusions.json $.VpcBlockPublicAccessExclusions[1]`,
    );
    const read = await exported(() => {});
    expect(
      read.estate.subnets.find((subnet) => subnet.id === 'subnet-app')?.blockPublicAccessExclusion,
    ).toMatchObject({
      id: 'vpcbpa-exclude-subnet-app',
      mode: 'allow-bidirectional',
      state: 'create-complete',
    });
    expect(read.estate.vpcs[0]?.blockPublicAccessExclusion).toBeNull();
  });
});

describe('ways out that do not reach the internet', () => {
  it("denies an address inside the VPC's own public range: the local route keeps it in", async () => {
    const builder = new AwsExportBuilder()
      .vpc('vpc-p', '198.51.0.0/16')
      .subnet('subnet-p', 'vpc-p', '198.51.1.0/24')
      .group('sg-p', 'vpc-p', { name: 'p', egress: [allTraffic(anywhere)] })
      .eni('eni-p', 'subnet-p', { ips: ['198.51.1.10'], groups: ['sg-p'], publicIp: '54.0.0.9' })
      .acl('acl-p', 'vpc-p', { subnets: ['subnet-p'], entries: allowAll })
      .routeTable('rtb-p', 'vpc-p', {
        subnets: ['subnet-p'],
        routes: [route('198.51.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1')],
      });
    const verdict = (await builder.engine()).check({
      source: 'eni-p',
      destination: '198.51.2.7',
      protocol: 'tcp',
      port: 443,
    });
    expect(layers(verdict)[0]).toBe('route:deny');
    expect(layer(verdict, 'route').reason).toContain("inside vpc-p's own range");
  });

  it('denies IPv4 through an egress-only gateway, and cannot tell IPv6 through a NAT gateway (NAT64)', async () => {
    const v4 = await toInternet(
      estate({ appRoutes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'eigw-1')] }),
    );
    expect(layer(v4, 'route')).toMatchObject({ verdict: 'deny' });
    expect(layer(v4, 'route').reason).toContain('carries IPv6 only');
    const v6 = await toInternet(
      estate({
        appRoutes: [route('10.0.0.0/16', 'local'), route('::/0', 'nat-1')],
        appEgress: [allTraffic({ ipv6: ['::/0'] })],
      }),
      443,
      '2001:4860:4860::8888',
    );
    expect(layer(v6, 'route')).toMatchObject({ verdict: 'unknown' });
    expect(layer(v6, 'route').reason).toContain('NAT64 is not modelled');
  });
});

describe('internet ends', () => {
  it('refuses two internet ends, and icmp toward an IPv6 server', async () => {
    const engine = await estate().engine();
    expect(() =>
      engine.check({ source: '198.51.100.7', destination: '203.0.113.9', protocol: 'tcp', port: 443 }),
    ).toThrow(/both internet addresses/);
    expect(() =>
      engine.check({ source: 'eni-app', destination: '2001:4860:4860::8888', protocol: 'icmp', port: 8 }),
    ).toThrow(/icmp does not travel between IPv6 addresses/);
  });

  it('takes an address of the snapshot for its workload, not for an internet server', async () => {
    const verdict = (await estate({ appPublicIp: '54.0.0.10' }).engine()).check({
      source: 'eni-nat',
      destination: '10.0.2.10',
      protocol: 'tcp',
      port: 443,
    });
    expect(verdict.destination.workloadId).toBe('eni-app');
  });
});
