import type { ImpactReport } from '../../../../preload/contract';

type FlowChange = ImpactReport['flows'][number];
type PortRange = FlowChange['opened'][number];

/** The badge of an exposure a change adds: whether the internet then reaches the workload. */
export function reachWord(reachable: ImpactReport['exposure'][number]['reachable']): string {
  if (reachable === 'unknown') return 'reachable unless unseen hops stop it';
  return reachable ? 'reachable' : 'latent';
}

/** `5432`, `80, 443`, `8000-8100`, `all`. */
export function portsText(ranges: readonly PortRange[]): string {
  return ranges
    .map(({ from, to }) =>
      from === 0 && to === 65535 ? 'all' : from === to ? String(from) : `${from}-${to}`,
    )
    .join(', ');
}

/** One end of a flow: the distinct names of its workloads (their services, mostly). */
function sideText(workloadIds: readonly string[], name: (id: string) => string): string {
  const names = [...new Set(workloadIds.map(name))];
  return names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
}

export interface FlowLine {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly opened: string;
  readonly closed: string;
  readonly undecided: string;
  readonly neededBy: readonly string[];
  readonly pairs: number;
}

/**
 * Flows as lines between named ends. Workloads of one service that rules treat differently are
 * separate flows in the report but read the same: such lines are merged and their pairs added up.
 */
export function flowLines(flows: readonly FlowChange[], name: (id: string) => string): FlowLine[] {
  const lines = new Map<string, FlowLine>();
  for (const flow of flows) {
    const line: FlowLine = {
      from: sideText(flow.from.workloadIds, name),
      to: sideText(flow.to.workloadIds, name),
      protocol: flow.protocol,
      opened: portsText(flow.opened),
      closed: portsText(flow.closed),
      undecided: portsText(flow.undecided),
      neededBy: flow.neededBy,
      pairs: flow.workloadPairs,
    };
    const key = JSON.stringify({ ...line, pairs: 0 });
    const seen = lines.get(key);
    lines.set(key, seen ? { ...seen, pairs: seen.pairs + line.pairs } : line);
  }
  return [...lines.values()];
}

/** Each app of the report with the flows that start or end in it, in the report's order (worst first). */
export function flowsByApp(
  report: ImpactReport,
): { app: ImpactReport['apps'][number]; flows: FlowChange[] }[] {
  return report.apps.map((app) => ({
    app,
    flows: report.flows.filter((f) => f.from.apps.includes(app.app) || f.to.apps.includes(app.app)),
  }));
}

/** `1 dependency breaks`, `2 dependencies break`: counts read as sentences. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export interface ChangeLine {
  readonly effect: 'added' | 'removed' | 'changed';
  readonly text: string;
}

/**
 * What differs between the two sides, one line each: rules, ACL and prefix list entries, policies,
 * then memberships and pods.
 */
export function changeLines(changes: ImpactReport['changes']): ChangeLine[] {
  const objects = [
    changes.rules,
    changes.aclEntries,
    changes.prefixListEntries,
    changes.networkPolicies,
  ].flatMap((kind) => [
    ...kind.removed.map((line): ChangeLine => ({ effect: 'removed', text: line.text })),
    ...kind.added.map((line): ChangeLine => ({ effect: 'added', text: line.text })),
    ...kind.changed.map(
      (line): ChangeLine => ({ effect: 'changed', text: `${line.before} → ${line.after}` }),
    ),
  ]);
  const effectOf = (change: string): ChangeLine['effect'] =>
    change === 'added' || change === 'removed' ? change : 'changed';
  return [
    ...objects,
    ...changes.aclAssociations.map((line): ChangeLine => ({ effect: 'changed', text: line.text })),
    ...changes.workloads.map((w) => ({ effect: effectOf(w.change), text: `${w.workloadId}: ${w.text}` })),
    ...changes.pods.map((p) => ({ effect: effectOf(p.change), text: `${p.podId}: ${p.text}` })),
    ...[...changes.routes, ...changes.transitGateways].map(
      (line): ChangeLine => ({ effect: line.change, text: line.text }),
    ),
  ];
}
