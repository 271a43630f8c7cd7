import fc from 'fast-check';
import { type AwsExportBuilder, transitGatewayRoute } from './exportBuilder';

/**
 * A transit gateway, tgw-1, between vpc-0 and vpc-1 of the property tests' random estates, in random
 * states of repair and of export: each VPC's attachment in some of its two subnets (in zones a and b),
 * associated with the one route table, with none, or without describe-transit-gateway-attachments;
 * the table's routes to either attachment or to a blackhole, searched whole or cut short; security
 * group referencing enabled, disabled or unsaid on the transit gateway and each attachment.
 */
export const transitGatewaySpec = fc.record({
  attachments: fc.array(
    fc.option(
      fc.record({
        subnets: fc.subarray([0, 1], { minLength: 1 }),
        state: fc.constantFrom('available', 'available', 'available', 'available', 'modifying', 'deleted'),
        association: fc.constantFrom('table', 'table', 'table', 'table', 'table', 'none', 'unexported'),
        applianceMode: fc.boolean(),
        subnetsExported: fc.constantFrom(true, true, true, true, true, false),
        referencing: fc.constantFrom('enable', 'enable', 'enable', 'disable', null),
      }),
      { freq: 4 },
    ),
    { minLength: 2, maxLength: 2 },
  ),
  /** tgw-1's SecurityGroupReferencingSupport (null: not printed), or no describe-transit-gateways. */
  referencing: fc.constantFrom('enable', 'enable', 'disable', null, 'unexported' as const),
  /** Each VPC's range propagated to its attachment, as attachments do by default, before the routes below. */
  propagated: fc.constantFrom(true, true, true, false),
  routes: fc.array(
    fc.record({
      destination: fc.constantFrom(
        '10.0.0.0/16',
        '10.1.0.0/16',
        '10.1.0.0/16',
        '10.0.1.0/24',
        '10.1.1.0/24',
        '10.1.0.8/29',
        '10.1.0.12/30',
        '0.0.0.0/0',
      ),
      target: fc.constantFrom(0, 1, 1, 'blackhole' as const),
      type: fc.constantFrom('static', 'propagated'),
    }),
    { maxLength: 3 },
  ),
  /** Whether each VPC's route tables send the other VPC's range to tgw-1, before their random routes. */
  routed: fc.constantFrom(true, true, true, false),
  tableExported: fc.constantFrom(true, true, true, false),
  complete: fc.constantFrom(true, true, true, false),
});

export type TransitGatewaySpec = typeof transitGatewaySpec extends fc.Arbitrary<infer T> ? T : never;

/** Subnet `subnet-{vpc}{n}` is in zone a for n = 0 and b for n = 1. */
export const zoneOfSubnet = (subnet: number) => (subnet === 0 ? 'eu-west-1a' : 'eu-west-1b');

const table = 'tgw-rtb-00000000001';

export function addTransitGateway(builder: AwsExportBuilder, spec: TransitGatewaySpec, vpcs: number): void {
  spec.attachments.forEach((attachment, vpc) => {
    if (attachment === null || vpc >= vpcs) return;
    builder.transitGatewayVpcAttachment(`tgw-attach-${vpc}`, 'tgw-1', `vpc-${vpc}`, {
      ...(attachment.subnetsExported
        ? { subnets: attachment.subnets.map((subnet) => `subnet-${vpc}${subnet}`) }
        : {}),
      ...(attachment.association === 'unexported'
        ? {}
        : { routeTableId: attachment.association === 'table' ? table : null }),
      state: attachment.state,
      applianceMode: attachment.applianceMode,
      referencing: attachment.referencing,
    });
  });
  if (spec.referencing !== 'unexported') builder.transitGateway('tgw-1', spec.referencing);
  if (!spec.tableExported) return;
  // A table holds one static and one propagated route per destination at most.
  const seen = new Set<string>();
  const propagated = spec.propagated
    ? [0, 1].map((vpc) => ({ destination: `10.${vpc}.0.0/16`, target: vpc, type: 'propagated' }))
    : [];
  const routes = [...spec.routes, ...propagated].filter(
    ({ destination, type }) => !seen.has(`${destination} ${type}`) && seen.add(`${destination} ${type}`),
  );
  builder.transitGatewayRoutes(
    table,
    routes.map(({ destination, target, type }) =>
      target === 'blackhole'
        ? transitGatewayRoute(destination, [], { type: 'static' })
        : transitGatewayRoute(destination, [[`tgw-attach-${target}`, `vpc-${target}`]], { type }),
    ),
    { complete: spec.complete },
  );
}
