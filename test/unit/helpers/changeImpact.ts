import { buildApplicationModel } from '../../../main/core/applications/buildModel';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';
import { computeImpact } from '../../../main/core/impact/computeImpact';
import type { ImpactReport } from '../../../main/core/impact/types';

/** The impact report of edits to an estate that has no applications, as a what-if computes it. */
export function impactOfEdits(estate: Estate, edits: readonly ChangeEdit[], title: string): ImpactReport {
  const side = {
    estate,
    applications: buildApplicationModel(
      estate,
      { services: [], dependencies: [], providedApis: [], unresolvedApis: [], flows: [] },
      defaultTagKeys,
    ),
  };
  const subject = {
    kind: 'change',
    title,
    before: { snapshotId: 1, name: 'before' },
    after: { snapshotId: null, name: `with ${title}` },
  } as const;
  return computeImpact(subject, side, { ...side, estate: applyChange(estate, { edits }) }, defaultTagKeys);
}
