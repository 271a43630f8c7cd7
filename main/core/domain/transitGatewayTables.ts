import type { TransitGatewayAttachment, TransitGatewayRouteTable } from './estate';

/**
 * The transit gateways a route table belongs to, as far as the export tells: search-transit-gateway-routes
 * does not say whose a table is, but the attachments associated with it or routed to by it do.
 * Empty when none does.
 */
export function transitGatewaysOfTable(
  table: Pick<TransitGatewayRouteTable, 'id' | 'routes'>,
  attachments: readonly TransitGatewayAttachment[],
): string[] {
  const routedTo = new Set(
    table.routes.flatMap((route) => route.targets.map((target) => target.attachmentId)),
  );
  return [
    ...new Set(
      attachments
        .filter((one) => one.routeTableId === table.id || routedTo.has(one.id))
        .map((one) => one.transitGatewayId),
    ),
  ].sort();
}
