import { alignmentFigures } from './alignment';
import { blockedDependencies } from './blockedDependency';
import type { FindingContext } from './context';
import { exposures } from './exposure';
import { fragmentedApplications } from './fragmentedApplication';
import { serviceExposures } from './kubernetes/exposure';
import { namespaceFindings } from './kubernetes/namespaces';
import { policyFindings } from './kubernetes/policies';
import { overPermissiveRules } from './overPermissive';
import { ownerMismatches } from './ownerMismatch';
import { sharedSegments } from './sharedSegment';
import { type Finding, type FindingsReport, findingKinds, type Severity } from './types';
import { unusedRules } from './unusedRule';

const rules: readonly ((ctx: FindingContext) => readonly Finding[])[] = [
  blockedDependencies,
  overPermissiveRules,
  unusedRules,
  sharedSegments,
  fragmentedApplications,
  ownerMismatches,
  exposures,
  namespaceFindings,
  policyFindings,
  serviceExposures,
];

/** Raise when a finding rule changes what it reports: stored findings of older rules are then recomputed. */
export const findingRulesVersion = 20;

const severityRank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * Every finding rule over one snapshot, most severe first, then in the order kinds are listed, then by
 * id. `onProgress` counts the rules done.
 */
export function computeFindings(
  ctx: FindingContext,
  onProgress?: (done: number, total: number) => void,
): FindingsReport {
  const findings = rules
    .flatMap((rule, index) => {
      onProgress?.(index, rules.length);
      return rule(ctx);
    })
    .sort(
      (a, b) =>
        severityRank[a.severity] - severityRank[b.severity] ||
        findingKinds.indexOf(a.kind) - findingKinds.indexOf(b.kind) ||
        a.id.localeCompare(b.id),
    );
  const alignment = alignmentFigures(ctx);
  onProgress?.(rules.length, rules.length);
  return { findings, alignment };
}
