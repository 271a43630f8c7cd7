import type { ElementDefinition } from 'cytoscape';
import {
  type CollapseLimits,
  collapse,
  defaultCollapsed,
  flip,
  type GraphEdge,
  type GraphNode,
  mergeLabels,
} from './collapse';
import { toElements } from './elements';
import { keyOf } from './keys';
import type { Scope } from './scope';
import type { ViewIndex } from './viewData';

type Verdict = 'allowed' | 'blocked' | 'unknown' | 'unchecked';
type Origin = 'declared' | 'observed' | 'both';

export interface DependencyEdge extends GraphEdge {
  readonly verdict: Verdict;
  readonly origin: Origin;
}

export interface AppViewOptions {
  readonly scope: Scope;
  readonly showWorkloads: boolean;
  /** Groups the user opened or closed, flipping their default. */
  readonly toggled: ReadonlySet<string>;
}

export const appViewLimits: CollapseLimits = { maxChildren: 40, maxNodes: 400 };

/** Apps holding their services (and workloads on demand); edges are dependencies. */
export function appGraph(
  index: ViewIndex,
  options: AppViewOptions,
): { nodes: GraphNode[]; edges: DependencyEdge[] } {
  const { apps: appsInScope } = options.scope;
  const apps = index.data.applications.apps.filter((app) => appsInScope?.has(app.name) ?? true);
  const nodes: GraphNode[] = [];
  for (const app of apps) {
    const owner = app.owners[0] ?? null;
    nodes.push({
      id: keyOf('app', app.name),
      kind: 'app',
      label: app.name,
      owner,
      detail: app.owners.join(', '),
    });
    for (const service of app.services) {
      nodes.push({
        id: keyOf('service', service.name),
        kind: 'service',
        label: service.name,
        parent: keyOf('app', app.name),
        owner: service.owners[0] ?? owner,
      });
      if (!options.showWorkloads) continue;
      for (const id of service.workloadIds) {
        const workload = index.workloads.get(id);
        nodes.push({
          id: keyOf('workload', id),
          kind: 'workload',
          label: workload?.name ?? id,
          parent: keyOf('service', service.name),
          owner: service.owners[0] ?? owner,
          detail: workload?.privateIp ?? undefined,
          flags: workload?.publicIp ? ['public'] : [],
        });
      }
    }
  }
  const shown = new Set(nodes.map((n) => n.id));
  const edges: DependencyEdge[] = [];
  for (const dependency of index.data.topology.dependencies) {
    const source = keyOf('service', dependency.from);
    const target = keyOf('service', dependency.to);
    if (!shown.has(source) && !shown.has(target)) continue;
    for (const [end, name] of [
      [source, dependency.from],
      [target, dependency.to],
    ] as const) {
      if (shown.has(end)) continue;
      // A dependency on something no app holds (a bucket, a queue, a payment provider) still shows.
      if (index.services.has(name)) continue;
      nodes.push({ id: end, kind: 'service', label: name, detail: 'external', flags: ['external'] });
      shown.add(end);
    }
    if (!shown.has(source) || !shown.has(target)) continue;
    const port = dependency.protocol ? `${dependency.protocol}/${dependency.port ?? '*'}` : 'any';
    edges.push({
      id: `dep:${dependency.from}->${dependency.to}:${port}`,
      source,
      target,
      label: port,
      verdict: dependency.verdict,
      origin: dependency.source,
      classes: [dependency.verdict, dependency.source],
    });
  }
  return { nodes, edges };
}

const verdictRank: Record<Verdict, number> = { allowed: 0, unchecked: 1, unknown: 2, blocked: 3 };

/** Edges merged by collapsing show the worst verdict, and `both` when their sources differ. */
export function mergeDependencies(a: DependencyEdge, b: DependencyEdge): DependencyEdge {
  const verdict = verdictRank[b.verdict] > verdictRank[a.verdict] ? b.verdict : a.verdict;
  const origin = a.origin === b.origin ? a.origin : 'both';
  return { ...a, verdict, origin, label: mergeLabels(a.label, b.label), classes: [verdict, origin] };
}

export function appElements(index: ViewIndex, options: AppViewOptions): ElementDefinition[] {
  const { nodes, edges } = appGraph(index, options);
  const collapsed = flip(defaultCollapsed(nodes, appViewLimits), options.toggled);
  return toElements(collapse(nodes, edges, collapsed, mergeDependencies));
}
