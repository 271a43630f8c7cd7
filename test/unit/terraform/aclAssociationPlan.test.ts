import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import { applyChange } from '../../../main/core/impact/applyChange';
import { diffEstates } from '../../../main/core/impact/estateDiff';
import { readPlanFile } from '../../../main/core/terraform/planFile';
import { planToChange } from '../../../main/core/terraform/planToChange';
import { sampleDir } from '../helpers/sampleCounts';

const fixtures = join(import.meta.dirname, '../../fixtures/terraform');
const document = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
const read = (plan: object) => readPlanFile('p.json', new TextEncoder().encode(JSON.stringify(plan)));
const sampleEstate = async () => (await readAwsExport([{ kind: 'path', path: sampleDir }])).estate;

const dataAcl = 'acl-087b491100a2932b4';
const prodDefaultAcl = 'acl-0f5037bec667ec522';
const prodAppA = 'subnet-0a56ca0958254bc9a';
const dataSubnets = ['subnet-04e2c40e503b81087', 'subnet-08db3b471c4cc06cf', 'subnet-0bf568bdc37f584d0'];

describe('network ACL associations in a plan (aws_network_acl subnet_ids, aws_network_acl_association)', () => {
  it('a subnet added to subnet_ids is filtered by the ACL; one taken out goes back to its VPC’s default ACL', async () => {
    const estate = await sampleEstate();
    const added = planToChange(read(document('acl-subnets-plan.json')), estate, 'p.json');
    expect(added.notEvaluated).toEqual([]);
    expect(added.edits).toEqual([
      {
        op: 'set-network-acl-association',
        subnetId: prodAppA,
        networkAclId: dataAcl,
        origin: 'aws_network_acl.data',
      },
    ]);
    expect(diffEstates(estate, applyChange(estate, added)).aclAssociations.map((line) => line.text)).toEqual([
      `${prodAppA}: filtered by ${prodDefaultAcl} (default), now ${dataAcl}`,
    ]);
    const plan = document('acl-subnets-plan.json');
    const [acl] = plan.resource_changes;
    acl.change.after.subnet_ids = dataSubnets.slice(1);
    expect(planToChange(read(plan), estate, 'p.json').edits).toEqual([
      {
        op: 'set-network-acl-association',
        subnetId: dataSubnets[0],
        networkAclId: prodDefaultAcl,
        origin: 'aws_network_acl.data',
      },
    ]);
  });

  it('a destroyed ACL gives its subnets to the default ACL first, as AWS requires: nothing breaks', async () => {
    const estate = await sampleEstate();
    const change = planToChange(read(document('acl-delete-plan.json')), estate, 'p.json');
    expect(change.notEvaluated).toEqual([]);
    expect(change.edits.filter((edit) => edit.op === 'set-network-acl-association')).toEqual(
      dataSubnets.map((subnetId) => ({
        op: 'set-network-acl-association',
        subnetId,
        networkAclId: prodDefaultAcl,
        origin: 'aws_network_acl.data',
      })),
    );
    const after = applyChange(estate, change);
    expect(after.networkAcls.find((acl) => acl.id === dataAcl)?.subnetIds).toEqual([]);
  });

  it('reads aws_network_acl_association, and lists a subnet the snapshot lacks as not evaluated', async () => {
    const association = (address: string, actions: string[], before: unknown, after: unknown) => ({
      address,
      mode: 'managed',
      type: 'aws_network_acl_association',
      name: address.split('.')[1],
      change: { actions, before, after, after_unknown: {} },
    });
    const change = planToChange(
      read({
        format_version: '1.2',
        resource_changes: [
          association(
            'aws_network_acl_association.data_a',
            ['delete'],
            {
              network_acl_id: dataAcl,
              subnet_id: dataSubnets[0],
            },
            null,
          ),
          association('aws_network_acl_association.app_a', ['create'], null, {
            network_acl_id: dataAcl,
            subnet_id: prodAppA,
          }),
          association('aws_network_acl_association.gone', ['create'], null, {
            network_acl_id: dataAcl,
            subnet_id: 'subnet-0123456789abcdef0',
          }),
        ],
      }),
      await sampleEstate(),
      'p.json',
    );
    expect(
      change.edits.map(
        (edit) => edit.op === 'set-network-acl-association' && [edit.subnetId, edit.networkAclId],
      ),
    ).toEqual([
      [dataSubnets[0], prodDefaultAcl],
      [prodAppA, dataAcl],
    ]);
    expect(change.notEvaluated).toEqual([
      {
        where: 'aws_network_acl_association.gone',
        what: 'subnet subnet-0123456789abcdef0 is not in the snapshot',
      },
    ]);
  });
});
