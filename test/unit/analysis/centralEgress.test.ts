import { describe, expect, it } from 'vitest';
import type { FlowVerdict } from '../../../main/core/analysis/reachability';
import { type EgressHub, egressHub, egressTable, spokeTable, toEgress } from './egressHub';
import { aclEntry, route, tcp, transitGatewayRoute } from './exportBuilder';
import { allowAll, everyLayerOutThroughNat, layer, layers } from './scenario';

type Json = Record<string, unknown>;

async function out(options: EgressHub = {}, source = 'eni-a', port = 443): Promise<FlowVerdict> {
  const engine = await egressHub(options).engine();
  return engine.check({ source, destination: '198.51.100.7', protocol: 'tcp', port });
}

/** The routes the route layer cites, as "table destination target". */
const routesCited = (verdict: FlowVerdict) =>
  layer(verdict, 'route').rules.map((rule) =>
    rule.kind === 'route' ? `${rule.routeTableId} ${rule.destination} ${rule.target}` : rule.kind,
  );

/** The ACLs a layer cites, in order. */
const aclsCited = (verdict: FlowVerdict, name: 'nacl-outbound' | 'nacl-inbound' | 'nacl-reply') =>
  layer(verdict, name).rules.map((rule) => (rule.kind === 'network-acl-entry' ? rule.aclId : rule.kind));

/** Allow everything but what `deny` names, at rule 50. */
const allowAllBut = (...deny: Json[]) => [...deny, ...allowAll];

/** The routes a connection out from a zone takes, both ways: through its transit gateway subnet and NAT gateway. */
const routesOut = (entryTable: string, nat: string) => [
  'rtb-a 0.0.0.0/0 tgw-1',
  `${spokeTable} 0.0.0.0/0 tgw-attach-e`,
  `${entryTable} 0.0.0.0/0 ${nat}`,
  'rtb-pub 0.0.0.0/0 igw-e',
  'rtb-pub 10.0.0.0/8 tgw-1',
  `${egressTable} 10.0.0.0/16 tgw-attach-a`,
  'rtb-a 10.0.0.0/16 local',
];

describe('centralized egress through a transit gateway', () => {
  it('follows the connection to the egress VPC, its NAT gateway and internet gateway, and the replies back', async () => {
    const verdict = await out();
    expect(verdict.allowed).toBe(true);
    expect(layers(verdict)).toEqual(everyLayerOutThroughNat);
    expect(layer(verdict, 'route').reason).toBe(
      `rtb-a (route table of subnet-a1) routes 198.51.100.7 by 0.0.0.0/0 via tgw-1: it enters tgw-1 through tgw-attach-a in subnet-at; ${spokeTable} routes 198.51.100.7 by 0.0.0.0/0 (static) to tgw-attach-e; it enters vpc-e through subnet-et: rtb-et (route table of subnet-et) routes it by 0.0.0.0/0 via nat-1, a NAT gateway in subnet-pub, whose rtb-pub (route table of subnet-pub) routes it by 0.0.0.0/0 via igw-e, an internet gateway; the server sees the NAT gateway's address 54.0.9.5; the replies go back from eni-nat1 to 10.0.1.10: rtb-pub (route table of subnet-pub) routes 10.0.1.10 by 10.0.0.0/8 via tgw-1: it enters tgw-1 through tgw-attach-e in subnet-et; ${egressTable} routes 10.0.1.10 by 10.0.0.0/16 (propagated) to tgw-attach-a; it enters vpc-a through subnet-at: rtb-a of subnet-at delivers it by the local route`,
    );
    expect(routesCited(verdict)).toEqual(routesOut('rtb-et', 'nat-1'));
    // Out: the client's subnet, the egress VPC's transit gateway subnet, the NAT gateway's subnet.
    expect(aclsCited(verdict, 'nacl-outbound')).toEqual(['acl-a1', 'acl-et', 'acl-pub']);
    expect(aclsCited(verdict, 'nacl-inbound')).toEqual(['acl-at', 'acl-pub']);
    // Back: into the NAT gateway's subnet, out of it to the client, and through the transit gateway's subnets.
    expect(aclsCited(verdict, 'nacl-reply')).toEqual(['acl-pub', 'acl-pub', 'acl-et', 'acl-at', 'acl-a1']);
  });

  it('keeps each zone to its own subnets and NAT gateway', async () => {
    const verdict = await out({}, 'eni-a2');
    expect(verdict.allowed).toBe(true);
    expect(routesCited(verdict)).toEqual(routesOut('rtb-et2', 'nat-2'));
    expect(layer(verdict, 'route').reason).toContain("the server sees the NAT gateway's address 54.0.9.6");
    expect(layer(verdict, 'route').reason).toContain('it enters tgw-1 through tgw-attach-e in subnet-et2');
  });

  it('shows the server the NAT gateway’s address: a workload of the snapshot sees a connection to its public address come from there', async () => {
    const builder = egressHub()
      .subnet('subnet-web', 'vpc-e', '10.9.3.0/24', undefined, 'eu-west-1a')
      .group('sg-web', 'vpc-e', { ingress: [tcp(443, 443, { cidrs: ['54.0.9.5/32'] })] })
      .eni('eni-web', 'subnet-web', { ips: ['10.9.3.10'], groups: ['sg-web'], publicIp: '54.0.9.80' })
      .acl('acl-web', 'vpc-e', { subnets: ['subnet-web'], entries: allowAll })
      .routeTable('rtb-web', 'vpc-e', { subnets: ['subnet-web'], routes: [route('0.0.0.0/0', 'igw-e')] });
    const engine = await builder.engine();
    const fromZoneA = engine.check({ source: 'eni-a', destination: '54.0.9.80', protocol: 'tcp', port: 443 });
    expect(fromZoneA.allowed).toBe(true);
    expect(layer(fromZoneA, 'sg-ingress').reason).toContain('coming back in to eni-web from 54.0.9.5');
    // Zone b leaves through nat-2, whose address the web server's group does not admit.
    const fromZoneB = engine.check({
      source: 'eni-a2',
      destination: '54.0.9.80',
      protocol: 'tcp',
      port: 443,
    });
    expect(fromZoneB.allowed).toBe(false);
    expect(layer(fromZoneB, 'sg-ingress').verdict).toBe('deny');
  });
});

