import type { TransitGatewayRoute } from '../domain/estate';
import { readCidr } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import type { AwsExport } from './draft';
import { idInFileName } from './idInFileName';

const command = 'search-transit-gateway-routes';
const unnamed = {
  prefix: 'tgw-rtb',
  command,
  whose: 'transit gateway route table',
  noun: 'table',
  what: 'routes',
};

/**
 * `aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id tgw-rtb-… --filters …` prints
 * `{"Routes": […], "AdditionalRoutesAvailable": …}` and nowhere says which table they belong to: the
 * file's name has to, as for prefix list entries.
 */
export const transitGatewayRoutesExport: AwsExport = {
  listKey: 'Routes',
  command,
  read(list, into) {
    const id = idInFileName(list, unnamed);
    const routes: TransitGatewayRoute[] = [];
    for (const route of list.eachItem()) routes.push(readRoute(route));
    into.transitGatewayRouteTables.push({ id, routes, complete: true, source: list.source });
    return routes.length;
  },
};

/**
 * The search prints at most `--max-results` routes (1,000 by default) and says whether it stopped
 * early: the table is then incomplete, whatever the routes read.
 */
export const transitGatewayRoutesCutExport: AwsExport = {
  listKey: 'AdditionalRoutesAvailable',
  command,
  read(flag, into) {
    if (flag.boolean()) into.incompleteTransitGatewayRouteTables.add(idInFileName(flag, unnamed));
    return 0;
  },
};

function readRoute(route: JsonCursor): TransitGatewayRoute {
  // Other outputs print a Routes list too (local gateways, Client VPN): say so rather than misread them.
  for (const key of ['LocalGatewayRouteTableId', 'ClientVpnEndpointId']) {
    if (!route.at(key).isMissing) route.at(key).fail(`a transit gateway route (${command}), not ${key}`);
  }
  const prefixList = route.optStr('PrefixListId');
  const cidr = route.at('DestinationCidrBlock');
  const destination =
    !cidr.isMissing || prefixList === null
      ? readCidr(cidr)
      : /^pl-[0-9a-z]+$/.test(prefixList)
        ? prefixList
        : route.at('PrefixListId').fail('a prefix list id such as pl-6da54004');
  return {
    destination,
    type: route.str('Type'),
    state: route.str('State'),
    targets: route.list('TransitGatewayAttachments').map((target) => ({
      attachmentId: target.str('TransitGatewayAttachmentId'),
      resourceType: target.str('ResourceType'),
      resourceId: target.str('ResourceId'),
    })),
    source: route.source,
  };
}
