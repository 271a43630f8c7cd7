import { writtenTraffic } from '../../findings/dependencyPairs';
import { exposureAddedPairs } from '../exposure';
import { stoppedPorts } from '../internetEgress';
import { portsText } from '../portsText';
import type {
  DependencyImpact,
  ExposureChange,
  FlowChange,
  ImpactReport,
  InternetEgressChange,
  WayOut,
} from '../types';

export { portsText, portText, protocolText } from '../portsText';

export const dependencyText = (d: DependencyImpact) => `${d.from} → ${d.to} ${writtenTraffic(d)}`;

export const effectText: Record<DependencyImpact['effect'], string> = {
  breaks: 'BREAKS',
  'may-break': 'may break',
  restored: 'restored',
  changes: 'changes',
};

/** Up to `shown` ids, then "+N more". */
export function someIds(ids: readonly string[], shown = 3): string {
  const head = ids.slice(0, shown).join(', ');
  return ids.length > shown ? `${head} +${ids.length - shown} more` : head;
}

/** `shop: eni-1, eni-2 (sg-web)`: one side of a flow. */
export function endpointText(side: FlowChange['from']): string {
  const apps = side.apps.length ? `${side.apps.join(', ')}: ` : '';
  return `${apps}${someIds(side.workloadIds)} (${side.groupIds.join(', ') || side.subnetId})`;
}

/** The headline figures, in the order every report shows them. */
export function headline(report: ImpactReport): [string, string][] {
  const { figures } = report;
  return [
    ['Risk', report.risk.level.toUpperCase()],
    ['Dependencies that break', String(figures.dependenciesBroken)],
    ['Workload pairs with flows opened', String(figures.pairsOpened)],
    ['Workload pairs with flows closed', String(figures.pairsClosed)],
    ['Openings no dependency needs', String(figures.unneededOpenings)],
    ['Exposure added (workload, protocol)', String(exposureAddedPairs(report.exposure))],
    [
      'Workloads whose connections out to the internet stop',
      String(
        report.internetEgress.reduce(
          (sum, e) => sum + (stoppedPorts(e).length ? e.workloadIds.length : 0),
          0,
        ),
      ),
    ],
    ['Owners who must approve', String(report.figures.ownersToApprove)],
    ['Parts not evaluated', String(report.notEvaluated.length)],
  ];
}

/** Flows sorted so one app's lines stand together: by the apps of both ends, then protocol. */
export function flowsByApp(flows: readonly FlowChange[]): FlowChange[] {
  const key = (flow: FlowChange) =>
    `${flow.from.apps.join(',') || '~'}>${flow.to.apps.join(',') || '~'}>${flow.protocol}`;
  return [...flows].sort((a, b) => key(a).localeCompare(key(b)));
}

export function reachedText({ added, reachable }: ExposureChange): string {
  if (added.length === 0) return '';
  if (reachable === 'unknown') return 'yes, unless what the export does not show stops it';
  return reachable ? 'yes' : 'not yet: the ACL or routing stops it';
}

const wayOutWord = (wayOut: WayOut) =>
  wayOut === 'unknown' ? 'cannot tell from the export' : wayOut ? 'yes' : 'no';

/** What a change to connections out to the internet does: the verdicts behind it, in words. */
export function egressEffectText(egress: InternetEgressChange): string {
  const removed: Record<string, string> = {
    true: 'removed ports got out: they stop',
    false: 'removed ports were stopped already by the ACL or routing',
    unknown: 'whether removed ports got out cannot be told from the export',
  };
  const added: Record<string, string> = {
    true: 'added ports get out',
    false: 'added ports do not get out yet: the ACL or routing stops them',
    unknown: 'whether added ports get out cannot be told from the export',
  };
  const kept =
    egress.keptGotOut === null || egress.keptGetsOut === null
      ? ''
      : `${portsText(egress.protocol, egress.kept)} still open, the way out changed: got out ${wayOutWord(egress.keptGotOut)}, now ${wayOutWord(egress.keptGetsOut)}`;
  return [
    egress.removedGotOut === null ? '' : removed[String(egress.removedGotOut)],
    egress.addedGetsOut === null ? '' : added[String(egress.addedGetsOut)],
    kept,
  ]
    .filter(Boolean)
    .join('; ');
}
