import { type FlowVerdict, ReachabilityEngine } from '../../../main/core/analysis/reachability';
import type { Estate } from '../../../main/core/domain/estate';
import { AwsExportBuilder, allTraffic, anywhere, route, transitGatewayRoute } from './exportBuilder';
import { allowAll } from './scenario';

type Json = Record<string, unknown>;

export interface EgressHub {
  /** Routes of rtb-a, vpc-a's main table; default: everything to tgw-1. */
  readonly clientRoutes?: Json[];
  readonly clientEgress?: Json[];
  /** States of the two attachments, and their subnets. */
  readonly aState?: string;
  readonly eState?: string;
  readonly aSubnets?: string[];
  readonly eSubnets?: string[];
  readonly applianceMode?: boolean;
  /** Routes of tgw-rtb-spokes (vpc-a's attachment) and tgw-rtb-egress (vpc-e's). */
  readonly spokeTable?: Json[];
  readonly egressTable?: Json[];
  /** Routes of the transit gateway subnets of vpc-e, in zones a and b, after their local route. */
  readonly entryRoutes?: Json[];
  readonly entry2Routes?: Json[];
  /** Routes of rtb-pub, which routes the NAT gateways' subnets. */
  readonly publicRoutes?: Json[];
  /** Each NAT gateway's interface: its public address, or none (a private NAT gateway); null: not exported. */
  readonly nats?: Partial<Record<'nat-1' | 'nat-2', { readonly publicIp?: string } | null>>;
  /** Put nat-1 in vpc-e's transit gateway subnet of zone a instead of subnet-pub. */
  readonly natInEntrySubnet?: boolean;
  /** Entries of a subnet's ACL; default: allow everything. */
  readonly acls?: Partial<Record<string, Json[]>>;
  /**
   * vpc-x beside the hub, on no transit gateway: eni-x 10.7.1.10 goes out through nat-7 (10.7.2.5, its
   * public address unless false) of its own, so nothing of the hub can touch it. Absent by default.
   */
  readonly bystander?: { readonly natPublic: boolean };
  /** tgw-1's default association and propagation tables: an id or `disable`; absent, none named. */
  readonly defaultTables?: { readonly association?: string; readonly propagation?: string };
}

export const spokeTable = 'tgw-rtb-0000000000000a';
export const egressTable = 'tgw-rtb-0000000000000e';
export const toEgress = transitGatewayRoute('0.0.0.0/0', [['tgw-attach-e', 'vpc-e']], { type: 'static' });
export const toSpoke = transitGatewayRoute('10.0.0.0/16', [['tgw-attach-a', 'vpc-a']]);

/**
 * Centralized egress, as AWS's multi-VPC whitepaper draws it. The spoke vpc-a 10.0.0.0/16 has no
 * gateway of its own: eni-a 10.0.1.10 (and 2600:1f18:0:1::10) in subnet-a1 (zone a), eni-a2 10.0.2.10 in subnet-a2 (zone b),
 * everything routed to tgw-1, attached in subnet-at (zone a) and subnet-at2 (zone b). The egress VPC
 * vpc-e 10.9.0.0/16 is attached in subnet-et (zone a) and subnet-et2 (zone b), which route the
 * internet to nat-1 (10.9.1.5, 54.0.9.5, subnet-pub, zone a) and nat-2 (10.9.2.5, 54.0.9.6, subnet-pub2,
 * zone b); rtb-pub routes the internet to igw-e and 10.0.0.0/8 back to tgw-1. vpc-a's attachment is
 * associated with tgw-rtb-0000000000000a (0.0.0.0/0 to vpc-e), vpc-e's with tgw-rtb-0000000000000e (vpc-a's range,
 * propagated). Groups and ACLs let everything through.
 */
