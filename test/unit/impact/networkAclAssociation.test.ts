import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEdit } from '../../../main/core/impact/change';
import type { ImpactReport } from '../../../main/core/impact/types';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import type { FaultlineService } from '../../../main/service/faultlineService';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

/** prod-app-a (order-api, storefront…), the data subnets' ACL and prod-core's default ACL. */
const prodAppA = 'subnet-0a56ca0958254bc9a';
const dataAcl = 'acl-087b491100a2932b4';
const prodDefaultAcl = 'acl-0f5037bec667ec522';

let service: FaultlineService;
let close: () => void;
beforeEach(async () => {
  ({ service, close } = await createService({ dbFile: tempDbFile(), seedSampleFrom: join(sampleDir, '..') }));
});
afterEach(() => close());

async function answer(edits: readonly ChangeEdit[]) {
  return dispatch(service, 'impact', { change: { title: 'acl associations', edits } });
}

describe('network ACL associations (docs/change-format.md, "Network ACL associations")', () => {
  it('a subnet filtered by another ACL gets that ACL’s entries, and its owner approves', async () => {
    const moved = await answer([
      { op: 'set-network-acl-association', subnetId: prodAppA, networkAclId: dataAcl },
    ]);
    if (!moved.ok) throw new Error(moved.error.message);
    const report = moved.value as ImpactReport;
    expect(report.changes.aclAssociations).toEqual([
      {
        id: prodAppA,
        aclIds: [prodDefaultAcl, dataAcl],
        text: `${prodAppA}: filtered by ${prodDefaultAcl} (default), now ${dataAcl}`,
      },
    ]);
    // The data ACL admits only postgres from the app subnets: what reaches prod-app-a stops.
    expect(
      report.dependencies.filter((d) => d.effect === 'breaks').map((d) => `${d.from} → ${d.to}`),
    ).toContain('web-frontend → order-api');
    expect(report.approvers.flatMap((a) => a.reasons)).toContain(`network ACL ${dataAcl}: subnets edited`);
  });

  it('refuses what AWS refuses: another VPC’s ACL, an ACL or subnet the snapshot lacks, the ACL it has', async () => {
    const refusal = async (edit: ChangeEdit) => {
      const result = await answer([edit]);
      if (result.ok) throw new Error('the edit was accepted');
      return result.error.message;
    };
    const op = 'set-network-acl-association';
    expect(await refusal({ op, subnetId: 'subnet-0da5644a569929b07', networkAclId: dataAcl })).toMatch(
      /\.networkAclId: acl-087b491100a2932b4 is a network ACL of vpc-0b0e589882d7b2940; subnet-0da5644a569929b07 is in vpc-099d19c8d624dc3a1$/,
    );
    expect(await refusal({ op, subnetId: prodAppA, networkAclId: 'acl-0123456789abcdef0' })).toMatch(
      /\.networkAclId: no network ACL acl-0123456789abcdef0 in this snapshot/,
    );
    expect(await refusal({ op, subnetId: 'subnet-0123456789abcdef0', networkAclId: dataAcl })).toMatch(
      /\.subnetId: no subnet subnet-0123456789abcdef0 in this snapshot$/,
    );
    expect(await refusal({ op, subnetId: prodAppA, networkAclId: prodDefaultAcl })).toMatch(
      /subnet-0a56ca0958254bc9a is associated with acl-0f5037bec667ec522 already$/,
    );
  });
});
