import { beforeAll, describe, expect, it } from 'vitest';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { Estate, NetworkAcl } from '../../../main/core/domain/estate';
import { affectedWorkloads, diffEstates } from '../../../main/core/impact/estateDiff';
import { diffFlows } from '../../../main/core/impact/flowChanges';
import { diffInternetEgress } from '../../../main/core/impact/internetEgress';
import { sampleDir } from '../helpers/sampleCounts';

/**
 * A later export of the same network differs in more than what routes: tags, the order AWS listed
 * things in, subnets and their ACL associations. Each kind, on the sample.
 */
let sample: Estate;
beforeAll(async () => {
  sample = (await readAwsExport([{ kind: 'path', path: sampleDir }])).estate;
});

const prodDataA = 'subnet-08db3b471c4cc06cf';
// A transit gateway attachment's subnet: its ACL filters what crosses the hub too.
const prodAppB = 'subnet-0c8446b3cb76d3ca4';
const prodPublicB = 'subnet-0dac9cd3863bacd08';
const prodDefaultAcl = 'acl-0f5037bec667ec522';

const renamed = <T extends { tags: Record<string, string> }>(items: readonly T[]) =>
  items
    .map((item) => ({ ...item, tags: { ...item.tags, Name: `${item.tags.Name ?? 'unnamed'} (renamed)` } }))
    .reverse();

/** The ACLs with `subnetId` moved from whichever it was associated with to `aclId`. */
const moved = (acls: readonly NetworkAcl[], subnetId: string, aclId: string) =>
  acls.map((acl) => ({
    ...acl,
    subnetIds: [...acl.subnetIds.filter((id) => id !== subnetId), ...(acl.id === aclId ? [subnetId] : [])],
  }));

/** What the impact compares, with only the affected workloads and with all: both, to be held equal. */
function compared(before: Estate, after: Estate) {
  const affected = affectedWorkloads(before, after, diffEstates(before, after));
  const sides = [before, after].map((estate) => ({ estate, engine: new ReachabilityEngine(estate) }));
  const [was, now] = sides as [(typeof sides)[number], (typeof sides)[number]];
  const found = (among: ReadonlySet<string> | 'all') => ({
    flows: diffFlows(before, after, among, new Map(), []).flows,
    egress: diffInternetEgress(was, now, among, new Map()),
  });
  return { affected, narrowed: found(affected), all: found('all') };
}

describe('which workloads a later export affects (docs/impact.md)', () => {
  it('none for tags and the order of the export: VPCs, subnets, ACLs, route tables and the transit gateway renamed', () => {
    const after: Estate = {
      ...sample,
      vpcs: renamed(sample.vpcs),
      subnets: renamed(sample.subnets),
      networkAcls: renamed(sample.networkAcls),
      routeTables: renamed(sample.routeTables),
      transitGateways: renamed(sample.transitGateways),
    };
    const { affected, narrowed, all } = compared(sample, after);
    expect(affected).toEqual(new Set());
    expect(narrowed).toEqual(all);
  });

  it('none for the same export imported again from another folder, which every place it names differs in', async () => {
    const again = (await readAwsExport([{ kind: 'path', path: sampleDir, name: 'week-later' }])).estate;
    expect(again.transitGatewayRouteTables[0]?.routes[0]?.source.file).toMatch(/^week-later\//);
    expect(affectedWorkloads(sample, again, diffEstates(sample, again))).toEqual(new Set());
  });

  it("a subnet's workloads when its ACL association moves, with the flows that change", () => {
    const after = { ...sample, networkAcls: moved(sample.networkAcls, prodDataA, prodDefaultAcl) };
    const { affected, narrowed, all } = compared(sample, after);
    if (affected === 'all') throw new Error('every workload affected: nothing narrowed');
    const inSubnet = sample.workloads.filter((w) => w.subnetId === prodDataA).map((w) => w.id);
    expect([...affected].sort()).toEqual(inSubnet.sort());
    expect(narrowed.flows.length).toBeGreaterThan(0);
    expect(narrowed).toEqual(all);
  });

  it('a subnet given a new ACL of its own that denies everything', () => {
    const denyAll: NetworkAcl = {
      id: 'acl-0new',
      vpcId: sample.networkAcls[0]?.vpcId as string,
      isDefault: false,
      subnetIds: [],
      tags: {},
      source: sample.networkAcls[0]?.source as NetworkAcl['source'],
    };
    const after = {
      ...sample,
      networkAcls: moved([...sample.networkAcls, denyAll], prodPublicB, 'acl-0new'),
    };
    const { affected, narrowed, all } = compared(sample, after);
    if (affected === 'all') throw new Error('every workload affected: nothing narrowed');
    expect(affected.size).toBeLessThan(sample.workloads.length);
    expect(narrowed.flows.length).toBeGreaterThan(0);
    expect(narrowed).toEqual(all);
  });

  it('no subnet when an association to the default ACL is dropped: the default filters it all the same', () => {
    const after = {
      ...sample,
      networkAcls: sample.networkAcls.map((acl) =>
        acl.id === prodDefaultAcl
          ? { ...acl, subnetIds: acl.subnetIds.filter((id) => id !== prodAppB) }
          : acl,
      ),
    };
    expect(affectedWorkloads(sample, after, diffEstates(sample, after))).toEqual(new Set());
  });

  it('every workload when a subnet is in another zone, which transit gateways route by', () => {
    const after = {
      ...sample,
      subnets: sample.subnets.map((s) => (s.id === prodAppB ? { ...s, availabilityZone: 'eu-west-1z' } : s)),
    };
    expect(affectedWorkloads(sample, after, diffEstates(sample, after))).toBe('all');
  });

  it('only its own when a subnet appears with a workload, or goes with its workloads', () => {
    const [first] = sample.subnets;
    const workload = sample.workloads.find((w) => w.subnetId === first?.id);
    if (first === undefined || workload === undefined) throw new Error('the sample changed');
    const added = { ...first, id: 'subnet-0new', cidrBlock: '10.20.99.0/24' };
    const newcomer = { ...workload, id: 'eni-0new', subnetId: 'subnet-0new', privateIps: ['10.20.99.10'] };
    const grown = {
      ...sample,
      subnets: [...sample.subnets, added],
      workloads: [...sample.workloads, newcomer],
    };
    expect(affectedWorkloads(sample, grown, diffEstates(sample, grown))).toEqual(new Set(['eni-0new']));
    expect(affectedWorkloads(grown, sample, diffEstates(grown, sample))).toEqual(new Set(['eni-0new']));
  });
});
