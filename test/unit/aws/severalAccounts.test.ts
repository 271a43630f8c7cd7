import { describe, expect, it } from 'vitest';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { ImportInput } from '../../../main/core/input/importInput';
import { AwsExportBuilder } from '../analysis/exportBuilder';
import { refusal } from './fixtures';

type Json = Record<string, unknown>;

/**
 * Account A (vpc-a, its subnet-a shared with account B through AWS RAM) peers with account B's
 * vpc-b in another Region. Each account's folder prints what it sees: both print the peering, both
 * print the shared subnet, each tags them its own way.
 */
function accounts(changeB: (documents: Record<string, Json>) => void = () => {}): ImportInput[] {
  const a = new AwsExportBuilder()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .vpc('vpc-b', '10.1.0.0/16')
    .peering('pcx-ab', 'vpc-a', 'vpc-b')
    .documents();
  const b = new AwsExportBuilder()
    .vpc('vpc-b', '10.1.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .peering('pcx-ab', 'vpc-a', 'vpc-b')
    .documents();
  const tag = (documents: Record<string, Json>, list: string, key: string, value: string) => {
    for (const item of (documents[`describe-${list}.json`] as Record<string, Json[]>)[
      list === 'vpc-peering-connections' ? 'VpcPeeringConnections' : 'Subnets'
    ] ?? [])
      item.Tags = [{ Key: key, Value: value }];
  };
  tag(a, 'vpc-peering-connections', 'Name', 'to-analytics');
  tag(b, 'vpc-peering-connections', 'owner', 'analytics');
  tag(b, 'subnets', 'owner', 'analytics');
  changeB(b);
  const inputs = (folder: string, documents: Record<string, Json>) =>
    Object.entries(documents).map(
      ([name, document]): ImportInput => ({
        kind: 'bytes',
        name: `${folder}/${name}`,
        data: new TextEncoder().encode(JSON.stringify(document, null, 4)),
      }),
    );
  return [...inputs('account-a', a), ...inputs('account-b', b)];
}

describe('exports of several accounts or Regions in one folder', () => {
  it('read an object both sides print (a peering, a shared subnet) once, with the tags of both', async () => {
    const { estate } = await readAwsExport(accounts());
    expect(estate.peeringConnections).toHaveLength(1);
    expect(estate.peeringConnections[0]).toMatchObject({ id: 'pcx-ab', status: 'active' });
    expect(estate.subnets.filter((subnet) => subnet.id === 'subnet-a')).toEqual([
      expect.objectContaining({ vpcId: 'vpc-a', tags: { owner: 'analytics' } }),
    ]);
    expect(estate.vpcs.map((vpc) => vpc.id).sort()).toEqual(['vpc-a', 'vpc-b']);
  });

  it('refuse two reads of one object that disagree, naming both places', async () => {
    const pending = accounts((b) => {
      const [peering] = (b['describe-vpc-peering-connections.json'] as { VpcPeeringConnections: Json[] })
        .VpcPeeringConnections;
      (peering as Json).Status = { Code: 'pending-acceptance', Message: 'Pending Acceptance' };
    });
    expect(await refusal(pending)).toBe(
      'duplicate peering connection pcx-ab: account-a/describe-vpc-peering-connections.json $.VpcPeeringConnections[0] and account-b/describe-vpc-peering-connections.json $.VpcPeeringConnections[0]',
    );
  });
});
