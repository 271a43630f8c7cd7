import { describe, expect, it } from 'vitest';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { affectedWorkloads, diffEstates } from '../../../main/core/impact/estateDiff';
import { diffInternetEgress } from '../../../main/core/impact/internetEgress';
import { type EgressHub, egressHub } from '../analysis/egressHub';
import { route } from '../analysis/exportBuilder';

/** egressHub with its bystander vpc-x, whose eni-x no change to the egress VPC can touch. */
async function estate(options: EgressHub = {}, edgeTable = false, natXPublic = true): Promise<Estate> {
  const builder = egressHub({ ...options, bystander: { natPublic: natXPublic } });
  // igw-e's own route table sends what enters for subnet-pub to a firewall first.
  if (edgeTable)
    builder.routeTable('rtb-edge', 'vpc-e', {
      gateways: ['igw-e'],
      routes: [route('10.9.1.0/24', 'eni-fw')],
    });
  return builder.estate();
}

const edits =
  (...edits: ChangeEdit[]) =>
  async () => {
    const before = await estate();
    return [before, applyChange(before, { edits })] as const;
  };

const cases: [string, () => Promise<readonly [Estate, Estate]>][] = [
  [
    "the NAT gateways' subnet loses its route back",
    edits({ op: 'remove-route', routeTableId: 'rtb-pub', destination: '10.0.0.0/8' }),
  ],
  [
    "an entry of the NAT gateway's subnet's ACL",
    edits({
      op: 'change-acl-entry',
      entry: { aclId: 'acl-pub', egress: false, ruleNumber: 100 },
      set: { action: 'deny' },
    }),
  ],
  [
    'a NAT gateway that lost its public address',
    async () => [await estate(), await estate({ nats: { 'nat-1': {} } })],
  ],
  ["a route table for the internet gateway's traffic", async () => [await estate(), await estate({}, true)]],
  [
    "the egress VPC's exclusion from Block Public Access, deleted",
    async () => [await exempted('create-complete'), await exempted('delete-complete')],
  ],
];

/** egressHub with vpc-e under block-bidirectional and exempted from it by an exclusion in `state`. */
function exempted(state: string): Promise<Estate> {
  return egressHub({ bystander: { natPublic: true } })
    .blockPublicAccess('vpc-e', 'block-bidirectional')
    .blockPublicAccessExclusion('vpc-e', 'allow-egress', state)
    .estate();
}

describe('which workloads a change to an egress VPC affects (docs/impact.md)', () => {
  it.each(cases)(
    '%s: the VPCs on its transit gateway, with the same changes as comparing all',
    async (_, sides) => {
      const [before, after] = await sides();
      const affected = affectedWorkloads(before, after, diffEstates(before, after));
      if (affected === 'all') throw new Error('every workload affected: nothing narrowed');
      expect(affected.has('eni-a')).toBe(true);
      expect(affected.has('eni-x')).toBe(false);
      const [was, now] = [before, after].map((one) => ({
        estate: one,
        engine: new ReachabilityEngine(one),
      })) as [{ estate: Estate; engine: ReachabilityEngine }, { estate: Estate; engine: ReachabilityEngine }];
      const narrowed = diffInternetEgress(was, now, affected, new Map());
      expect(narrowed.flatMap((change) => change.workloadIds)).toContain('eni-a');
      expect(narrowed).toEqual(diffInternetEgress(was, now, 'all', new Map()));
    },
  );

  it('counts the workloads that go out through a NAT gateway of their own VPC when it changes', async () => {
    const before = await estate();
    const after = await estate({}, false, false);
    const affected = affectedWorkloads(before, after, diffEstates(before, after));
    if (affected === 'all') throw new Error('every workload affected: nothing narrowed');
    expect([...affected].sort()).toEqual(['eni-natx', 'eni-x']);
    const [was, now] = [before, after].map((one) => ({
      estate: one,
      engine: new ReachabilityEngine(one),
    })) as [{ estate: Estate; engine: ReachabilityEngine }, { estate: Estate; engine: ReachabilityEngine }];
    const changed = diffInternetEgress(was, now, affected, new Map());
    expect(changed.flatMap((change) => change.workloadIds)).toEqual(['eni-x']);
  });
});
