import { describe, expect, it } from 'vitest';
import { fragmentedApplications } from '../../../main/core/findings/fragmentedApplication';
import { teamGroupsContext } from './teamGroups';

/** One app "shop" of team shop on workloads by id → groups; groups by id with their `team` tag. */
const shop = (groups: Record<string, string | null>, workloads: Record<string, string[]>) =>
  teamGroupsContext(groups, { shop: workloads });

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
