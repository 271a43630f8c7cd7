import type { Route } from '../domain/estate';
import { routeTargetKind } from '../domain/routeTargetKind';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import { perItem } from './draft';
import { readTags } from './tags';

const targetKeys = [
  'GatewayId',
  'NatGatewayId',
  'VpcPeeringConnectionId',
  'TransitGatewayId',
  'InstanceId',
  'NetworkInterfaceId',
  'EgressOnlyInternetGatewayId',
  'LocalGatewayId',
  'CarrierGatewayId',
  'CoreNetworkArn',
] as const;

const kindOfTargetKey: Partial<Record<(typeof targetKeys)[number], Route['targetKind']>> = {
  NatGatewayId: 'nat-gateway',
  EgressOnlyInternetGatewayId: 'egress-only-internet-gateway',
  VpcPeeringConnectionId: 'vpc-peering',
  TransitGatewayId: 'transit-gateway',
};

export const routeTablesExport = perItem('RouteTables', 'describe-route-tables', (table, into) => {
  const associations = table.list('Associations');
  const id = table.str('RouteTableId');
  into.routeTables.push({
    id,
    vpcId: into.references.add(id, 'vpc', table.at('VpcId')),
    isMain: associations.some((association) => association.optBool('Main') === true),
    subnetIds: associations.flatMap(
      (association) =>
        association.at('SubnetId').optional((subnet) => into.references.add(id, 'subnet', subnet)) ?? [],
    ),
    ...gatewayAssociations(associations),
    routes: table.list('Routes').map(readRoute),
    tags: readTags(table),
    source: table.source,
  });
});

/** Edge associations ("Gateway route tables"): the gateway's id is all the association names. */
function gatewayAssociations(associations: readonly JsonCursor[]): { gatewayIds?: string[] } {
  const gatewayIds = associations.flatMap((association) => association.optStr('GatewayId') ?? []);
  return gatewayIds.length === 0 ? {} : { gatewayIds };
}

function readRoute(route: JsonCursor): Route {
  const destination = route.oneOf([
    'DestinationCidrBlock',
    'DestinationIpv6CidrBlock',
    'DestinationPrefixListId',
  ]);
  // AWS keeps adding target types; an unknown one is 'other' rather than a failed import.
  const targetKey = targetKeys.find((key) => !route.at(key).isMissing);
  const targetId = targetKey === undefined ? '' : route.str(targetKey);
  return {
    destination: readDestination(destination),
    targetKind: targetKey === undefined ? 'other' : targetKind(targetKey, targetId),
    targetId,
    state: route.optStr('State') ?? 'active',
    ...(route.optStr('Origin') === 'EnableVgwRoutePropagation' ? { propagated: true as const } : {}),
  };
}

/**
 * A prefix list id, or a CIDR of the family its field names. Analysis tells the two apart by the
 * `pl-` prefix, so a prefix list field must hold one.
 */
function readDestination({ key, field }: { key: string; field: JsonCursor }): string {
  if (key !== 'DestinationPrefixListId') return readCidr(field, key === 'DestinationCidrBlock' ? 4 : 6);
  const id = field.string();
  return /^pl-[0-9a-z]+$/.test(id) ? id : field.fail('a prefix list id such as pl-6da54004');
}

/** `GatewayId` holds several kinds of gateway (and `local`): its id's prefix tells which. */
function targetKind(key: (typeof targetKeys)[number], id: string): Route['targetKind'] {
  return key === 'GatewayId' ? routeTargetKind(id) : (kindOfTargetKey[key] ?? 'other');
}
