import type { ReachabilityEngine } from '../analysis/reachability';
import type { ApplicationModel } from '../applications/model';
import type { TagKeys } from '../applications/tagKeys';
import type { Estate } from '../domain/estate';
import { type ImpactProgress, type PhaseReport, step } from '../domain/progress';
import { FindingContext } from '../findings/context';
import { appImpacts, approversOf, editedSegments, namedOwners, type Touched } from './approvers';
import type { NotEvaluated } from './change';
import { affectedPods, clusterSegmentNames, newlyIsolated } from './clusterDiff';
import { diffDependencies } from './dependencyChanges';
import { affectedWorkloads, diffEstates } from './estateDiff';
import { diffExposure } from './exposure';
import { diffFlows } from './flowChanges';
import { diffInternetEgress } from './internetEgress';
import { reachFromInternet } from './internetReach';
import { diffOutsideFlows } from './outsideFlows';
import { diffPodFlows } from './podFlowChanges';
import { assessRisk, unneededOpenings } from './risk';
import type { ImpactReport, ImpactSubject } from './types';

/** One side of the comparison: an estate, the application model over it and, if built already, its engine. */
export interface ImpactSide {
  readonly estate: Estate;
  readonly applications: ApplicationModel;
  readonly engine?: ReachabilityEngine;
  /** The side's finding context, when the caller keeps one for these tag keys (the service does). */
  readonly context?: FindingContext;
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
  report?: PhaseReport<ImpactProgress['phase']>,
): ImpactReport {
  // Indexing the changed estate is part of comparing: on a large one it takes half a second.
  const { beforeCtx, afterCtx, changes, affected } = step(report, 'comparing', () => {
    const changes = diffEstates(before.estate, after.estate);
    return {
      beforeCtx:
        before.context ?? new FindingContext(before.estate, before.applications, tagKeys, before.engine),
      afterCtx: after.context ?? new FindingContext(after.estate, after.applications, tagKeys, after.engine),
      changes,
      affected: affectedWorkloads(before.estate, after.estate, changes),
    };
  });
  const pods = affectedPods(before.estate.kubernetes, after.estate.kubernetes, changes);
  const workloadFlows = diffFlows(
    before.estate,
    after.estate,
    affected,
    afterCtx.serviceOf,
    after.applications.dependencies,
    // The engines' indexes serve the sweeps too: each costs a quarter of a second on a large estate.
    { ...(report ? { report } : {}), indexes: [beforeCtx.engine.index, afterCtx.engine.index] },
  );
  const podFlows = diffPodFlows(
    before.estate.kubernetes,
    after.estate.kubernetes,
    pods,
    afterCtx.serviceOf,
    after.applications.dependencies,
  );
  const flows = [...workloadFlows.flows, ...podFlows.flows];
  const segments = [...workloadFlows.segments, ...podFlows.segments];
  const dependencies = step(report, 'dependencies', () => diffDependencies(beforeCtx, afterCtx));
  const internet = step(report, 'exposure', () => ({
    exposure: diffExposure(
      { estate: before.estate, index: beforeCtx.engine.index },
      { estate: after.estate, index: afterCtx.engine.index },
      afterCtx.serviceOf,
      { before: reachFromInternet(beforeCtx), after: reachFromInternet(afterCtx) },
      affected,
    ),
    internetEgress: diffInternetEgress(
      { estate: before.estate, engine: beforeCtx.engine },
      { estate: after.estate, engine: afterCtx.engine },
      affected,
      afterCtx.serviceOf,
    ),
    // What the logs saw happen before the change is what it can stop.
    outsideFlows: diffOutsideFlows(
      beforeCtx.engine,
      afterCtx.engine,
      before.applications.outsideFlows,
      affected,
      (service) => afterCtx.services.get(service)?.app ?? null,
    ),
  }));
  const touched = {
    changes,
    dependencies,
    flows,
    segments,
    ...internet,
  };
  const approvers = step(report, 'approvers', () => approversOf(afterCtx, touched, before.estate));
  const sum = (side: 'opened' | 'closed') =>
    flows.filter((flow) => flow[side].length > 0).reduce((total, flow) => total + flow.workloadPairs, 0);
  return {
    schemaVersion: 2,
    subject,
    risk: assessRisk(
      touched,
      notEvaluated,
      approvers,
      newlyIsolated(before.estate.kubernetes, after.estate.kubernetes),
    ),
    ...touched,
    approvers,
    apps: appImpacts(afterCtx, touched),
    segmentNames: segmentNames(before.estate, after.estate, touched),
    notEvaluated,
    figures: {
      workloadsAffected: (affected === 'all' ? after.estate.workloads.length : affected.size) + pods.size,
      dependenciesBroken: touched.dependencies.filter((d) => d.effect === 'breaks').length,
      pairsOpened: sum('opened'),
      pairsClosed: sum('closed'),
      unneededOpenings: unneededOpenings(touched).length,
      ownersToApprove: namedOwners(approvers).length,
    },
  };
}

/**
 * Names of the segments the report mentions: groups (GroupName), ACLs (Name tag), and namespaces and
 * NetworkPolicies as the segment graph names them.
 */
function segmentNames(before: Estate, after: Estate, touched: Touched): Record<string, string> {
  const edited = editedSegments(touched.changes);
  const ids = new Set([
    ...edited.groups,
    ...edited.acls,
    ...edited.namespaces,
    ...edited.policies,
    ...touched.segments.flatMap((s) => [s.fromGroup, s.toGroup]),
    ...touched.flows.flatMap((f) => [...f.from.groupIds, ...f.to.groupIds, f.from.subnetId, f.to.subnetId]),
  ]);
  return Object.fromEntries([
    ...after.securityGroups.filter((g) => ids.has(g.id)).map((g) => [g.id, g.name]),
    ...after.networkAcls.filter((a) => ids.has(a.id) && a.tags.Name).map((a) => [a.id, a.tags.Name]),
    // A removed policy is named by the estate it was in.
    ...[before, after].flatMap((estate) =>
      clusterSegmentNames(estate.kubernetes).filter(([id]) => ids.has(id)),
    ),
  ]);
}
