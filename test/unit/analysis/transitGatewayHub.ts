import { AwsExportBuilder, allTraffic, anywhere, route, transitGatewayRoute } from './exportBuilder';
import { allowAll } from './scenario';

type Json = Record<string, unknown>;

export interface Hub {
  /** The routes of tgw-rtb-00000000001, which both attachments are associated with. */
  readonly tgwRoutes?: Json[];
  /** Leave the search out of the export, or cut it short. */
  readonly table?: 'exported' | 'unexported' | 'incomplete';
  /** vpc-b's attachment subnets; default its transit gateway subnet in zone a. */
  readonly bSubnets?: string[];
  readonly applianceMode?: boolean;
  /** vpc-a's attachment: its state, its association (null: none; undefined: not in the export). */
  readonly aState?: string;
  readonly aRouteTable?: string | null;
  /** Entries of the transit gateway subnets' ACLs, and of subnet-b1's; default: allow everything. */
  readonly aGatewayAcl?: Json[];
  readonly bGatewayAcl?: Json[];
  readonly bAcl?: Json[];
  /** Routes of the route table of vpc-b's transit gateway subnet, after its local route. */
  readonly bGatewayRoutes?: Json[];
  /** Which rule names the other VPC's group instead of 0.0.0.0/0: sg-a's egress, or sg-b's ingress. */
  readonly byGroup?: 'egress' | 'ingress';
  /**
   * SecurityGroupReferencingSupport of tgw-1 (default `enable`; `unexported`: no describe-transit-gateways)
   * and of each attachment (default `enable`); null leaves it unprinted.
   */
  /** tgw-1's tags. */
  readonly gatewayTags?: Record<string, string>;
  readonly referencing?: {
    readonly gateway?: Referencing | 'unexported';
    readonly a?: Referencing;
    readonly b?: Referencing;
  };
}

export type Referencing = 'enable' | 'disable' | null;

export const table = 'tgw-rtb-00000000001';
export const toA = transitGatewayRoute('10.0.0.0/16', [['tgw-attach-a', 'vpc-a']]);
export const toB = transitGatewayRoute('10.1.0.0/16', [['tgw-attach-b', 'vpc-b']]);

/**
 * Two VPCs joined by tgw-1, no peering. vpc-a 10.0.0.0/16: eni-a 10.0.1.10 in subnet-a1 (zone a),
 * eni-a2 10.0.2.10 in subnet-a2 (zone b), the transit gateway's subnet subnet-at 10.0.9.0/28 (zone a).
 * vpc-b 10.1.0.0/16: eni-b 10.1.1.20 in subnet-b1 (zone a), eni-bt 10.1.9.5 in its transit gateway
 * subnet subnet-bt 10.1.9.0/28 (zone a), subnet-b2 10.1.2.0/24 (zone b). Both VPCs route the other's
 * range to tgw-1; the attachments are associated with one table that routes each range to its VPC.
 * Groups and other ACLs let everything through.
 */
export function hub(options: Hub = {}): AwsExportBuilder {
  const acl = (id: string, vpc: string, subnets: string[], entries: Json[] = allowAll) =>
    [id, vpc, { subnets, entries }] as const;
  const builder = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .vpc('vpc-b', '10.1.0.0/16')
    .subnet('subnet-a1', 'vpc-a', '10.0.1.0/24', undefined, 'eu-west-1a')
    .subnet('subnet-a2', 'vpc-a', '10.0.2.0/24', undefined, 'eu-west-1b')
    .subnet('subnet-at', 'vpc-a', '10.0.9.0/28', undefined, 'eu-west-1a')
    .subnet('subnet-b1', 'vpc-b', '10.1.1.0/24', undefined, 'eu-west-1a')
    .subnet('subnet-b2', 'vpc-b', '10.1.2.0/24', undefined, 'eu-west-1b')
    .subnet('subnet-bt', 'vpc-b', '10.1.9.0/28', undefined, 'eu-west-1a')
    .group('sg-a', 'vpc-a', {
      ingress: [allTraffic(anywhere)],
      egress: [allTraffic(options.byGroup === 'egress' ? { groups: ['sg-b'] } : anywhere)],
    })
    .group('sg-b', 'vpc-b', {
      ingress: [allTraffic(options.byGroup === 'ingress' ? { groups: ['sg-a'] } : anywhere)],
      egress: [allTraffic(anywhere)],
    })
    .eni('eni-a', 'subnet-a1', { ips: ['10.0.1.10'], groups: ['sg-a'] })
    .eni('eni-a2', 'subnet-a2', { ips: ['10.0.2.10'], groups: ['sg-a'] })
    .eni('eni-b', 'subnet-b1', { ips: ['10.1.1.20'], groups: ['sg-b'] })
    .eni('eni-bt', 'subnet-bt', { ips: ['10.1.9.5'], groups: ['sg-b'] })
    .routeTable('rtb-a', 'vpc-a', { main: true, routes: [route('10.1.0.0/16', 'tgw-1')] })
    .routeTable('rtb-b', 'vpc-b', { main: true, routes: [route('10.0.0.0/16', 'tgw-1')] })
    .routeTable('rtb-bt', 'vpc-b', {
      subnets: ['subnet-bt'],
      routes: options.bGatewayRoutes ?? [route('10.0.0.0/16', 'tgw-1')],
    })
    .transitGatewayVpcAttachment('tgw-attach-a', 'tgw-1', 'vpc-a', {
      subnets: ['subnet-at'],
      ...(options.aRouteTable === undefined && 'aRouteTable' in options
        ? {}
        : { routeTableId: options.aRouteTable === undefined ? table : options.aRouteTable }),
      state: options.aState ?? 'available',
      referencing: options.referencing?.a === undefined ? 'enable' : options.referencing.a,
    })
    .transitGatewayVpcAttachment('tgw-attach-b', 'tgw-1', 'vpc-b', {
      subnets: options.bSubnets ?? ['subnet-bt'],
      routeTableId: table,
      applianceMode: options.applianceMode ?? false,
      referencing: options.referencing?.b === undefined ? 'enable' : options.referencing.b,
    });
  const gateway = options.referencing?.gateway;
  if (gateway !== 'unexported')
    builder.transitGateway(
      'tgw-1',
      gateway === undefined ? 'enable' : gateway,
      'available',
      options.gatewayTags,
    );
  for (const [id, vpc, spec] of [
    acl('acl-a', 'vpc-a', ['subnet-a1', 'subnet-a2']),
    acl('acl-at', 'vpc-a', ['subnet-at'], options.aGatewayAcl),
    acl('acl-b', 'vpc-b', ['subnet-b1', 'subnet-b2'], options.bAcl),
    acl('acl-bt', 'vpc-b', ['subnet-bt'], options.bGatewayAcl),
  ])
    builder.acl(id, vpc, spec);
  if (options.table !== 'unexported') {
    builder.transitGatewayRoutes(table, options.tgwRoutes ?? [toA, toB], {
      complete: options.table !== 'incomplete',
    });
  }
  return builder;
}
