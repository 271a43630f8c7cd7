import type { FindingKind } from './findingKinds';
import type { ViewIndex } from './viewData';

export interface ViewFilters {
  readonly app: string | null;
  readonly owner: string | null;
  readonly vpc: string | null;
  readonly findingKind: FindingKind | null;
}

export const noFilters: ViewFilters = { app: null, owner: null, vpc: null, findingKind: null };

/** What the filters leave in each view; null means everything. */
export interface Scope {
  readonly apps: ReadonlySet<string> | null;
  readonly segments: ReadonlySet<string> | null;
  readonly vpcs: ReadonlySet<string> | null;
}

/**
 * Each filter narrows both views together: an app filter keeps the app, the apps it talks to and
 * the segments its workloads carry; an owner keeps that team's apps and the segments they carry or it
 * owns; a VPC keeps what lives in it; a finding kind keeps the objects findings of that kind name.
 */
export function scopeOf(index: ViewIndex, filters: ViewFilters): Scope {
  let apps: Set<string> | null = null;
  let segments: Set<string> | null = null;
  let vpcs: Set<string> | null = null;
  const { topology, applications, findings } = index.data;
  const groupsOfApps = (names: ReadonlySet<string>) =>
    new Set(topology.workloads.filter((w) => w.app && names.has(w.app)).flatMap((w) => w.groupIds));

  if (filters.app) {
    const app = filters.app;
    const servicesOfApp = new Set(index.apps.get(app)?.services.map((s) => s.name));
    const appOfService = (name: string) => index.services.get(name)?.app;
    const neighbours = applications.dependencies
      .filter((d) => servicesOfApp.has(d.from) || servicesOfApp.has(d.to))
      .flatMap((d) => [appOfService(d.from), appOfService(d.to)])
      .filter((a): a is string => a !== undefined);
    apps = new Set([app, ...neighbours]);
    segments = groupsOfApps(new Set([app]));
  }
  if (filters.owner) {
    const owner = filters.owner;
    const owned = new Set(applications.apps.filter((a) => a.owners.includes(owner)).map((a) => a.name));
    const ownedSegments = topology.segments.filter((s) => s.owner === owner).map((s) => s.groupId);
    apps = narrow(apps, owned);
    segments = narrow(segments, new Set([...groupsOfApps(owned), ...ownedSegments]));
  }
  if (filters.vpc) {
    const vpc = filters.vpc;
    vpcs = new Set([vpc]);
    const inVpc = topology.workloads.filter((w) => w.vpcId === vpc);
    apps = narrow(apps, new Set(inVpc.flatMap((w) => (w.app ? [w.app] : []))));
    segments = narrow(
      segments,
      new Set(topology.segments.filter((s) => s.vpcId === vpc).map((s) => s.groupId)),
    );
  }
  if (filters.findingKind) {
    const keys = findings.findings
      .filter((f) => f.kind === filters.findingKind)
      .flatMap((f) => f.objects.map((o) => ({ type: o.type, id: o.id })));
    const appsNamed = keys.flatMap(({ type, id }) => {
      if (type === 'app') return [id];
      if (type === 'service') return [index.services.get(id)?.app ?? ''];
      if (type === 'workload') return [index.workloads.get(id)?.app ?? ''];
      return [];
    });
    apps = narrow(apps, new Set(appsNamed.filter(Boolean)));
    segments = narrow(segments, new Set(keys.filter((k) => k.type === 'security-group').map((k) => k.id)));
  }
  return { apps, segments, vpcs };
}

function narrow(current: Set<string> | null, next: Set<string>): Set<string> {
  return current === null ? next : new Set([...current].filter((x) => next.has(x)));
}
