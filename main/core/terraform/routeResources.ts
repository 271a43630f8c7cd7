import type { JsonCursor } from '../input/jsonCursor';
import { managedBlocks, type ResourceChange } from './planFile';
import { type Sides, sides } from './ruleResources';

/** A route of a VPC route table, as a plan declares it. */
export interface DeclaredVpcRoute {
  readonly routeTableId: string;
  readonly destination: string;
  /** The id it sends to; null when the plan does not know it (an interface Terraform computes). */
  readonly target: string | null;
}

/**
 * Target arguments of a route; the provider writes an empty string for those not set. The
 * interface comes last: a route to an instance names its interface too. `network_interface_id` is
 * also computed, so on a new route it is unknown even when another target is set: it is read, but
 * its being unknown does not stop the rest from being.
 */
const targets = [
  'gateway_id',
  'nat_gateway_id',
  'transit_gateway_id',
  'vpc_peering_connection_id',
  'vpc_endpoint_id',
  'egress_only_gateway_id',
  'carrier_gateway_id',
  'local_gateway_id',
  'core_network_arn',
] as const;

function declared(
  routeTableId: string,
  route: JsonCursor,
  destinationKeys: readonly string[],
): DeclaredVpcRoute {
  const first = (keys: readonly string[]) => keys.map((key) => route.optStr(key) ?? '').find((v) => v !== '');
  return {
    routeTableId,
    destination: first(destinationKeys) ?? route.oneOf(destinationKeys).field.fail('a destination'),
    target: first([...targets, 'network_interface_id']) ?? null,
  };
}

/**
 * aws_route (one route) and the inline `route` blocks of aws_route_table (every route of the table
 * but the local one), before and after; null for other resource types.
 */
export function declaredVpcRoutes(change: ResourceChange): Sides<DeclaredVpcRoute> | null {
  if (change.type === 'aws_route') {
    const destinations = [
      'destination_cidr_block',
      'destination_ipv6_cidr_block',
      'destination_prefix_list_id',
    ];
    return sides(change, ['route_table_id', ...destinations, ...targets], (route) => [
      declared(route.str('route_table_id'), route, destinations),
    ]);
  }
  if (change.type !== 'aws_route_table') return null;
  const blocks = managedBlocks(change, ['route']);
  return sides(change, ['id', 'route'], (table) =>
    (blocks.has('route') ? table.list('route') : []).map((route) =>
      declared(table.str('id'), route, ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id']),
    ),
  );
}

/** A subnet's (or a gateway's) association with a route table. */
export interface DeclaredRouteTableAssociation {
  readonly routeTableId: string;
  /** null for an edge association, which names a gateway instead. */
  readonly subnetId: string | null;
}

/** aws_route_table_association, before and after; null for other resource types. */
export function declaredRouteTableAssociations(
  change: ResourceChange,
): Sides<DeclaredRouteTableAssociation> | null {
  if (change.type !== 'aws_route_table_association') return null;
  return sides(change, ['route_table_id', 'subnet_id'], (association) => [
    { routeTableId: association.str('route_table_id'), subnetId: association.optStr('subnet_id') || null },
  ]);
}
