import type { ImpactReport } from '../../../../preload/contract';

type FlowChange = ImpactReport['flows'][number];
type PortRange = FlowChange['opened'][number];

/** `5432`, `80, 443`, `8000-8100`, `all`. */
export function portsText(ranges: readonly PortRange[]): string {
  return ranges
    .map(({ from, to }) =>
      from === 0 && to === 65535 ? 'all' : from === to ? String(from) : `${from}-${to}`,
    )
    .join(', ');
}

/** One end of a flow: its distinct names, and how many workloads stand behind them. */
export function sideText(workloadIds: readonly string[], name: (id: string) => string): string {
  const names = [...new Set(workloadIds.map(name))];
  const shown = names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
  return workloadIds.length > 1 ? `${shown} (${workloadIds.length} workloads)` : shown;
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
