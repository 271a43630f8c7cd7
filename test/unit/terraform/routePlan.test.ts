import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import { applyChange } from '../../../main/core/impact/applyChange';
import { diffEstates } from '../../../main/core/impact/estateDiff';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { sampleDir } from '../helpers/sampleCounts';

const file = 'route-migration-plan.json';
const plan = readPlanFile(file, readFileSync(join(import.meta.dirname, '../../fixtures/terraform', file)));
const hub = 'tgw-06a1129c805ca6a6f';
const peering = 'pcx-01f7c07e7d9cb4e7a';

const sampleEstate = async () => (await readAwsExport([{ kind: 'path', path: sampleDir }])).estate;

describe('VPC routes in a plan (aws_route, aws_route_table inline routes, aws_route_table_association)', () => {
  it('become route and association edits on the sample; unknown targets, tables the snapshot lacks and edge associations are listed', async () => {
    const estate = await sampleEstate();
    const change = planToChange(plan, estate, file);
    expect(change.title).toBe(`Terraform plan ${file}: 10 network resource change(s)`);
    // The deleted route first, though its address sorts after the one that takes its place.
    expect(change.edits).toEqual([
      {
        op: 'remove-route',
        routeTableId: 'rtb-07bfee688892ff416',
        destination: '10.30.0.0/16',
        origin: 'aws_route.prod_public_to_shared',
      },
      {
        op: 'set-route-table-association',
        subnetId: 'subnet-08db3b471c4cc06cf',
        routeTableId: null,
        origin: 'aws_route_table_association.data_a',
      },
      {
        op: 'replace-route',
        routeTableId: 'rtb-07554c7f5c9720cfe',
        destination: '10.30.0.0/16',
        target: hub,
        origin: 'aws_route.prod_private_to_shared',
      },
      {
        op: 'replace-route',
        routeTableId: 'rtb-05fedd65e6e2acf6a',
        destination: '10.20.0.0/16',
        target: hub,
        origin: 'aws_route_table.shared_main',
      },
      {
        op: 'set-route-table-association',
        subnetId: 'subnet-0a56ca0958254bc9a',
        routeTableId: 'rtb-01f08298781e192be',
        origin: 'aws_route_table_association.app_a',
      },
      {
        op: 'add-route',
        routeTableId: 'rtb-07bfee688892ff416',
        destination: '10.30.0.0/16',
        target: hub,
        origin: 'aws_route.prod_public_hub',
      },
    ]);
    expect(change.notEvaluated).toEqual([
      {
        where: 'aws_route_table_association.stale',
        what: 'removes the association of subnet-0da5644a569929b07 with rtb-07554c7f5c9720cfe, which the snapshot does not have (changed since?)',
      },
      {
        where: 'aws_route.elsewhere',
        what: 'route table rtb-0ffffffffffffffff is not in the snapshot: import describe-route-tables',
      },
      {
        where: 'aws_route.to_new_hub',
        what: 'transit_gateway_id is known only after apply (create); what it declares cannot be matched to the snapshot',
      },
      {
        where: 'aws_route_table_association.edge',
        what: 'associates a gateway with rtb-07bfee688892ff416: edge associations are not evaluated',
      },
    ]);
    const after = applyChange(estate, change);
    expect(diffEstates(estate, after).routes.map((line) => line.text)).toEqual([
      `rtb-07bfee688892ff416: route 10.30.0.0/16 → ${peering}, now ${hub}`,
      `rtb-07554c7f5c9720cfe: route 10.30.0.0/16 → ${peering}, now ${hub}`,
      `rtb-05fedd65e6e2acf6a: route 10.20.0.0/16 → ${peering}, now ${hub}`,
      'subnet-0a56ca0958254bc9a: routed by rtb-07554c7f5c9720cfe, now rtb-01f08298781e192be',
      'subnet-08db3b471c4cc06cf: routed by rtb-07554c7f5c9720cfe, now rtb-01f08298781e192be (main, no association)',
    ]);
  });
});
