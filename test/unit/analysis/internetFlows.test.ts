import { describe, expect, it } from 'vitest';
import { internetRepresentatives } from '../../../main/core/analysis/internetFlows';
import { formatIp, isInternetAddress, parseCidr } from '../../../main/core/domain/ip';
import { storedAndLoaded } from '../helpers/tempWorkspace';
import { AwsExportBuilder, aclEntry, anywhere, permission, route, tcp } from './exportBuilder';
import { address, allowAll, layer, layers } from './scenario';

type Json = Record<string, unknown>;

/**
 * vpc-a with one public subnet (route 0.0.0.0/0 → igw-1 unless `routes` says otherwise) holding
 * eni-web 10.0.1.10, public 54.1.2.3, whose sg-web admits tcp 443 from anywhere (or `ingress`).
 */
function publicWeb(
  options: {
    routes?: Json[];
    acl?: Json[];
    publicIp?: string | null;
    ipv6?: string[];
    ingress?: Json[];
  } = {},
) {
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .group('sg-web', 'vpc-a', { name: 'web', ingress: options.ingress ?? [tcp(443, 443, anywhere)] })
    .eni('eni-web', 'subnet-pub', {
      ips: ['10.0.1.10'],
      ...(options.ipv6 ? { ipv6: options.ipv6 } : {}),
      groups: ['sg-web'],
      ...(options.publicIp === null ? {} : { publicIp: options.publicIp ?? '54.1.2.3' }),
    })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], entries: options.acl ?? allowAll })
    .routeTable('rtb-pub', 'vpc-a', {
      subnets: ['subnet-pub'],
      routes: options.routes ?? [route('0.0.0.0/0', 'igw-1')],
    });
}

async function fromInternet(builder: AwsExportBuilder, port = 443, client = '198.51.100.7') {
  return (await builder.engine()).check({ source: client, destination: 'eni-web', protocol: 'tcp', port });
}