describe('centralized egress at its edges', () => {
  it('is denied where the transit gateway drops the internet: no route, or a blackhole', async () => {
    const none = await out({ spokeTable: [] });
    expect(layer(none, 'route').verdict).toBe('deny');
    expect(layer(none, 'route').reason).toContain(`${spokeTable} has no route to 198.51.100.7`);
    const blackhole = await out({
      spokeTable: [toEgress, transitGatewayRoute('198.51.100.0/24', [], { type: 'static' })],
    });
    expect(layer(blackhole, 'route').verdict).toBe('deny');
    expect(layer(blackhole, 'route').reason).toContain('by 198.51.100.0/24 (static) to a blackhole');
  });

  it('is denied when the egress VPC’s subnet sends it to its internet gateway, which cannot translate another VPC’s address', async () => {
    const verdict = await out({ entryRoutes: [route('0.0.0.0/0', 'igw-e')] });
    expect(layer(verdict, 'route').verdict).toBe('deny');
    expect(layer(verdict, 'route').reason).toContain(
      "rtb-et (route table of subnet-et) routes it by 0.0.0.0/0 via igw-e, an internet gateway, which has no public address to translate another VPC's private address to, so it drops the traffic",
    );
  });

  it('is unknown when the egress VPC hands it to a firewall, whose forwarding is not in the export', async () => {
    const verdict = await out({ entryRoutes: [route('0.0.0.0/0', 'vpce-0fw')] });
    expect(verdict.allowed).toBe('unknown');
    expect(layer(verdict, 'route').reason).toContain('via vpce-0fw, whose forwarding is not in the export');
  });

  it('is denied through a gateway endpoint of the egress VPC, which serves only its own VPC', async () => {
    const engine = await egressHub({
      entryRoutes: [route('0.0.0.0/0', 'nat-1'), route('pl-s3', 'vpce-s3')],
    })
      .prefixList('pl-s3', 'com.amazonaws.eu-west-1.s3', ['52.218.0.0/17'])
      .engine();
    const verdict = engine.check({ source: 'eni-a', destination: '52.218.1.1', protocol: 'tcp', port: 443 });
    expect(layer(verdict, 'route').verdict).toBe('deny');
    expect(layer(verdict, 'route').reason).toContain('a gateway endpoint, which serves only its own VPC');
  });

  it('is denied through a private NAT gateway, and unknown when the NAT gateway is not exported', async () => {
    const privateNat = await out({ nats: { 'nat-1': {} } });
    expect(layer(privateNat, 'route').verdict).toBe('deny');
    expect(layer(privateNat, 'route').reason).toContain('a private NAT gateway');
    const missing = await out({ nats: { 'nat-1': null } });
    expect(layer(missing, 'route').verdict).toBe('unknown');
    expect(layer(missing, 'route').reason).toContain('Interface for NAT Gateway nat-1');
  });

  it('is denied when the NAT gateway’s subnet has no route back to the client, or sends it over a peering', async () => {
    const noWayBack = await out({ publicRoutes: [route('0.0.0.0/0', 'igw-e')] });
    expect(noWayBack.allowed).toBe(false);
    expect(layer(noWayBack, 'route').reason).toContain(
      'the replies go back from eni-nat1 to 10.0.1.10: rtb-pub (route table of subnet-pub) routes 10.0.1.10 by 0.0.0.0/0 via igw-e, which does not take the replies back to vpc-a, so they are lost',
    );
    const peering = await out({
      publicRoutes: [route('0.0.0.0/0', 'igw-e'), route('10.0.0.0/16', 'pcx-1')],
    });
    expect(layer(peering, 'route').verdict).toBe('deny');
    // The request still gets out: the server saw it, only the replies are lost.
    expect(layer(peering, 'route').reason).toContain("the server sees the NAT gateway's address 54.0.9.5");
  });

  it('is denied when the transit gateway does not route the replies to the client’s VPC', async () => {
    const verdict = await out({ egressTable: [] });
    expect(layer(verdict, 'route').verdict).toBe('deny');
    expect(layer(verdict, 'route').reason).toContain(`${egressTable} has no route to 10.0.1.10`);
  });

  it('is unknown when the subnets the egress VPC may be entered through send it to different NAT gateways', async () => {
    const verdict = await out({ applianceMode: true });
    expect(verdict.allowed).toBe('unknown');
    expect(layer(verdict, 'route').reason).toContain(
      'those subnets send it to different NAT gateways (nat-1 and nat-2), so which one the server sees is not known',
    );
    // With both sending it to one NAT gateway, the way is known again.
    const one = await out({ applianceMode: true, entry2Routes: [route('0.0.0.0/0', 'nat-1')] });
    expect(one.allowed).toBe(true);
  });

  it('enters the egress VPC in another zone when its attachment has no subnet in the client’s', async () => {
    const verdict = await out({ eSubnets: ['subnet-et2'] });
    expect(verdict.allowed).toBe(true);
    expect(routesCited(verdict)).toContain('rtb-et2 0.0.0.0/0 nat-2');
  });

  it('is unknown for IPv6, which it does not follow through another VPC', async () => {
    const engine = await egressHub({
      clientRoutes: [route('0.0.0.0/0', 'tgw-1'), route('::/0', 'tgw-1')],
    }).engine();
    const verdict = engine.check({ source: 'eni-a', destination: '2001:db8::1', protocol: 'tcp', port: 443 });
    expect(layer(verdict, 'route').verdict).toBe('unknown');
    expect(layer(verdict, 'route').reason).toContain(
      'a transit gateway: IPv6 connections out through another VPC are not followed',
    );
  });
});

