/**
 * An impact report as marks on the two views: which dependencies break or come back, which flows
 * open or close between services, which segment edges open or close, and which apps and segments
 * the change touches. Marks name keys (graph/keys), not drawn elements, so they survive collapsing.
 */
import type { ImpactReport } from '../../../preload/contract';
import { protocolPort } from '../format';
import { mergeLabels } from './collapse';
import { keyOf } from './keys';

export type ImpactEffect = 'breaks' | 'restored' | 'undecided' | 'opened' | 'closed';

export interface ImpactMark {
  readonly source: string;
  readonly target: string;
  readonly effect: ImpactEffect;
  /** `tcp/5432`, `tcp 80, 443`: what the edge would say. */
  readonly label: string;
}

/** `edited`: its rules, entries or members change; `hit`: flows to or from it change. */
export type NodeImpact = 'edited' | 'hit';

export interface ViewOverlay {
  readonly nodes: ReadonlyMap<string, NodeImpact>;
  readonly edges: readonly ImpactMark[];
}

export interface ImpactOverlay {
  readonly app: ViewOverlay;
  readonly segment: ViewOverlay;
}

export const noOverlay: ImpactOverlay = {
  app: { nodes: new Map(), edges: [] },
  segment: { nodes: new Map(), edges: [] },
};

/** The worst first: when several marks land on one edge, the first of these wins. */
export const effectRank: readonly ImpactEffect[] = ['breaks', 'undecided', 'closed', 'restored', 'opened'];

type PortRange = ImpactReport['flows'][number]['opened'][number];

const dependencyEffects: Record<ImpactReport['dependencies'][number]['effect'], ImpactEffect> = {
  breaks: 'breaks',
  'may-break': 'undecided',
  restored: 'restored',
  changes: 'undecided',
};

/**
 * `serviceOf` names the service a workload belongs to in the application view (null when none does):
 * flows are between workloads, and the view draws services.
 */
export function impactOverlay(
  report: ImpactReport | null,
  serviceOf: (workloadId: string) => string | null,
): ImpactOverlay {
  if (!report) return noOverlay;
  return { app: appOverlay(report, serviceOf), segment: segmentOverlay(report) };
}

function appOverlay(report: ImpactReport, serviceOf: (workloadId: string) => string | null): ViewOverlay {
  const nodes = new Map<string, NodeImpact>();
  const edges: ImpactMark[] = [];
  const marked = new Set<string>();
  for (const dependency of report.dependencies) {
    const source = keyOf('service', dependency.from);
    const target = keyOf('service', dependency.to);
    edges.push({
      source,
      target,
      effect: dependencyEffects[dependency.effect],
      label: protocolPort(dependency.protocol, dependency.port),
    });
    marked.add(`${source} ${target}`);
    nodes.set(source, 'hit');
    nodes.set(target, 'hit');
  }
  // Flows no dependency explains still open or close between services: drawn beside the dependencies.
  const flowMarks = new Map<
    string,
    { source: string; target: string; effect: ImpactEffect; ports: string[] }
  >();
  for (const flow of report.flows) {
    const sources = servicesOf(flow.from.workloadIds, serviceOf);
    const targets = servicesOf(flow.to.workloadIds, serviceOf);
    for (const [effect, ranges] of [
      ['closed', flow.closed],
      ['opened', flow.opened],
      ['undecided', flow.undecided],
    ] as const) {
      if (ranges.length === 0) continue;
      for (const from of sources) {
        for (const to of targets) {
          const source = keyOf('service', from);
          const target = keyOf('service', to);
          if (source === target || marked.has(`${source} ${target}`)) continue;
          const id = `${source} ${target} ${effect}`;
          const mark = flowMarks.get(id) ?? { source, target, effect, ports: [] };
          mark.ports.push(...ranges.map((range) => `${flow.protocol}${rangeText(range)}`));
          flowMarks.set(id, mark);
        }
      }
    }
  }
  for (const mark of flowMarks.values()) {
    edges.push({
      source: mark.source,
      target: mark.target,
      effect: mark.effect,
      label: listText(mark.ports),
    });
  }
  for (const app of report.apps) nodes.set(keyOf('app', app.app), 'hit');
  // A client outside every service is no node: the service it reached stands for the connection.
  for (const flow of report.outsideFlows) {
    nodes.set(keyOf('service', flow.service), 'hit');
    if (flow.app) nodes.set(keyOf('app', flow.app), 'hit');
  }
  return { nodes, edges };
}

function segmentOverlay(report: ImpactReport): ViewOverlay {
  const nodes = new Map<string, NodeImpact>();
  const edges: ImpactMark[] = [];
  for (const change of report.segments) {
    for (const group of [change.fromGroup, change.toGroup]) nodes.set(keyOf('segment', group), 'hit');
    if (change.fromGroup === change.toGroup) continue;
    const source = keyOf('segment', change.fromGroup);
    const target = keyOf('segment', change.toGroup);
    for (const [effect, ranges] of [
      ['closed', change.closed],
      ['opened', change.opened],
    ] as const) {
      if (ranges.length > 0)
        edges.push({
          source,
          target,
          effect,
          label: listText(ranges.map((range) => `${change.protocol}${rangeText(range)}`)),
        });
    }
  }
  const { rules, aclEntries, prefixListEntries, workloads, networkPolicies } = report.changes;
  for (const line of [...rules.added, ...rules.removed, ...rules.changed])
    nodes.set(keyOf('segment', line.segment), 'edited');
  // A prefix list is no node: the groups whose rules name it admit what its entries say.
  for (const group of prefixListEntries.namedBy) nodes.set(keyOf('segment', group), 'edited');
  for (const line of [...aclEntries.added, ...aclEntries.removed, ...aclEntries.changed])
    nodes.set(keyOf('acl', line.segment), 'edited');
  // A NetworkPolicy is a segment of its own, drawn inside its namespace's.
  for (const line of [...networkPolicies.added, ...networkPolicies.removed, ...networkPolicies.changed]) {
    nodes.set(keyOf('segment', line.id), 'edited');
    nodes.set(keyOf('segment', line.segment), 'edited');
  }
  for (const workload of workloads) {
    for (const group of [...workload.groupsAdded, ...workload.groupsRemoved])
      nodes.set(keyOf('segment', group), 'edited');
  }
  return { nodes, edges };
}

function servicesOf(workloadIds: readonly string[], serviceOf: (id: string) => string | null): string[] {
  return [...new Set(workloadIds.flatMap((id) => serviceOf(id) ?? []))];
}

function rangeText({ from, to }: PortRange): string {
  if (from === 0 && to === 65535) return ' all';
  return from === to ? `/${from}` : `/${from}-${to}`;
}

/** The first few, then how many more: as merged edges label their ports. */
const listText = (parts: readonly string[]): string => mergeLabels(parts.join(', '), undefined);
