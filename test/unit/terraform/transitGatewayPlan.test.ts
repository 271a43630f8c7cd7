import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../main/core/impact/applyChange';
import { diffEstates } from '../../../main/core/impact/estateDiff';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { transitGatewayRoute } from '../analysis/exportBuilder';
import { hub, table, toA, toB } from '../analysis/transitGatewayHub';

const file = 'transit-gateway-plan.json';
const plan = readPlanFile(file, readFileSync(join(import.meta.dirname, '../../fixtures/terraform', file)));

describe('transit gateway resources in a plan', () => {
  it('become referencing, route, association and propagation edits; what the snapshot lacks, creations and deletions are listed', async () => {
    const estate = await hub({ byGroup: 'ingress', referencing: { gateway: 'disable' } }).estate();
    const change = planToChange(plan, estate, file);
    expect(change.title).toBe(`Terraform plan ${file}: 11 network resource change(s)`);
    // Removals first, additions last: the association replaced is dropped, then made to the new table.
    // The attachment's update changes only its tags: no edit.
    expect(change.edits).toEqual([
      {
        op: 'set-transit-gateway-association',
        attachmentId: 'tgw-attach-a',
        routeTableId: null,
        origin: 'aws_ec2_transit_gateway_route_table_association.a',
      },
      {
        op: 'set-transit-gateway-propagation',
        attachmentId: 'tgw-attach-b',
        routeTableId: table,
        enabled: false,
        origin: 'aws_ec2_transit_gateway_route_table_propagation.b',
      },
      {
        op: 'set-security-group-referencing',
        transitGatewayId: 'tgw-1',
        enabled: true,
        origin: 'aws_ec2_transit_gateway.hub',
      },
      {
        op: 'add-transit-gateway-route',
        routeTableId: table,
        destination: '10.1.1.0/24',
        blackhole: true,
        origin: 'aws_ec2_transit_gateway_route.quarantine',
      },
      {
        op: 'add-transit-gateway-route',
        routeTableId: table,
        destination: '10.1.2.0/24',
        attachmentId: 'tgw-attach-b',
        origin: 'aws_ec2_transit_gateway_route.to_b',
      },
      {
        op: 'set-transit-gateway-association',
        attachmentId: 'tgw-attach-a',
        routeTableId: 'tgw-rtb-0000000000e',
        origin: 'aws_ec2_transit_gateway_route_table_association.a',
      },
    ]);
    expect(change.notEvaluated).toEqual([
      {
        where: 'aws_ec2_transit_gateway_vpc_attachment.c',
        what: 'id is known only after apply (create of an object this plan creates); what it declares cannot be matched to the snapshot',
      },
      {
        where: 'aws_ec2_transit_gateway.old',
        what: 'destroys tgw-0old: how routing through it changes is not evaluated',
      },
      {
        where: 'aws_ec2_transit_gateway.elsewhere',
        what: "tgw-9 is not in the snapshot's describe-transit-gateways output",
      },
      {
        where: 'aws_ec2_transit_gateway_route.elsewhere',
        what: 'transit gateway route table tgw-rtb-0999 is not in the snapshot: import its search-transit-gateway-routes output',
      },
      {
        where: 'aws_ec2_transit_gateway_route.gone',
        what: `removes the static route 10.1.3.0/24 from ${table}, which the snapshot does not have (changed since?)`,
      },
    ]);
    const after = applyChange(estate, change);
    expect(diffEstates(estate, after).transitGateways.map((line) => line.text)).toEqual([
      `${table}: propagated route 10.1.0.0/16 → tgw-attach-b`,
      `${table}: static route 10.1.1.0/24 → blackhole`,
      `${table}: static route 10.1.2.0/24 → tgw-attach-b`,
      `tgw-attach-a: associated with ${table}, now tgw-rtb-0000000000e`,
      'tgw-1: security group referencing disabled → enabled',
    ]);
    // A plan re-creating a route the snapshot has (after it is applied) changes nothing for it.
    expect(planToChange(plan, after, file).edits.map((edit) => edit.op)).toEqual([]);
    // A static route of the snapshot to the network the plan routes elsewhere is replaced: removed, then added.
    const routed = await hub({
      referencing: { gateway: 'enable' },
      tgwRoutes: [
        toA,
        toB,
        transitGatewayRoute('10.1.1.0/24', [['tgw-attach-b', 'vpc-b']], { type: 'static' }),
      ],
    }).estate();
    expect(
      planToChange(plan, routed, file).edits.flatMap((edit) =>
        'destination' in edit ? [`${edit.op} ${edit.destination}`] : [],
      ),
    ).toEqual([
      'remove-transit-gateway-route 10.1.1.0/24',
      'add-transit-gateway-route 10.1.1.0/24',
      'add-transit-gateway-route 10.1.2.0/24',
    ]);
    // Where the snapshot already has the option the plan sets, no edit sets it.
    const enabled = await hub({ referencing: { gateway: 'enable' } }).estate();
    expect(planToChange(plan, enabled, file).edits.map((edit) => edit.op)).not.toContain(
      'set-security-group-referencing',
    );
  });
});
