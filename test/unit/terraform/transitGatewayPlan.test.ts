import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../main/core/impact/applyChange';
import { diffEstates } from '../../../main/core/impact/estateDiff';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { hub } from '../analysis/transitGatewayHub';

const file = 'transit-gateway-plan.json';
const plan = readPlanFile(file, readFileSync(join(import.meta.dirname, '../../fixtures/terraform', file)));

describe('transit gateway resources in a plan', () => {
  it('become security group referencing edits; creations, deletions and unknown ids are listed', async () => {
    const estate = await hub({ byGroup: 'ingress', referencing: { gateway: 'disable' } }).estate();
    const change = planToChange(plan, estate, file);
    expect(change.title).toBe(`Terraform plan ${file}: 5 network resource change(s)`);
    // The attachment's update changes only its tags: no edit.
    expect(change.edits).toEqual([
      {
        op: 'set-security-group-referencing',
        transitGatewayId: 'tgw-1',
        enabled: true,
        origin: 'aws_ec2_transit_gateway.hub',
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
    ]);
    const after = applyChange(estate, change);
    expect(diffEstates(estate, after).transitGatewayOptions).toEqual([
      { id: 'tgw-1', text: 'tgw-1: security group referencing disabled → enabled' },
    ]);
    // Where the snapshot already has what the plan sets, there is nothing to change.
    const enabled = await hub({ referencing: { gateway: 'enable' } }).estate();
    expect(planToChange(plan, enabled, file).edits).toEqual([]);
  });
});
