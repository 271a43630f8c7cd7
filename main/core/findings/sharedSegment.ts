import type { IndexedRule } from '../analysis/estateIndex';
import { describePeer, ruleReference } from '../analysis/explain';
import { describeSelector } from '../analysis/protocol';
import { appsServedBy, ownersServedBy } from './alignment';
import type { FindingContext } from './context';
import { dependenciesByRule, type SecurityGroupDecidingRule } from './dependencyPairs';
import type { Finding, FindingObject } from './types';

/**
 * A security group whose workloads belong to several apps or owners: whoever edits its rules changes
 * the network of all of them at once. High from 3 apps or 3 owners, medium for 2.
 */
export function sharedSegments(ctx: FindingContext): Finding[] {
  const byRule = dependenciesByRule(ctx);
  return ctx.estate.securityGroups.flatMap((group): Finding[] => {
    const apps = appsServedBy(ctx, group.id).map((app) => app.name);
    const owners = ownersServedBy(ctx, group.id);
    const breadth = Math.max(apps.length, owners.length);
    if (breadth < 2) return [];
    const { index } = ctx.engine;
    const rules = [...index.rules(group.id, 'ingress'), ...index.rules(group.id, 'egress')].map(
      (indexed) => ({
        indexed,
        riding: byRule.get(indexed.rule.key) ?? [],
      }),
    );
    const dependencies = [...new Set(rules.flatMap((rule) => rule.riding))];
    const workloads = ctx.members.get(group.id)?.length ?? 0;
    const label = ctx.groupLabel(group.id);
    const objects: FindingObject[] = [
      { type: 'security-group', id: group.id, label },
      ...apps.map((app): FindingObject => ({ type: 'app', id: app, label: app })),
    ];
    const perRule = rules.map(({ indexed, riding }) => `${ruleText(indexed)}: ${riding.length}`);
    const splitBy = apps.length >= 2 ? `app (${apps.join(', ')})` : `owner (${owners.join(', ')})`;
    return [
      {
        id: `shared-segment:${objects.map((o) => o.id).join(',')}`,
        kind: 'shared-segment',
        severity: breadth >= 3 ? 'high' : 'medium',
        title: `${label} is shared by ${count(apps.length, 'app')} of ${count(owners.length, 'owner')}`,
        explanation:
          `${label} is attached to ${count(workloads, 'workload')} of the apps ${apps.join(', ')} ` +
          `(owners ${owners.join(', ')}): any edit to its rules changes what all of them may send and receive, ` +
          `so one change needs every owner's review. Dependencies riding on each rule: ${perRule.join('; ')}.`,
        objects,
        owners,
        evidence: {
          rules: rules.map(({ indexed }) => ruleReference(indexed) as SecurityGroupDecidingRule),
          dependencies,
          flows: [],
          figures: {
            apps: apps.length,
            owners: owners.length,
            workloads,
            dependencies: dependencies.length,
            ...Object.fromEntries(
              rules.map(({ indexed, riding }) => [`dependencies on ${indexed.rule.key}`, riding.length]),
            ),
          },
        },
        suggestion: `split ${group.id} into one group per ${splitBy}, each with only the rules its dependencies need`,
      },
    ];
  });
}

/** `ingress tcp 8080 from sg-0abc`, with the rule key so a reader finds it in the export. */
function ruleText(indexed: IndexedRule): string {
  const { rule } = indexed;
  const preposition = rule.direction === 'ingress' ? 'from' : 'to';
  return `${rule.key} ${rule.direction} ${describeSelector(indexed.selector)} ${preposition} ${describePeer(indexed)}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
