import type { Route } from './estate';

const kindOfPrefix: ReadonlyMap<string, Route['targetKind']> = new Map([
  ['igw', 'internet-gateway'],
  ['eigw', 'egress-only-internet-gateway'],
  ['nat', 'nat-gateway'],
  ['vpce', 'gateway-endpoint'],
  ['pcx', 'vpc-peering'],
  ['tgw', 'transit-gateway'],
]);

/**
 * What a VPC route sends to, told by its target's id: describe-route-tables prints internet gateways,
 * gateway endpoints and virtual private gateways all as `GatewayId`, and a what-if names a target
 * by its id alone. Interfaces, instances and the rest are `other`.
 */
export function routeTargetKind(id: string): Route['targetKind'] {
  if (id === 'local') return 'local';
  return kindOfPrefix.get(id.slice(0, id.indexOf('-'))) ?? 'other';
}
