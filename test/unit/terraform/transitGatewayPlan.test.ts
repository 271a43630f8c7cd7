import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../main/core/impact/applyChange';
import { diffEstates } from '../../../main/core/impact/estateDiff';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { bystanderOut, egressHub, egressTable, spokeTable } from '../analysis/egressHub';
import { transitGatewayRoute } from '../analysis/exportBuilder';
import { layer } from '../analysis/scenario';
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
        what: 'no VPC vpc-c in this snapshot',
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

  it('attach a VPC as AWS does, with the transit gateway’s default tables, and what names the new attachment is not evaluated', async () => {
    const estate = await egressHub({
      bystander: { natPublic: true },
      defaultTables: { association: spokeTable, propagation: egressTable },
    }).estate();
    const change = (attachment: Record<string, unknown>, afterUnknown: Record<string, unknown> = {}) => ({
      address: 'module.spoke.aws_ec2_transit_gateway_vpc_attachment.this',
      mode: 'managed',
      type: 'aws_ec2_transit_gateway_vpc_attachment',
      name: 'this',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: ['create'],
        before: null,
        after: {
          appliance_mode_support: 'disable',
          dns_support: 'enable',
          subnet_ids: ['subnet-x'],
          tags: null,
          transit_gateway_default_route_table_association: true,
          transit_gateway_default_route_table_propagation: true,
          transit_gateway_id: 'tgw-1',
          vpc_id: 'vpc-x',
          ...attachment,
        },
        after_unknown: { id: true, tags_all: true, vpc_owner_id: true, ...afterUnknown },
        before_sensitive: false,
        after_sensitive: {},
      },
    });
    const toHub = {
      address: 'module.spoke.aws_route.default',
      mode: 'managed',
      type: 'aws_route',
      name: 'default',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: ['update'],
        before: { route_table_id: 'rtb-x', destination_cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-7' },
        after: {
          route_table_id: 'rtb-x',
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: '',
          transit_gateway_id: 'tgw-1',
        },
        after_unknown: {},
        before_sensitive: false,
        after_sensitive: {},
      },
    };
    const association = {
      address: 'module.spoke.aws_ec2_transit_gateway_route_table_association.this',
      mode: 'managed',
      type: 'aws_ec2_transit_gateway_route_table_association',
      name: 'this',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: ['create'],
        before: null,
        after: { transit_gateway_route_table_id: spokeTable, replace_existing_association: false },
        after_unknown: { id: true, transit_gateway_attachment_id: true },
        before_sensitive: false,
        after_sensitive: {},
      },
    };
    const planOf = (...resourceChanges: unknown[]) =>
      readPlanFile(
        'spoke.json',
        new TextEncoder().encode(
          JSON.stringify({
            format_version: '1.2',
            terraform_version: '1.9.8',
            resource_changes: resourceChanges,
          }),
        ),
      );
    const out = bystanderOut;

    const attached = planToChange(planOf(change({}), toHub, association), estate, 'spoke.json');
    expect(attached.edits).toContainEqual({
      op: 'add-transit-gateway-vpc-attachment',
      attachmentId: 'tgw-attach (module.spoke.aws_ec2_transit_gateway_vpc_attachment.this, planned)',
      transitGatewayId: 'tgw-1',
      vpcId: 'vpc-x',
      subnetIds: ['subnet-x'],
      applianceMode: false,
      defaultAssociation: true,
      defaultPropagation: true,
      origin: 'module.spoke.aws_ec2_transit_gateway_vpc_attachment.this',
    });
    expect(attached.notEvaluated).toEqual([
      {
        where: 'module.spoke.aws_ec2_transit_gateway_route_table_association.this',
        what: 'transit_gateway_attachment_id is known only after apply (create); what it declares cannot be matched to the snapshot',
      },
    ]);
    const after = applyChange(estate, attached);
    expect(out(after).allowed).toBe(true);
    expect(layer(out(after), 'route').reason).toContain("the server sees the NAT gateway's address 54.0.9.5");

    // Without the default propagation the egress VPC has no way back: the replies are lost.
    const oneWay = planToChange(
      planOf(change({ transit_gateway_default_route_table_propagation: false }), toHub),
      estate,
      'spoke.json',
    );
    expect(out(applyChange(estate, oneWay)).allowed).toBe(false);
    // Subnets created in the same plan are not known: not evaluated, and no attachment is made.
    const unknownSubnets = planToChange(
      planOf(change({ subnet_ids: null }, { subnet_ids: true })),
      estate,
      'spoke.json',
    );
    expect(unknownSubnets.edits).toEqual([]);
    expect(unknownSubnets.notEvaluated?.[0]?.what).toContain('subnet_ids is known only after apply');
  });
});
