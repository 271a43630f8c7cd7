import type { DeclaredService } from '../domain/applications';
import type { Tags } from '../domain/estate';
import type { ServiceOrigin } from './model';
import { type TagKeys, tagValue } from './tagKeys';

/** An ENI's tags, or a pod's labels: both name applications the same way. */
export interface Tagged {
  readonly tags: Tags;
}

export interface Membership {
  readonly service: string;
  /** The application the workload's own tags name, if any. */
  readonly tagApp: string | null;
  readonly tagOwner: string | null;
  readonly origin: ServiceOrigin;
}

function matchesSelector(workload: Tagged, selector: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => tagValue(workload.tags, [key]) === value);
}

/**
 * Which service a workload belongs to. A catalog selector that matches wins (the catalog is the
 * deliberate statement); otherwise the service tag, otherwise the app tag standing for a service of
 * the same name. Null when nothing names it: the workload is unassigned.
 */
export function membershipOf(
  workload: Tagged,
  selectors: readonly DeclaredService[],
  keys: TagKeys,
): Membership | null {
  const tagApp = tagValue(workload.tags, keys.app);
  const tagOwner = tagValue(workload.tags, keys.owner);
  const selected = selectors.find((s) => s.workloadSelector && matchesSelector(workload, s.workloadSelector));
  if (selected) return { service: selected.name, tagApp, tagOwner, origin: selected.origin };
  const service = tagValue(workload.tags, keys.service) ?? tagApp;
  return service ? { service, tagApp, tagOwner, origin: 'tags' } : null;
}
