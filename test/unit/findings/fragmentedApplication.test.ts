import { describe, expect, it } from 'vitest';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { FindingContext } from '../../../main/core/findings/context';
import { fragmentedApplications } from '../../../main/core/findings/fragmentedApplication';
import { smallEstate } from '../helpers/estateBuilder';

/** Groups by id with their `team` tag (null: untagged); one app "shop" of team shop on workloads by id → groups. */
function shop(groups: Record<string, string | null>, workloads: Record<string, string[]>): FindingContext {
  const base = smallEstate();
  const [group, workload] = [base.securityGroups[0], base.workloads[0]];
  if (!group || !workload) throw new Error('smallEstate changed');
  const estate: Estate = {
    ...base,
    securityGroups: Object.entries(groups).map(([id, team]) => ({
      ...group,
      id,
      name: id.slice(3),
      tags: team ? { team } : ({} as Record<string, string>),
    })),
    securityGroupRules: [],
    workloads: Object.entries(workloads).map(([id, groupIds]) => ({ ...workload, id, groupIds })),
  };
  const service = { name: 'shop-api', app: 'shop', owners: ['shop'], workloadIds: Object.keys(workloads) };
  const applications: ApplicationModel = {
    apps: [{ name: 'shop', owners: ['shop'], services: [{ ...service, origins: ['tags'] }] }],
    unassigned: [],
    dependencies: [],
    unattributedFlows: 0,
  };
  return new FindingContext(estate, applications, defaultTagKeys);
}

describe('fragmentedApplications', () => {
  it('finds an app in 3 segments of other teams, listing every segment with its owner', () => {
    const ctx = shop(
      { 'sg-own': 'shop', 'sg-x': 'x', 'sg-y': 'y', 'sg-z': 'y' },
      { 'eni-1': ['sg-own', 'sg-x'], 'eni-2': ['sg-y', 'sg-z'] },
    );
    const [finding, ...others] = fragmentedApplications(ctx);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      id: 'fragmented-application:shop,sg-x,sg-y,sg-z',
      severity: 'medium',
      owners: ['shop', 'x', 'y'],
      evidence: { figures: { segments: 4, foreignSegments: 3, foreignOwners: 2, 'workloads in sg-x': 1 } },
    });
    expect(finding?.explanation).toContain('sg-own (own) owned by shop;');
    expect(finding?.explanation).toContain('sg-x (x) owned by x (other team)');
  });

  it('is high from 4 foreign owners', () => {
    const ctx = shop(
      { 'sg-w': 'w', 'sg-x': 'x', 'sg-y': 'y', 'sg-z': 'z' },
      { 'eni-1': ['sg-w', 'sg-x', 'sg-y', 'sg-z'] },
    );
    expect(fragmentedApplications(ctx).map((f) => f.severity)).toEqual(['high']);
  });

  it('leaves alone an app with 2 foreign segments, and does not count untagged groups as foreign', () => {
    const ctx = shop(
      { 'sg-own': 'shop', 'sg-x': 'x', 'sg-y': 'y', 'sg-untagged': null },
      { 'eni-1': ['sg-own', 'sg-x', 'sg-y', 'sg-untagged'] },
    );
    expect(fragmentedApplications(ctx)).toEqual([]);
  });
});
