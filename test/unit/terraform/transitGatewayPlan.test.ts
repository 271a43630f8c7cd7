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
  it('become referencing and static route edits; what the snapshot lacks, creations and deletions are listed', async () => {
    const estate = await hub({ byGroup: 'ingress', referencing: { gateway: 'disable' } }).estate();
    const change = planToChange(plan, estate, file);
    expect(change.title).toBe(`Terraform plan ${file}: 9 network resource change(s)`);
    // The attachment's update changes only its tags: no edit.
    expect(change.edits).toEqual([
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
    expect(diffEstates(estate, after).transitGateways).toEqual([
      {
        id: `${table} 10.1.1.0/24`,
        gatewayIds: ['tgw-1'],
        change: 'added',
        text: `${table}: static route 10.1.1.0/24 → blackhole`,
      },
      {
        id: `${table} 10.1.2.0/24`,
        gatewayIds: ['tgw-1'],
        change: 'added',
        text: `${table}: static route 10.1.2.0/24 → tgw-attach-b`,
      },
      {
        id: 'tgw-1',
        gatewayIds: ['tgw-1'],
        change: 'changed',
        text: 'tgw-1: security group referencing disabled → enabled',
      },
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
      planToChange(plan, routed, file).edits.map(
        (edit) => `${edit.op} ${'destination' in edit ? edit.destination : ''}`,
      ),
    ).toEqual([
      'remove-transit-gateway-route 10.1.1.0/24',
      'add-transit-gateway-route 10.1.1.0/24',
      'add-transit-gateway-route 10.1.2.0/24',
    ]);
    // Where the snapshot already has the option the plan sets, only the routes are left.
    const enabled = await hub({ referencing: { gateway: 'enable' } }).estate();
    expect(planToChange(plan, enabled, file).edits.map((edit) => edit.op)).toEqual([
      'add-transit-gateway-route',
      'add-transit-gateway-route',
    ]);
  });
});
