import type { FlowVerdict, LayerVerdict } from '../../../main/core/analysis/reachability';
import { type IpAddress, parseIp } from '../../../main/core/domain/ip';
import { AwsExportBuilder, aclEntry, allTraffic, anywhere } from './exportBuilder';

type Json = Record<string, unknown>;

export const allowAll = [
  aclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
  aclEntry(100, false, 'allow', 'all', '0.0.0.0/0'),
];

export interface TwoEnis {
  readonly clientEgress?: Json[];
  readonly serverIngress?: Json[];
  /** Entries of the client subnet's ACL (32767 denies are added); default: allow everything. */
  readonly clientAcl?: Json[];
  readonly serverAcl?: Json[];
  /** Put the server in the client's subnet. */
  readonly sameSubnet?: boolean;
}

/**
 * vpc-a 10.0.0.0/16: client eni-c 10.0.1.10 (sg-client, instance i-c) in subnet-c 10.0.1.0/24 (acl-c),
 * server eni-s 10.0.2.20 (sg-server) in subnet-s 10.0.2.0/24 (acl-s). By default everything is open;
 * a test closes the one thing it is about.
 */
export function twoEnis(options: TwoEnis = {}): AwsExportBuilder {
  const serverSubnet = options.sameSubnet ? 'subnet-c' : 'subnet-s';
  return new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-c', 'vpc-a', '10.0.1.0/24', '2600:1f18:0:1::/64')
    .subnet('subnet-s', 'vpc-a', '10.0.2.0/24', '2600:1f18:0:2::/64')
    .group('sg-client', 'vpc-a', { name: 'client', egress: options.clientEgress ?? [allTraffic(anywhere)] })
    .group('sg-server', 'vpc-a', { name: 'server', ingress: options.serverIngress ?? [allTraffic(anywhere)] })
    .eni('eni-c', 'subnet-c', {
      ips: ['10.0.1.10'],
      ipv6: ['2600:1f18:0:1::10'],
      groups: ['sg-client'],
      instance: ['i-c', 0],
    })
    .eni('eni-s', serverSubnet, {
      ips: ['10.0.2.20', '10.0.2.21'].map((ip) => (options.sameSubnet ? ip.replace('0.2.', '0.1.') : ip)),
      ipv6: [options.sameSubnet ? '2600:1f18:0:1::20' : '2600:1f18:0:2::20'],
      groups: ['sg-server'],
    })
    .acl('acl-c', 'vpc-a', { subnets: ['subnet-c'], entries: options.clientAcl ?? allowAll })
    .acl('acl-s', 'vpc-a', { subnets: ['subnet-s'], entries: options.serverAcl ?? allowAll });
}

export async function check(
  builder: AwsExportBuilder,
  protocol: string,
  port: number | string | null,
  source = 'eni-c',
  destination = 'eni-s',
): Promise<FlowVerdict> {
  return (await builder.engine()).check({ source, destination, protocol, port });
}

export function layer(verdict: FlowVerdict, name: LayerVerdict['layer']): LayerVerdict {
  const found = verdict.explanation.find((one) => one.layer === name);
  if (found === undefined) throw new Error(`no ${name} layer`);
  return found;
}

/** Layer verdicts in order, the quickest way to assert a whole explanation. */
export const layers = (verdict: FlowVerdict) =>
  verdict.explanation.map((one) => `${one.layer}:${one.verdict}`);

/** `layers` of a flow every one of the six layers allows. */
export const everyLayerAllows = [
  'route',
  'sg-egress',
  'nacl-outbound',
  'nacl-inbound',
  'sg-ingress',
  'nacl-reply',
].map((name) => `${name}:allow`);

/** `layers` of a flow out through a NAT gateway that every layer allows: the server has no group of ours. */
export const everyLayerOutThroughNat = [
  'route:allow',
  'sg-egress:allow',
  'nacl-outbound:allow',
  'nacl-inbound:allow',
  'sg-ingress:not-applicable',
  'nacl-reply:allow',
];

export function address(text: string): IpAddress {
  const parsed = parseIp(text);
  if (parsed === null) throw new Error(`not an address: ${text}`);
  return parsed;
}