describe('flows from the internet', () => {
  it('allows a public workload in a subnet routed to an internet gateway, naming route, entry and rule', async () => {
    const verdict = await fromInternet(publicWeb());
    expect(verdict.allowed).toBe(true);
    expect(layers(verdict)).toEqual([
      'route:allow',
      'sg-egress:not-applicable',
      'nacl-outbound:not-applicable',
      'nacl-inbound:allow',
      'sg-ingress:allow',
      'nacl-reply:allow',
    ]);
    expect(verdict.source).toMatchObject({ input: '198.51.100.7', workloadId: '' });
    expect(verdict.explanation[0]?.rules).toMatchObject([{ kind: 'route', target: 'igw-1' }]);
  });

  it("answers a ping from the internet only if the subnet's ACL lets the echo reply out to the client", async () => {
    const ping = async (outbound: Json[]) => {
      const builder = publicWeb({
        acl: [aclEntry(100, false, 'allow', 'icmp', '0.0.0.0/0', { icmp: [8, -1] }), ...outbound],
        ingress: [permission('icmp', [8, 0], anywhere)],
      });
      return (await builder.engine()).check({
        source: '198.51.100.7',
        destination: 'eni-web',
        protocol: 'icmp',
        port: 8,
      });
    };
    const answered = await ping([aclEntry(100, true, 'allow', 'icmp', '0.0.0.0/0', { icmp: [0, 0] })]);
    expect(layers(answered).slice(3)).toEqual(['nacl-inbound:allow', 'sg-ingress:allow', 'nacl-reply:allow']);
    const unanswered = await ping([aclEntry(100, true, 'allow', 'tcp', '0.0.0.0/0')]);
    expect(unanswered.allowed).toBe(false);
    expect(layer(unanswered, 'nacl-reply').reason).toBe(
      'the echo reply (icmp type 0) goes back from 10.0.1.10 to 198.51.100.7: acl-pub: outbound rule 32767 (deny all traffic to 0.0.0.0/0) is the first entry matching icmp type 0 to 198.51.100.7',
    );
  });

  it('denies a workload without a public address', async () => {
    const verdict = await fromInternet(publicWeb({ publicIp: null }));
    expect(verdict.allowed).toBe(false);
    expect(verdict.explanation[0]?.reason).toContain('no public IPv4 address');
  });

  it('denies a subnet whose default route goes to a NAT gateway: connections go out, never in', async () => {
    const verdict = await fromInternet(publicWeb({ routes: [route('0.0.0.0/0', 'nat-1')] }));
    expect(layers(verdict)[0]).toBe('route:deny');
    expect(verdict.explanation[0]?.reason).toContain('NAT gateway');
  });

  it('denies IPv6 clients through an egress-only internet gateway, which carries connections out only', async () => {
    const builder = publicWeb({ routes: [route('::/0', 'eigw-1')], ipv6: ['2600:1f18:0:1::10'] });
    const verdict = await fromInternet(builder, 443, '2001:4860:4860::8888');
    expect(layers(verdict)[0]).toBe('route:deny');
    expect(verdict.explanation[0]?.reason).toContain(
      'an egress-only internet gateway lets the subnet open connections out, never in',
    );
  });

  it('cannot tell when the replies go to an inspection appliance or a transit gateway, and says which', async () => {
    // Ingress routing with a Gateway Load Balancer: the subnet sends replies to the endpoint, whose
    // appliances pass them on to the internet gateway (or not): the export does not show which.
    for (const [target, named] of [
      ['vpce-0gwlb', 'vpce-0gwlb, a Gateway Load Balancer endpoint'],
      ['tgw-1', 'tgw-1, a transit gateway'],
      ['eni-firewall', 'eni-firewall'],
    ] as const) {
      const verdict = await fromInternet(publicWeb({ routes: [route('0.0.0.0/0', target)] }));
      expect(verdict.allowed).toBe('unknown');
      expect(layers(verdict)[0]).toBe('route:unknown');
      expect(layer(verdict, 'route').reason).toContain(`the replies go to ${named}, and whether`);
    }
    // A blackholed one drops them.
    const dropped = await fromInternet(
      publicWeb({ routes: [route('0.0.0.0/0', 'vpce-0gwlb', 'blackhole')] }),
    );
    expect(layers(dropped)[0]).toBe('route:deny');
  });

  it('reads a gateway route table from its edge association and keeps it through the store', async () => {
    const estate = await publicWeb()
      .routeTable('rtb-edge', 'vpc-a', { gateways: ['igw-1'], routes: [route('10.0.1.0/24', 'vpce-0gwlb')] })
      .estate();
    const tables = (await storedAndLoaded(estate)).routeTables;
    expect(tables.find((table) => table.id === 'rtb-edge')).toMatchObject({
      gatewayIds: ['igw-1'],
      subnetIds: [],
      isMain: false,
    });
    // Most tables have no gateway, and store nothing for it.
    expect(tables.find((table) => table.id === 'rtb-pub')).not.toHaveProperty('gatewayIds');
  });

  it("follows the internet gateway's own route table on the way in: an appliance first is unknown", async () => {
    // Ingress routing: igw-1's edge-associated table sends the web subnet to a firewall's endpoint.
    const withGatewayTable = (routes: Json[]) =>
      publicWeb().routeTable('rtb-edge', 'vpc-a', { gateways: ['igw-1'], routes });
    const inspected = await fromInternet(withGatewayTable([route('10.0.1.0/24', 'vpce-0gwlb')]));
    expect(inspected.allowed).toBe('unknown');
    expect(layer(inspected, 'route').reason).toContain(
      "via igw-1, an internet gateway; on the way in, igw-1's route table rtb-edge routes 10.0.1.10 by 10.0.1.0/24 via vpce-0gwlb, a Gateway Load Balancer endpoint, an inspection appliance on the way in",
    );
    expect(layer(inspected, 'route').rules).toMatchObject([
      { routeTableId: 'rtb-edge', destination: '10.0.1.0/24', target: 'vpce-0gwlb' },
      { routeTableId: 'rtb-pub', target: 'igw-1' },
    ]);
    // The local route's target replaced by a firewall's interface: the whole VPC goes through it.
    const replaced = publicWeb().routeTable('rtb-edge', 'vpc-a', { gateways: ['igw-1'], routes: [] });
    // documents() hands out the builder's own lists: the edit is the builder's.
    const routes = replaced.documents()['describe-route-tables.json'] as { RouteTables: Json[] };
    const edge = routes.RouteTables.find((table) => table.RouteTableId === 'rtb-edge') as { Routes: Json[] };
    edge.Routes = [route('10.0.0.0/16', 'eni-firewall')];
    expect((await fromInternet(replaced)).allowed).toBe('unknown');
    // Its local route delivers straight to the address, and says so; a blackhole drops.
    const direct = await fromInternet(withGatewayTable([route('10.0.2.0/24', 'vpce-0gwlb')]));
    expect(direct.allowed).toBe(true);
    expect(layer(direct, 'route').reason).toContain('by 10.0.0.0/16 via local, straight to it');
    const dropped = await fromInternet(withGatewayTable([route('10.0.1.0/24', 'vpce-0gwlb', 'blackhole')]));
    expect(layers(dropped)[0]).toBe('route:deny');
    // A table another VPC associates with its own igw-1 does not route this VPC's traffic.
    const elsewhere = publicWeb()
      .vpc('vpc-b', '10.9.0.0/16')
      .routeTable('rtb-b-edge', 'vpc-b', {
        gateways: ['igw-1'],
        routes: [route('10.9.0.0/24', 'vpce-0gwlb')],
      });
    expect((await fromInternet(elsewhere)).allowed).toBe(true);
  });

  it("still follows the internet gateway's own table when the replies go to an appliance", async () => {
    // The usual Gateway Load Balancer set-up: in through the endpoint, out through it again.
    const inspected = (state = 'active') =>
      publicWeb({ routes: [route('0.0.0.0/0', 'vpce-0gwlb')] }).routeTable('rtb-edge', 'vpc-a', {
        gateways: ['igw-1'],
        routes: [route('10.0.1.0/24', 'vpce-0gwlb', state)],
      });
    const both = await fromInternet(inspected());
    expect(layers(both)[0]).toBe('route:unknown');
    expect(layer(both, 'route').reason).toBe(
      "rtb-pub (route table of subnet-pub) routes the client's address by 0.0.0.0/0 via vpce-0gwlb: the replies go to vpce-0gwlb, a Gateway Load Balancer endpoint, and whether what it passes them on to reaches an internet gateway is not in the export; on the way in, igw-1's route table rtb-edge routes 10.0.1.10 by 10.0.1.0/24 via vpce-0gwlb, a Gateway Load Balancer endpoint, an inspection appliance on the way in, whose forwarding is not in the export",
    );
    expect(layer(both, 'route').rules).toMatchObject([
      { routeTableId: 'rtb-edge', destination: '10.0.1.0/24' },
      { routeTableId: 'rtb-pub', destination: '0.0.0.0/0' },
    ]);
    // The endpoint deleted under the gateway's route: nothing comes in, whatever the replies would do.
    const dropped = await fromInternet(inspected('blackhole'));
    expect(dropped.allowed).toBe(false);
    expect(layer(dropped, 'route')).toMatchObject({
      verdict: 'deny',
      reason:
        "on the way in, igw-1's route table rtb-edge routes 10.0.1.10 by 10.0.1.0/24, a route that is blackhole",
      rules: [{ routeTableId: 'rtb-edge', destination: '10.0.1.0/24' }],
    });
    // Delivered straight in, the replies alone leave it in doubt.
    const direct = publicWeb({ routes: [route('0.0.0.0/0', 'vpce-0gwlb')] }).routeTable('rtb-edge', 'vpc-a', {
      gateways: ['igw-1'],
      routes: [],
    });
    const replies = await fromInternet(direct);
    expect(layers(replies)[0]).toBe('route:unknown');
    expect(layer(replies, 'route').reason).toContain(
      "; on the way in, igw-1's route table rtb-edge routes 10.0.1.10 by 10.0.0.0/16 via local, straight to it",
    );
  });

  it('denies a subnet with no route covering the client', async () => {
    const verdict = await fromInternet(publicWeb({ routes: [route('203.0.113.0/24', 'igw-1')] }));
    expect(layers(verdict)[0]).toBe('route:deny');
    // The office range is routed: a client there gets through.
    expect(
      (await fromInternet(publicWeb({ routes: [route('203.0.113.0/24', 'igw-1')] }), 443, '203.0.113.9'))
        .allowed,
    ).toBe(true);
  });

  it('needs the replies to pass the outbound entries toward the client, and only those', async () => {
    const inboundOnly = [aclEntry(100, false, 'allow', 'tcp', '0.0.0.0/0', { ports: [443, 443] })];
    const noReply = await fromInternet(publicWeb({ acl: inboundOnly }));
    expect(layers(noReply)).toContain('nacl-reply:deny');
    const withReply = [
      ...inboundOnly,
      aclEntry(100, true, 'allow', 'tcp', '0.0.0.0/0', { ports: [1024, 65535] }),
    ];
    expect((await fromInternet(publicWeb({ acl: withReply }))).allowed).toBe(true);
  });

  it('takes a private address outside the snapshot for an unknown endpoint, not an internet client', async () => {
    const engine = await publicWeb().engine();
    expect(() =>
      engine.check({ source: '10.9.9.9', destination: 'eni-web', protocol: 'tcp', port: 443 }),
    ).toThrow(/no ENI, instance or private IP/);
  });
});

