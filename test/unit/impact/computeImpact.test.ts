import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ProposedChange } from '../../../main/core/impact/change';
import { computeImpact } from '../../../main/core/impact/computeImpact';
import { shopEstate, shopSide } from './shop';

const subject = {
  kind: 'change',
  title: 'test',
  before: { snapshotId: 1, name: 'shop' },
  after: { snapshotId: null, name: 'shop with the change' },
} as const;

async function impactOf(change: ProposedChange) {
  const estate = await shopEstate();
  const side = shopSide(estate);
  return computeImpact(
    subject,
    side,
    { ...side, estate: applyChange(estate, change) },
    defaultTagKeys,
    change.notEvaluated,
  );
}

describe('computeImpact', () => {
  it('removing the rule a dependency uses blocks it: high risk, both owners approve', async () => {
    const report = await impactOf({ edits: [{ op: 'remove-rule', rule: 'sg-db/ingress/0/0' }] });
    expect(report.dependencies).toMatchObject([
      {
        from: 'web',
        to: 'db',
        effect: 'breaks',
        workloadPairs: 2,
        newlyBlocked: 2,
        fromApp: 'shop',
        toApp: 'data',
      },
    ]);
    expect(report.dependencies[0]?.examples[0]).toMatchObject({
      before: true,
      after: false,
      layers: ['sg-ingress'],
    });
    expect(report.risk.level).toBe('high');
    expect(report.risk.reasons[0]).toContain('web → db tcp/5432');
    expect(report.changes.rules.removed).toEqual([
      { id: 'sg-db/ingress/0/0', segment: 'sg-db', text: 'sg-db ingress tcp 5432 from sg-web' },
    ]);
    expect(report.flows).toMatchObject([
      {
        from: { workloadIds: ['eni-web1', 'eni-web2'] },
        to: { workloadIds: ['eni-db'] },
        protocol: 'tcp',
        closed: [{ from: 5432, to: 5432 }],
        opened: [],
        workloadPairs: 2,
        neededBy: ['web → db tcp/5432'],
      },
    ]);
    expect(report.segments).toEqual([
      {
        fromGroup: 'sg-web',
        toGroup: 'sg-db',
        protocol: 'tcp',
        opened: [],
        closed: [{ from: 5432, to: 5432 }],
        workloadPairs: 2,
      },
    ]);
    expect(report.approvers.map((a) => a.owner)).toEqual(['dba', 'web']);
    expect(report.figures).toMatchObject({ dependenciesBroken: 1, pairsClosed: 2, pairsOpened: 0 });
  });

  it('a change that touches nothing the apps use is low risk', async () => {
    const report = await impactOf({
      edits: [
        {
          op: 'change-acl-entry',
          entry: { aclId: 'acl-db', egress: false, ruleNumber: 110 },
          set: { fromPort: 2222, toPort: 2222 },
        },
      ],
    });
    expect(report.dependencies).toEqual([]);
    expect(report.risk.level).toBe('low');
    expect(report.changes.aclEntries.changed).toEqual([
      {
        id: 'acl-db/ingress/110',
        segment: 'acl-db',
        before: 'acl-db #110 inbound allow tcp 22 from 10.0.0.0/16',
        after: 'acl-db #110 inbound allow tcp 2222 from 10.0.0.0/16',
      },
    ]);
  });
});
