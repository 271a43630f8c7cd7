import { describe, expect, it } from 'vitest';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { FindingContext } from '../../../main/core/findings/context';
import { ownerMismatches } from '../../../main/core/findings/ownerMismatch';
import { smallEstate } from '../helpers/estateBuilder';

/** Groups by id with their `team` tag; apps (app name = owner team) by workload → groups. */
function estate(
  groups: Record<string, string | null>,
  apps: Record<string, Record<string, string[]>>,
): FindingContext {
  const base = smallEstate();
  const [group, workload] = [base.securityGroups[0], base.workloads[0]];
  if (!group || !workload) throw new Error('smallEstate changed');
  const workloads = Object.values(apps).flatMap((enis) => Object.entries(enis));
  const crafted: Estate = {
    ...base,
    securityGroups: Object.entries(groups).map(([id, team]) => ({
      ...group,
      id,
      name: id.slice(3),
      tags: team ? { team } : ({} as Record<string, string>),
    })),
    securityGroupRules: [],
    workloads: workloads.map(([id, groupIds]) => ({ ...workload, id, groupIds })),
  };
  const applications: ApplicationModel = {
    apps: Object.entries(apps).map(([name, enis]) => ({
      name,
      owners: [name],
      services: [
        { name: `${name}-api`, app: name, owners: [name], workloadIds: Object.keys(enis), origins: ['tags'] },
      ],
    })),
    unassigned: [],
    dependencies: [],
    unattributedFlows: 0,
  };
  return new FindingContext(crafted, applications, defaultTagKeys);
}

describe('ownerMismatches', () => {
  it('finds a group of one team that serves only another team’s app: medium, suggesting a retag', () => {
    const ctx = estate({ 'sg-workers': 'commerce' }, { supply: { 'eni-1': ['sg-workers'] } });
    expect(ownerMismatches(ctx)).toMatchObject([
      {
        id: 'owner-mismatch:sg-workers,supply',
        severity: 'medium',
        owners: ['commerce', 'supply'],
        suggestion: expect.stringContaining('retag sg-workers with owner supply'),
      },
    ]);
  });

  it('finds a group serving several apps none of which its owner owns: low, the sharing is the bigger problem', () => {
    const ctx = estate(
      { 'sg-mesh': 'platform' },
      { web: { 'eni-1': ['sg-mesh'] }, shop: { 'eni-2': ['sg-mesh'] } },
    );
    expect(ownerMismatches(ctx)).toMatchObject([{ id: 'owner-mismatch:sg-mesh,shop,web', severity: 'low' }]);
  });

  it('leaves alone a group serving its owner’s app, alone or with others, and groups without owner or apps', () => {
    const ctx = estate(
      { 'sg-web': 'web', 'sg-mesh': 'web', 'sg-untagged': null, 'sg-empty': 'platform' },
      { web: { 'eni-1': ['sg-web', 'sg-mesh', 'sg-untagged'] }, shop: { 'eni-2': ['sg-mesh'] } },
    );
    expect(ownerMismatches(ctx)).toEqual([]);
  });
});
