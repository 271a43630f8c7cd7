import type { ReachabilityEngine } from '../analysis/reachability';
import type { ApplicationModel } from '../applications/model';
import type { TagKeys } from '../applications/tagKeys';
import type { Estate } from '../domain/estate';
import { FindingContext } from '../findings/context';
import { appImpacts, approversOf } from './approvers';
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
