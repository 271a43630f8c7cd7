import type { DecidingRule, FlowVerdict } from '../analysis/verdict';
import type { ServiceDependency } from '../applications/model';

export type FindingKind =
  | 'blocked-dependency'
  | 'over-permissive'
  | 'unused-rule'
  | 'shared-segment'
  | 'fragmented-application'
  | 'owner-mismatch'
  | 'exposure';

export const findingKinds: readonly FindingKind[] = [
  'blocked-dependency',
  'over-permissive',
  'unused-rule',
  'shared-segment',
  'fragmented-application',
  'owner-mismatch',
  'exposure',
];

export type Severity = 'high' | 'medium' | 'low';

/** Something a finding is about, as the views can select it. */
export interface FindingObject {
  readonly type:
    | 'app'
    | 'service'
    | 'workload'
    | 'security-group'
    | 'network-acl'
    | 'subnet'
    | 'namespace'
    | 'network-policy'
    | 'transit-gateway';
  readonly id: string;
  readonly label: string;
}

/** Enough for a reader to verify the finding by hand: the rules, dependencies and flows it rests on. */
export interface Evidence {
  readonly rules: readonly DecidingRule[];
  readonly dependencies: readonly ServiceDependency[];
  readonly flows: readonly FlowVerdict[];
  /** Counts a finding is measured by, e.g. `workloadPairs`, `ports`, `apps`. */
  readonly figures: Readonly<Record<string, number>>;
}

export interface Finding {
  /** Stable across recomputation of the same snapshot: kind plus the objects' ids. */
  readonly id: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** One line. */
  readonly title: string;
  /** Plain language: what is wrong and why it matters. */
  readonly explanation: string;
  readonly objects: readonly FindingObject[];
  /** Teams or people whose apps or segments the finding touches. */
  readonly owners: readonly string[];
  readonly evidence: Evidence;
  /** What would fix it, e.g. the narrowest rule that would allow a blocked dependency. */
  readonly suggestion: string | null;
}

export interface AlignmentFigures {
  /** Dependencies (declared or observed) the policy allows, of all dependencies between workloads. */
  readonly dependenciesAllowed: { readonly allowed: number; readonly total: number };
  /** Security group rules some dependency needs, of all rules. */
  readonly rulesUsed: { readonly used: number; readonly total: number };
  readonly segmentsPerApp: readonly { readonly app: string; readonly segments: number }[];
  readonly appsPerSegment: readonly { readonly groupId: string; readonly apps: number }[];
  readonly ownersPerSegment: readonly { readonly groupId: string; readonly owners: number }[];
}

export interface FindingsReport {
  readonly findings: readonly Finding[];
  readonly alignment: AlignmentFigures;
}

/** A finding as the views show it: everything but the evidence, which only reports print. */
export type FindingSummary = Omit<Finding, 'evidence'>;

/**
 * The findings for the window. The evidence (each rule with its source, the flows quoted) was most
 * of the 51 MB the 26,702 findings of the 50,000-ENI bench estate took as JSON, and the views never
 * show it.
 */
export interface FindingsOverview {
  readonly findings: readonly FindingSummary[];
  readonly alignment: AlignmentFigures;
}