describe('internet addresses', () => {
  it('excludes private, shared, loopback, link-local and multicast space, and non-global IPv6', () => {
    for (const text of [
      '10.1.2.3',
      '172.31.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '127.0.0.1',
      '169.254.169.254',
      '224.0.0.1',
      '0.1.2.3',
      'fd00::1',
      'fe80::1',
    ])
      expect(isInternetAddress(address(text)), text).toBe(false);
    for (const text of ['8.8.8.8', '198.51.100.7', '172.32.0.1', '2600:1f18::1'])
      expect(isInternetAddress(address(text)), text).toBe(true);
  });

  it('picks the first internet address of every stretch the cuts make, skipping non-internet stretches', () => {
    const cidr = (text: string) =>
      parseCidr(text) ??
      (() => {
        throw new Error(text);
      })();
    const picked = internetRepresentatives(cidr('0.0.0.0/0'), [cidr('203.0.113.0/24')]).map(formatIp);
    expect(picked).toContain('1.0.0.0');
    expect(picked).toContain('203.0.113.0');
    expect(picked).toContain('203.0.114.0');
    expect(picked).toContain('11.0.0.0');
    expect(picked.some((text) => text.startsWith('10.'))).toBe(false);
    // A CIDR inside private space has no internet address at all.
    expect(internetRepresentatives(cidr('10.0.0.0/16'), [])).toEqual([]);
  });

  it("passes over addresses workloads hold: a stretch's first address not held, none where all are", () => {
    const cidr = (text: string) => parseCidr(text) as NonNullable<ReturnType<typeof parseCidr>>;
    const held = new Set(['2600:1f18:aa::10', '2600:1f18:aa::20']);
    const isHeld = (one: Parameters<typeof formatIp>[0]) => held.has(formatIp(one));
    // An ACL entry naming a workload's /127, and another its /128 (what a what-if's way out cuts by).
    const cuts = [cidr('2600:1f18:aa::10/127'), cidr('2600:1f18:aa::20/128')];
    const picked = internetRepresentatives(cidr('2600:1f18:aa::/64'), cuts, isHeld).map(formatIp);
    expect(picked).toEqual(['2600:1f18:aa::', '2600:1f18:aa::11', '2600:1f18:aa::12', '2600:1f18:aa::21']);
  });
});
