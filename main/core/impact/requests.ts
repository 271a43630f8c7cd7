import type { TagKeys } from '../applications/tagKeys';
import { readPlanFile } from '../terraform/planFile';
import { planToChange } from '../terraform/planToChange';
import { applyChange } from './applyChange';
import type { ProposedChange } from './change';
import { computeImpact, type ImpactSide } from './computeImpact';
import type { ImpactReport } from './types';

/** A snapshot as the report names it, with what the impact needs of it. */
export interface SnapshotSide extends ImpactSide {
  readonly snapshotId: number;
  readonly name: string;
}

/** The snapshot against itself with the change applied; the stored snapshot is not touched. */
export function changeImpact(
  snapshot: SnapshotSide,
  change: ProposedChange,
  tagKeys: TagKeys,
  kind: 'change' | 'plan' = 'change',
): ImpactReport {
  const after = applyChange(snapshot.estate, change);
  return computeImpact(
    {
      kind,
      title: change.title ?? 'Proposed change',
      before: { snapshotId: snapshot.snapshotId, name: snapshot.name },
      after: { snapshotId: null, name: `${snapshot.name} with the change` },
    },
    snapshot,
    // The tags do not change, so neither does the application model; the engine must be rebuilt.
    { estate: after, applications: snapshot.applications },
    tagKeys,
    change.notEvaluated ?? [],
  );
}

/** A Terraform plan (`terraform show -json PLANFILE`) as a change to the snapshot. */
export function planImpact(
  snapshot: SnapshotSide,
  file: string,
  data: Uint8Array,
  tagKeys: TagKeys,
): ImpactReport {
  return changeImpact(
    snapshot,
    planToChange(readPlanFile(file, data), snapshot.estate, file),
    tagKeys,
    'plan',
  );
}

/** Two snapshots of one estate, the older first: what changed in rules, membership and reachability. */
export function compareImpact(older: SnapshotSide, newer: SnapshotSide, tagKeys: TagKeys): ImpactReport {
  return computeImpact(
    {
      kind: 'compare',
      title: `${older.name} → ${newer.name}`,
      before: { snapshotId: older.snapshotId, name: older.name },
      after: { snapshotId: newer.snapshotId, name: newer.name },
    },
    older,
    newer,
    tagKeys,
  );
}
