import type { FindingsOverview } from '../../../preload/contract';

export type FindingKind = FindingsOverview['findings'][number]['kind'];

/** Labels for the kinds the findings type declares; a kind added there must be labelled here. */
export const findingKindLabels: Record<FindingKind, string> = {
  'blocked-dependency': 'Blocked dependency',
  'over-permissive': 'Over-permissive rule',
  'unused-rule': 'Unused rule',
  'shared-segment': 'Shared segment',
  'fragmented-application': 'Fragmented application',
  'owner-mismatch': 'Owner mismatch',
  exposure: 'Exposure',
};