describe('network ACLs of centralized egress', () => {
  const toServer = aclEntry(50, true, 'deny', 'tcp', '198.51.100.0/24', { ports: [443, 443] });
  const fromClient = aclEntry(50, false, 'deny', 'all', '10.0.0.0/16');
  const repliesIn = aclEntry(50, false, 'deny', 'tcp', '198.51.100.0/24', { ports: [1024, 65535] });
  const repliesOut = aclEntry(50, true, 'deny', 'tcp', '10.0.0.0/16', { ports: [1024, 65535] });

  it('denies the request where the egress VPC’s transit gateway subnet does not let it out to the server', async () => {
    const verdict = await out({ acls: { 'subnet-et': allowAllBut(toServer) } });
    expect(layers(verdict)).toContain('nacl-outbound:deny');
    expect(layer(verdict, 'nacl-outbound').reason).toContain(
      'subnet-et (transit gateway subnet of tgw-attach-e): acl-et: outbound rule 50',
    );
  });

  it('denies the request where the NAT gateway’s subnet does not let the client in', async () => {
    const verdict = await out({ acls: { 'subnet-pub': allowAllBut(fromClient) } });
    expect(layers(verdict)).toContain('nacl-inbound:deny');
    expect(layer(verdict, 'nacl-inbound').reason).toContain('subnet-pub: acl-pub: inbound rule 50');
  });

  it('denies the replies where the egress VPC’s transit gateway subnet does not let them in from the server', async () => {
    const verdict = await out({ acls: { 'subnet-et': allowAllBut(repliesIn) } });
    expect(layers(verdict)).toEqual([...everyLayerOutThroughNat.slice(0, 5), 'nacl-reply:deny']);
    expect(layer(verdict, 'nacl-reply').reason).toContain(
      'no client port in 1024-65535 passes every ACL on the way back',
    );
  });

  it('denies the replies where the spoke’s transit gateway subnet does not let them out to the client', async () => {
    const verdict = await out({ acls: { 'subnet-at': allowAllBut(repliesOut) } });
    expect(layer(verdict, 'nacl-reply').verdict).toBe('deny');
    // The request passes it inbound: its entries from the client are not the ones denied.
    expect(layer(verdict, 'nacl-inbound').verdict).toBe('allow');
  });

  it('does not check a NAT gateway’s subnet inbound when the transit gateway delivers to it in that subnet', async () => {
    const verdict = await out({
      natInEntrySubnet: true,
      entryRoutes: [route('0.0.0.0/0', 'nat-1')],
      acls: { 'subnet-et': allowAllBut(fromClient) },
    });
    // The NAT gateway's own subnet sends the internet to itself: it never reaches an internet gateway.
    expect(layer(verdict, 'route').verdict).toBe('deny');
    expect(layer(verdict, 'route').reason).toContain('not an active internet gateway');
    // Nor does the entry subnet's inbound deny count: from the transit gateway to its own subnet no ACL applies.
    expect(layer(verdict, 'nacl-inbound').verdict).toBe('allow');
    expect(aclsCited(verdict, 'nacl-inbound')).toEqual(['acl-at']);
  });
});
