import { appsServedBy, ownersServedBy } from './alignment';
import type { FindingContext } from './context';
import type { Finding, FindingObject } from './types';

/**
 * A security group whose owner tag names a team that owns none of the apps it serves: the team that
 * approves its rule changes is not the team whose traffic they govern. A group serving several apps,
 * one of them its owner's, is not a mismatch: its owner has a stake, and the problem is the sharing
 * (a shared-segment finding). Groups without an owner tag or without app workloads are not judged.
 * Medium when the group serves one app (a wrong tag or a group that should move to that app's team);
 * low when it serves several, since the shared-segment finding already carries that group's weight.
 */
export function ownerMismatches(ctx: FindingContext): Finding[] {
  return ctx.estate.securityGroups.flatMap((group): Finding[] => {
    const owner = ctx.segmentOwner(group.id);
    const apps = appsServedBy(ctx, group.id).map((app) => app.name);
    const owners = ownersServedBy(ctx, group.id);
    if (owner === null || apps.length === 0 || owners.includes(owner)) return [];
    const label = ctx.groupLabel(group.id);
    const objects: FindingObject[] = [
      { type: 'security-group', id: group.id, label },
      ...apps.map((app): FindingObject => ({ type: 'app', id: app, label: app })),
    ];
    const single = apps.length === 1;
    return [
      {
        id: `owner-mismatch:${objects.map((o) => o.id).join(',')}`,
        kind: 'owner-mismatch',
        severity: single ? 'medium' : 'low',
        title: `${label} is owned by ${owner} but serves only ${apps.join(', ')} (${owners.join(', ')})`,
        explanation:
          `${label} is tagged as owned by ${owner}, yet every workload carrying it belongs to ${apps.join(', ')}, ` +
          `owned by ${owners.join(', ')}. ${owner} approves changes to traffic it does not own, and ` +
          `${owners.join(', ')} cannot change their own network without asking.`,
        objects,
        owners: [...new Set([owner, ...owners])].sort(),
        evidence: {
          rules: [],
          dependencies: [],
          flows: [],
          figures: {
            apps: apps.length,
            owners: owners.length,
            workloads: ctx.members.get(group.id)?.length ?? 0,
          },
        },
        suggestion: single
          ? `retag ${group.id} with owner ${owners.join(', ')}, or move the workloads of ${apps[0]} into a group ${owners.join(', ')} owns`
          : `split ${group.id} per app (see the shared-segment finding) and give each part its app's owner`,
      },
    ];
  });
}