export function egressHub(options: EgressHub = {}): AwsExportBuilder {
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .vpc('vpc-e', '10.9.0.0/16')
    .subnet('subnet-a1', 'vpc-a', '10.0.1.0/24', '2600:1f18:0:1::/64', 'eu-west-1a')
    .subnet('subnet-a2', 'vpc-a', '10.0.2.0/24', undefined, 'eu-west-1b')
    .subnet('subnet-at', 'vpc-a', '10.0.9.0/28', undefined, 'eu-west-1a')
    .subnet('subnet-at2', 'vpc-a', '10.0.9.16/28', undefined, 'eu-west-1b')
    .subnet('subnet-et', 'vpc-e', '10.9.9.0/28', undefined, 'eu-west-1a')
    .subnet('subnet-et2', 'vpc-e', '10.9.9.16/28', undefined, 'eu-west-1b')
    .subnet('subnet-pub', 'vpc-e', '10.9.1.0/24', undefined, 'eu-west-1a')
    .subnet('subnet-pub2', 'vpc-e', '10.9.2.0/24', undefined, 'eu-west-1b')
    .group('sg-a', 'vpc-a', { egress: options.clientEgress ?? [allTraffic(anywhere)] })
    .eni('eni-a', 'subnet-a1', { ips: ['10.0.1.10'], ipv6: ['2600:1f18:0:1::10'], groups: ['sg-a'] })
    .eni('eni-a2', 'subnet-a2', { ips: ['10.0.2.10'], groups: ['sg-a'] })
    .routeTable('rtb-a', 'vpc-a', {
      main: true,
      routes: options.clientRoutes ?? [route('0.0.0.0/0', 'tgw-1')],
    })
    .routeTable('rtb-et', 'vpc-e', {
      subnets: ['subnet-et'],
      routes: options.entryRoutes ?? [route('0.0.0.0/0', 'nat-1')],
    })
    .routeTable('rtb-et2', 'vpc-e', {
      subnets: ['subnet-et2'],
      routes: options.entry2Routes ?? [route('0.0.0.0/0', 'nat-2')],
    })
    .routeTable('rtb-pub', 'vpc-e', {
      main: true,
      subnets: ['subnet-pub', 'subnet-pub2'],
      routes: options.publicRoutes ?? [route('0.0.0.0/0', 'igw-e'), route('10.0.0.0/8', 'tgw-1')],
    })
    .transitGateway('tgw-1', 'disable', 'available', {}, options.defaultTables)
    .transitGatewayVpcAttachment('tgw-attach-a', 'tgw-1', 'vpc-a', {
      subnets: options.aSubnets ?? ['subnet-at', 'subnet-at2'],
      routeTableId: spokeTable,
      state: options.aState ?? 'available',
    })
    .transitGatewayVpcAttachment('tgw-attach-e', 'tgw-1', 'vpc-e', {
      subnets: options.eSubnets ?? ['subnet-et', 'subnet-et2'],
      routeTableId: egressTable,
      state: options.eState ?? 'available',
      applianceMode: options.applianceMode ?? false,
    })
    .transitGatewayRoutes(spokeTable, options.spokeTable ?? [toEgress])
    .transitGatewayRoutes(egressTable, options.egressTable ?? [toSpoke]);
  const nat1Subnet = options.natInEntrySubnet ? ['subnet-et', '10.9.9.5'] : ['subnet-pub', '10.9.1.5'];
  const nats = [
    ['nat-1', 'eni-nat1', ...nat1Subnet, '54.0.9.5'],
    ['nat-2', 'eni-nat2', 'subnet-pub2', '10.9.2.5', '54.0.9.6'],
  ] as const;
  for (const [natId, eniId, subnetId, ip, publicIp] of nats) {
    const nat = options.nats?.[natId] === undefined ? { publicIp } : options.nats[natId];
    if (nat !== null) builder.natGateway(natId, eniId, subnetId, { ip, ...nat });
  }
  if (options.bystander) {
    builder
      .vpc('vpc-x', '10.7.0.0/16')
      .subnet('subnet-x', 'vpc-x', '10.7.1.0/24')
      .subnet('subnet-xpub', 'vpc-x', '10.7.2.0/24')
      .group('sg-x', 'vpc-x', { egress: [allTraffic(anywhere)] })
      .eni('eni-x', 'subnet-x', { ips: ['10.7.1.10'], groups: ['sg-x'] })
      .natGateway('nat-7', 'eni-natx', 'subnet-xpub', {
        ip: '10.7.2.5',
        ...(options.bystander.natPublic ? { publicIp: '54.0.7.5' } : {}),
      })
      .routeTable('rtb-x', 'vpc-x', { subnets: ['subnet-x'], routes: [route('0.0.0.0/0', 'nat-7')] })
      .routeTable('rtb-xpub', 'vpc-x', { subnets: ['subnet-xpub'], routes: [route('0.0.0.0/0', 'igw-7')] })
      .acl('acl-x', 'vpc-x', { subnets: ['subnet-x', 'subnet-xpub'], entries: allowAll });
  }
  const subnets: [string, string][] = [
    ['subnet-a1', 'vpc-a'],
    ['subnet-a2', 'vpc-a'],
    ['subnet-at', 'vpc-a'],
    ['subnet-at2', 'vpc-a'],
    ['subnet-et', 'vpc-e'],
    ['subnet-et2', 'vpc-e'],
    ['subnet-pub', 'vpc-e'],
    ['subnet-pub2', 'vpc-e'],
  ];
  for (const [subnetId, vpcId] of subnets) {
    builder.acl(`acl-${subnetId.slice('subnet-'.length)}`, vpcId, {
      subnets: [subnetId],
      entries: options.acls?.[subnetId] ?? allowAll,
    });
  }
  return builder;
}

/** The bystander eni-x's connection out to the internet, tcp/443. */
export function bystanderOut(estate: Estate): FlowVerdict {
  return new ReachabilityEngine(estate).check({
    source: 'eni-x',
    destination: '198.51.100.7',
    protocol: 'tcp',
    port: 443,
  });
}
