import { describe, expect, it } from 'vitest';
import { ownerMismatches } from '../../../main/core/findings/ownerMismatch';
import { teamGroupsContext } from './teamGroups';

/** Groups by id with their `team` tag; apps (app name = owner team) by workload → groups. */
const estate = teamGroupsContext;

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
