import type { FindingContext } from './context';

/** The apps the workloads (ENIs or pods, by id) belong to, sorted. */
export function appsOf(ctx: FindingContext, workloadIds: Iterable<string>): string[] {
  return [...new Set([...workloadIds].flatMap((id) => ctx.serviceOf.get(id)?.app ?? []))].sort();
}

const dependedOnCache = new WeakMap<FindingContext, ReadonlySet<string>>();

/** `from|to` for every app with a service that depends on a service of the other. */
function appDependencies(ctx: FindingContext): ReadonlySet<string> {
  let found = dependedOnCache.get(ctx);
  if (!found) {
    const appOf = (service: string) => ctx.services.get(service)?.app;
    found = new Set(ctx.applications.dependencies.map((d) => `${appOf(d.from)}|${appOf(d.to)}`));
    dependedOnCache.set(ctx, found);
  }
  return found;
}

/**
 * The pairs of different apps that an allowance lets talk (sources to destinations) although no
 * service of the first depends on any service of the second. Apps talking within themselves are
 * their own business.
 */
export function unneededAppPairs(
  ctx: FindingContext,
  sourceIds: Iterable<string>,
  destinationIds: Iterable<string>,
): [string, string][] {
  const dependedOn = appDependencies(ctx);
  const destinations = appsOf(ctx, destinationIds);
  return appsOf(ctx, sourceIds)
    .flatMap((from) => destinations.map((to): [string, string] => [from, to]))
    .filter(([from, to]) => from !== to && !dependedOn.has(`${from}|${to}`));
}
