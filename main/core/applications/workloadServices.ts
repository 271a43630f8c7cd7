import type { DeclaredService } from '../domain/applications';
import type { Tags } from '../domain/estate';
import { nameKey } from '../domain/spellings';
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

/** Declared services whose selectors match a workload equally well: which one runs it is not said. */
export interface ContestedMembership {
  readonly contested: readonly string[];
  /** The pairs each of their selectors has. */
  readonly pairs: number;
}

function matchesSelector(workload: Tagged, selector: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => tagValue(workload.tags, [key]) === value);
}

/** How many tag pairs a service's selector has; the default (its service tag) is one. */
function pairCount(service: DeclaredService): number {
  return service.workloadSelector === null ? 1 : Object.keys(service.workloadSelector).length;
}

/**
 * The declared services a workload can be matched to: those with a workload selector, and those
 * without one by name, whose default selector is the service tag equal to that name.
 */
export class ServiceSelectors {
  private readonly explicit: DeclaredService[] = [];
  private readonly byName = new Map<string, DeclaredService[]>();

  constructor(services: readonly DeclaredService[]) {
    for (const service of services) {
      if (service.workloadSelector !== null) this.explicit.push(service);
      else
        this.byName.set(nameKey(service.name), [...(this.byName.get(nameKey(service.name)) ?? []), service]);
    }
  }

  /** The services whose selectors match the workload, whose service tag is `serviceTag`. */
  matching(workload: Tagged, serviceTag: string | null): DeclaredService[] {
    const named = serviceTag === null ? [] : (this.byName.get(nameKey(serviceTag)) ?? []);
    const selected = this.explicit.filter(
      (s) => s.workloadSelector !== null && matchesSelector(workload, s.workloadSelector),
    );
    return [...selected, ...named];
  }
}

/**
 * Which service a workload belongs to. Of the declared services whose selectors match it, the one
 * with the most pairs wins, whatever the order of the files: the most specific statement is the one
 * meant for this workload. A tie between different services is contested, for the user to settle.
 * Without a match, the service tag names the service, otherwise the app tag standing for a service
 * of the same name. Null when nothing names it: the workload is unassigned.
 */
export function membershipOf(
  workload: Tagged,
  selectors: ServiceSelectors,
  keys: TagKeys,
): Membership | ContestedMembership | null {
  const tagApp = tagValue(workload.tags, keys.app);
  const tagOwner = tagValue(workload.tags, keys.owner);
  const serviceTag = tagValue(workload.tags, keys.service);
  const matched = selectors.matching(workload, serviceTag);
  const pairs = Math.max(0, ...matched.map(pairCount));
  const best = matched.filter((s) => pairCount(s) === pairs);
  const names = [...new Map(best.map((s) => [nameKey(s.name), s.name])).values()];
  if (names.length > 1) return { contested: names, pairs };
  const [selected] = best;
  if (selected) {
    // A service matched by its service tag alone is placed by the tags, not by a catalog selector.
    const origin = selected.workloadSelector === null ? 'tags' : selected.origin;
    return { service: selected.name, tagApp, tagOwner, origin };
  }
  const service = serviceTag ?? tagApp;
  return service ? { service, tagApp, tagOwner, origin: 'tags' } : null;
}
