import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEstate } from '../../../bench/estateGenerator';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import { countEstate } from '../../../main/core/domain/estate';
import { tempDbFile } from '../helpers/tempWorkspace';

const small = { enis: 200, groups: 40, rules: 400, subnets: 10 };

/** A folder path inside a fresh temporary directory (removed after the test); the generator creates it. */
const tempDir = () => tempDbFile('estate');

describe('bench estate generator', () => {
  it('writes an export the importer reads whole, with the requested sizes', async () => {
    const dir = tempDir();
    await generateEstate(dir, small);
    // readAwsExport refuses dangling references and duplicate ids, so reading at all proves both.
    const { estate, files } = await readAwsExport([{ kind: 'path', path: dir }]);
    const counts = countEstate(estate);
    expect(counts.workloads).toBe(small.enis);
    expect(counts.securityGroups).toBe(small.groups);
    expect(counts.securityGroupRules).toBe(small.rules);
    expect(counts.subnets).toBe(small.subnets);
    expect(files.every((file) => file.status === 'imported')).toBe(true);
  });

  it('has every kind the importer reads, instances in pages, and a mix of workloads and peers', async () => {
    const dir = tempDir();
    await generateEstate(dir, small);
    const { estate, files } = await readAwsExport([{ kind: 'path', path: dir }]);
    for (const [kind, count] of Object.entries(countEstate(estate))) expect(count, kind).toBeGreaterThan(0);
    expect(files.filter((file) => file.kind === 'describe-instances').length).toBeGreaterThan(1);
    expect(new Set(estate.workloads.map((w) => w.kind))).toEqual(
      new Set(['instance', 'rds', 'load-balancer', 'lambda']),
    );
    expect(new Set(estate.securityGroupRules.map((r) => r.peer.kind))).toEqual(
      new Set(['cidr4', 'cidr6', 'group', 'prefix-list']),
    );
    expect(new Set(estate.securityGroupRules.map((r) => r.protocol))).toEqual(
      new Set(['tcp', 'udp', 'icmp', '-1']),
    );
  });

  it('deploys ENIs as services: each group set spans a few subnets of one tier', async () => {
    const dir = tempDir();
    await generateEstate(dir, small);
    const { estate } = await readAwsExport([{ kind: 'path', path: dir }]);
    const subnetsBySet = new Map<string, Set<string>>();
    for (const workload of estate.workloads) {
      const key = [...workload.groupIds].sort().join(',');
      subnetsBySet.set(key, (subnetsBySet.get(key) ?? new Set()).add(workload.subnetId));
    }
    // 200 ENIs in services of about 16: a few dozen group sets, not one per ENI.
    expect(subnetsBySet.size).toBeLessThan(small.enis / 8);
    const tierOf = new Map(estate.subnets.map((s) => [s.id, s.tags.tier]));
    for (const subnets of subnetsBySet.values()) {
      expect(subnets.size).toBeLessThanOrEqual(3);
      expect(new Set([...subnets].map((id) => tierOf.get(id))).size).toBe(1);
    }
    // An app is owned by one team, and its instances carry both tags.
    const teamsOfApp = new Map<string, Set<string>>();
    for (const workload of estate.workloads.filter((w) => w.kind === 'instance')) {
      const { app, team } = workload.tags;
      expect(app && team).toBeTruthy();
      teamsOfApp.set(app as string, (teamsOfApp.get(app as string) ?? new Set()).add(team as string));
    }
    expect(teamsOfApp.size).toBeGreaterThan(5);
    for (const teams of teamsOfApp.values()) expect(teams.size).toBe(1);
  });

  it('admits peers across the peerings and the transit gateway only: groups across peerings, ranges across both', async () => {
    const dir = tempDir();
    await generateEstate(dir, small);
    const { estate } = await readAwsExport([{ kind: 'path', path: dir }]);
    const vpcOfGroup = new Map(estate.securityGroups.map((group) => [group.id, group.vpcId]));
    // VPC v is 10.v.0.0/16.
    const vpcOfRange = new Map(estate.vpcs.map((vpc) => [vpc.cidrBlocks[0]?.split('.')[1], vpc.id]));
    const both = (a: string, b: string) => [`${a} ${b}`, `${b} ${a}`];
    const peered = new Set(estate.peeringConnections.flatMap((p) => both(p.requesterVpcId, p.accepterVpcId)));
    const attached = estate.transitGatewayAttachments.map((attachment) => attachment.resourceId);
    expect(attached.length).toBeGreaterThan(1);
    const joined = new Set(attached.flatMap((a) => attached.flatMap((b) => (a === b ? [] : both(a, b)))));
    const groupsAcross: string[] = [];
    const rangesAcross: string[] = [];
    for (const rule of estate.securityGroupRules) {
      const own = vpcOfGroup.get(rule.groupId);
      if (rule.peer.kind === 'group') {
        const other = vpcOfGroup.get(rule.peer.groupId);
        if (other !== own) groupsAcross.push(`${own} ${other}`);
      } else if (rule.peer.kind === 'cidr4' && rule.peer.cidr.startsWith('10.')) {
        const other = vpcOfRange.get(rule.peer.cidr.split('.')[1]);
        if (other !== own) rangesAcross.push(`${own} ${other}`);
      }
    }
    // A hub's shared services and the VPCs they serve admit each other; no other VPC pair does.
    expect(groupsAcross.length).toBeGreaterThan(5);
    expect(groupsAcross.filter((pair) => !peered.has(pair))).toEqual([]);
    expect(rangesAcross.filter((pair) => joined.has(pair) && !peered.has(pair)).length).toBeGreaterThan(5);
    expect(rangesAcross.filter((pair) => !peered.has(pair) && !joined.has(pair))).toEqual([]);
    // Each VPC on the transit gateway routes the others' ranges to it.
    for (const vpcId of attached) {
      const tables = estate.routeTables.filter((table) => table.vpcId === vpcId);
      for (const table of tables) {
        const toGateway = table.routes.filter((route) => route.targetKind === 'transit-gateway');
        expect(toGateway.length, table.id).toBeGreaterThan(0);
      }
    }
  });

  it('is deterministic: the same sizes and seed give the same bytes', async () => {
    const [first, second] = [tempDir(), tempDir()];
    await generateEstate(first, small);
    await generateEstate(second, small);
    const names = readdirSync(first).sort();
    expect(readdirSync(second).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(second, name)).equals(readFileSync(join(first, name))), name).toBe(true);
    }
  });
});
