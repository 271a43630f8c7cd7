import type { ReachabilityEngine } from '../analysis/reachability';
import type { ApplicationModel } from '../applications/model';
import type { TagKeys } from '../applications/tagKeys';
import type { Estate } from '../domain/estate';
import { FindingContext } from '../findings/context';
import { exposures } from '../findings/exposure';
import { appImpacts, approversOf, editedSegments, type Touched } from './approvers';
import type { NotEvaluated } from './change';
import { diffDependencies } from './dependencyChanges';
import { affectedWorkloads, diffEstates } from './estateDiff';
import { diffExposure } from './exposure';
import { diffFlows } from './flowChanges';
import { assessRisk, unneededOpenings } from './risk';
import type { ImpactReport, ImpactSubject } from './types';

/** One side of the comparison: an estate, the application model over it and, if built already, its engine. */
export interface ImpactSide {
  readonly estate: Estate;
  readonly applications: ApplicationModel;
  readonly engine?: ReachabilityEngine;
}

/**
 * What changes between two estates of one network: a snapshot and the same snapshot with a change
 * applied, or two snapshots. Every verdict comes from the reachability engine (dependency pairs) or
 * the allowed-flow graph built on the same layers; see docs/impact.md.
 */
export function computeImpact(
  subject: ImpactSubject,
  before: ImpactSide,
  after: ImpactSide,
  tagKeys: TagKeys,
  notEvaluated: readonly NotEvaluated[] = [],
): ImpactReport {
  const beforeCtx = new FindingContext(before.estate, before.applications, tagKeys, before.engine);
  const afterCtx = new FindingContext(after.estate, after.applications, tagKeys, after.engine);
  const changes = diffEstates(before.estate, after.estate);
  const affected = affectedWorkloads(before.estate, after.estate, changes);
  const { flows, segments } = diffFlows(
    before.estate,
    after.estate,
    affected,
    afterCtx.serviceOf,
    after.applications.dependencies,
  );
  const touched = {
    changes,
    dependencies: diffDependencies(beforeCtx, afterCtx),
    flows,
    segments,
    exposure: diffExposure(
      { estate: before.estate, index: beforeCtx.engine.index },
      { estate: after.estate, index: afterCtx.engine.index },
      afterCtx.serviceOf,
      reachableFromInternet(afterCtx),
    ),
  };
  const approvers = approversOf(afterCtx, touched);
  const sum = (side: 'opened' | 'closed') =>
    flows.filter((flow) => flow[side].length > 0).reduce((total, flow) => total + flow.workloadPairs, 0);
  return {
    schemaVersion: 1,
    subject,
    risk: assessRisk(touched, notEvaluated, approvers),
    ...touched,
    approvers,
    apps: appImpacts(afterCtx, touched),
    segmentNames: segmentNames(after.estate, touched),
    notEvaluated,
    figures: {
      workloadsAffected: affected === 'all' ? after.estate.workloads.length : affected.size,
      dependenciesBroken: touched.dependencies.filter((d) => d.effect === 'breaks').length,
      pairsOpened: sum('opened'),
      pairsClosed: sum('closed'),
      unneededOpenings: unneededOpenings(touched).length,
    },
  };
}

/** Names of the groups (GroupName) and ACLs (Name tag) the report mentions. */
function segmentNames(estate: Estate, touched: Touched): Record<string, string> {
  const edited = editedSegments(touched.changes);
  const ids = new Set([
    ...edited.groups,
    ...edited.acls,
    ...touched.segments.flatMap((s) => [s.fromGroup, s.toGroup]),
    ...touched.flows.flatMap((f) => [...f.from.groupIds, ...f.to.groupIds]),
  ]);
  return Object.fromEntries([
    ...estate.securityGroups.filter((g) => ids.has(g.id)).map((g) => [g.id, g.name]),
    ...estate.networkAcls.filter((a) => ids.has(a.id) && a.tags.Name).map((a) => [a.id, a.tags.Name]),
  ]);
}

/**
 * Whether the internet reaches a workload with a protocol (`-1`: any of those an all-traffic rule opens),
 * from the exposure finding's engine verdicts: a route to an internet gateway, ACLs passing both ways.
 */
function reachableFromInternet(ctx: FindingContext): (workloadId: string, protocol: string) => boolean {
  const reached = new Set(
    exposures(ctx).flatMap((finding) =>
      finding.evidence.flows.flatMap((flow) => [
        `${flow.destination.workloadId}|${flow.protocol}`,
        `${flow.destination.workloadId}|-1`,
      ]),
    ),
  );
  return (workloadId, protocol) => reached.has(`${workloadId}|${protocol}`);
}
