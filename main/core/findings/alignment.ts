import type { AppNode } from '../applications/model';
import type { FindingContext } from './context';
import { dependenciesByRule, dependencyPairs, isDefaultEgress } from './dependencyPairs';
import type { AlignmentFigures } from './types';

/**
 * How far application responsibilities and network change scope line up, in a few figures. The
 * structure findings are thresholds on the same measures, so the lookups live here.
 */
export function alignmentFigures(ctx: FindingContext): AlignmentFigures {
  const measured = dependencyPairs(ctx);
  // AWS writes the default egress rule on every group and it decides nearly every outbound flow:
  // counting it would measure the defaults rather than the rules teams wrote.
  const rules = ctx.estate.securityGroupRules.filter((rule) => !isDefaultEgress(rule));
  const used = dependenciesByRule(ctx);
  const groupIds = ctx.estate.securityGroups.map((group) => group.id);
  return {
    dependenciesAllowed: {
      allowed: measured.filter((one) => one.allowed).length,
      total: measured.length,
    },
    rulesUsed: { used: rules.filter((rule) => used.has(rule.key)).length, total: rules.length },
    segmentsPerApp: descending(
      ctx.applications.apps.map((app) => ({ app: app.name, segments: segmentsOfApp(ctx, app).length })),
      (row) => row.segments,
      (row) => row.app,
    ),
    appsPerSegment: descending(
      groupIds.map((groupId) => ({ groupId, apps: ctx.appsInSegment(groupId).length })),
      (row) => row.apps,
      (row) => row.groupId,
    ),
    ownersPerSegment: descending(
      groupIds.map((groupId) => ({ groupId, owners: ownersServedBy(ctx, groupId).length })),
      (row) => row.owners,
      (row) => row.groupId,
    ),
  };
}

/** The security groups any workload of the app's services carries, sorted. */
export function segmentsOfApp(ctx: FindingContext, app: AppNode): string[] {
  const groupIds = app.services
    .flatMap((service) => service.workloadIds)
    .flatMap((id) => ctx.workloads.get(id)?.groupIds ?? []);
  return [...new Set(groupIds)].sort();
}

/** The apps a group's workloads belong to, by name (finding ids are built from them). */
export function appsServedBy(ctx: FindingContext, groupId: string): AppNode[] {
  return ctx.appsInSegment(groupId).flatMap((name) => ctx.apps.get(name) ?? []);
}

/** The owners of the apps a group's workloads belong to (not the group's own owner tag), sorted. */
export function ownersServedBy(ctx: FindingContext, groupId: string): string[] {
  return [...new Set(appsServedBy(ctx, groupId).flatMap((app) => app.owners))].sort();
}

function descending<T>(rows: T[], count: (row: T) => number, name: (row: T) => string): T[] {
  return rows.sort((a, b) => count(b) - count(a) || name(a).localeCompare(name(b)));
}
