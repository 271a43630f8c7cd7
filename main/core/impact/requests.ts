import type { TagKeys } from '../applications/tagKeys';
import { type ImpactProgress, type PhaseReport, step } from '../domain/progress';
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

type Report = PhaseReport<ImpactProgress['phase']>;

/** The snapshot against itself with the change applied; the stored snapshot is not touched. */
export function changeImpact(
  snapshot: SnapshotSide,
  change: ProposedChange,
  tagKeys: TagKeys,
  { kind = 'change', report }: { kind?: 'change' | 'plan'; report?: Report } = {},
): ImpactReport {
  const after = step(report, 'applying', () => applyChange(snapshot.estate, change));
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
    report,
  );
}

/** A Terraform plan (`terraform show -json PLANFILE`) as a change to the snapshot. */
export function planImpact(
  snapshot: SnapshotSide,
  file: string,
  data: Uint8Array,
  tagKeys: TagKeys,
  report?: Report,
): ImpactReport {
  return changeImpact(snapshot, planToChange(readPlanFile(file, data), snapshot.estate, file), tagKeys, {
    kind: 'plan',
    ...(report ? { report } : {}),
  });
}

/** Two snapshots of one estate, the older first: what changed in rules, membership and reachability. */
export function compareImpact(
  older: SnapshotSide,
  newer: SnapshotSide,
  tagKeys: TagKeys,
  report?: Report,
): ImpactReport {
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
    [],
    report,
  );
}
