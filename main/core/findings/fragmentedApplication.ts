import type { AppNode } from '../applications/model';
import { segmentsOfApp } from './alignment';
import type { FindingContext } from './context';
import type { Finding, FindingObject } from './types';

/** From this many segments owned by other teams, one change to the app needs too many approvals. */
export const fragmentedThreshold = 3;
/** From this many distinct foreign owners the app's changes stall on approvals: high. */
export const fragmentedHighOwners = 4;

/**
 * An app whose workloads sit in many security groups owned by other teams: changing how the app talks
 * to anything needs each of those owners to approve. A group with no owner tag names nobody to ask and
 * does not count.
 */
export function fragmentedApplications(ctx: FindingContext): Finding[] {
  return ctx.applications.apps.flatMap((app): Finding[] => {
    const segments = segmentsOfApp(ctx, app).map((groupId) => ({
      groupId,
      owner: ctx.segmentOwner(groupId),
    }));
    const foreign = segments.filter(
      (segment): segment is { groupId: string; owner: string } =>
        segment.owner !== null && !app.owners.includes(segment.owner),
    );
    if (foreign.length < fragmentedThreshold) return [];
    const counts = workloadsPerGroup(ctx, app);
    const foreignOwners = [...new Set(foreign.map((segment) => segment.owner))].sort();
    const objects: FindingObject[] = [
      { type: 'app', id: app.name, label: app.name },
      ...foreign.map(
        ({ groupId }): FindingObject => ({
          type: 'security-group',
          id: groupId,
          label: ctx.groupLabel(groupId),
        }),
      ),
    ];
    const listed = segments.map(
      ({ groupId, owner }) =>
        `${ctx.groupLabel(groupId)} owned by ${owner ?? 'nobody'}${foreign.some((f) => f.groupId === groupId) ? ' (other team)' : ''}`,
    );
    return [
      {
        id: `fragmented-application:${objects.map((o) => o.id).join(',')}`,
        kind: 'fragmented-application',
        severity: foreignOwners.length >= fragmentedHighOwners ? 'high' : 'medium',
        title: `${app.name} spans ${segments.length} segments, ${foreign.length} owned by other teams`,
        explanation:
          `The workloads of ${app.name} (owners ${app.owners.join(', ')}) carry ${segments.length} security groups: ` +
          `${listed.join('; ')}. A network change for ${app.name} needs approval from ${foreignOwners.join(', ')} as well.`,
        objects,
        owners: [...new Set([...app.owners, ...foreignOwners])].sort(),
        evidence: {
          rules: [],
          dependencies: [],
          flows: [],
          figures: {
            segments: segments.length,
            foreignSegments: foreign.length,
            foreignOwners: foreignOwners.length,
            ...Object.fromEntries(
              segments.map(({ groupId }) => [`workloads in ${groupId}`, counts.get(groupId) ?? 0]),
            ),
          },
        },
        suggestion: `give ${app.name} its own groups, owned by ${app.owners.join(', ')}, in place of ${foreign.map((f) => f.groupId).join(', ')}`,
      },
    ];
  });
}

/** The app's workloads per group they carry, in one pass rather than a pass per group. */
function workloadsPerGroup(ctx: FindingContext, app: AppNode): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of app.services.flatMap((service) => service.workloadIds)) {
    for (const groupId of ctx.workloads.get(id)?.groupIds ?? [])
      counts.set(groupId, (counts.get(groupId) ?? 0) + 1);
  }
  return counts;
}
