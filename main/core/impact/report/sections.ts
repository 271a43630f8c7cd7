import { decidingRuleText } from '../../analysis/decidingRuleText';
import type { ImpactReport, ObjectChanges } from '../types';
import { segmentLabel } from './picture';
import {
  dependencyText,
  effectText,
  egressEffectText,
  endpointText,
  flowsByApp,
  portsText,
  portText,
  protocolText,
  reachedText,
  someIds,
} from './text';

/** A piece of a report line: plain text, code (ids, rule texts), or emphasis. */
export type Span = string | { readonly code: string } | { readonly strong: string };
export type Line = readonly Span[];

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Line[])[];
  /** Columns of numbers, right-aligned where the format can. */
  readonly numeric: readonly number[];
}

/** One titled part of a report: a table or a list. Empty ones are left out by the renderers. */
export type Section =
  | { readonly title: string; readonly table: Table }
  | { readonly title: string; readonly list: readonly Line[] };

const code = (text: string): Span => ({ code: text });

/**
 * The evidence sections every text report shows, in order, as data: the Markdown and HTML reports
 * render the same content and differ only in markup.
 */
export function impactSections(report: ImpactReport): Section[] {
  const { changes } = report;
  return [
    {
      title: 'Approvals needed',
      list: report.approvers.map((a) => [{ strong: a.owner }, `: ${a.reasons.join('; ')}`]),
    },
    {
      title: 'Dependencies whose verdict changes',
      table: {
        header: [
          'Dependency',
          'Apps',
          'Effect',
          'Pairs blocked / allowed / unknown',
          'Why (first changed pair)',
        ],
        rows: report.dependencies.map((d) => {
          const first = d.examples[0];
          const rules = first?.rules.map(decidingRuleText).join(', ') ?? '';
          return [
            [dependencyText(d)],
            [`${d.fromApp ?? '?'} → ${d.toApp ?? '?'}`],
            [d.effect === 'breaks' ? { strong: effectText[d.effect] } : effectText[d.effect]],
            [`${d.newlyBlocked} / ${d.newlyAllowed} / ${d.newlyUnknown} of ${d.workloadPairs}`],
            first
              ? [
                  `${first.source} → ${first.destination}: ${first.reason}`,
                  ...(rules ? [' ', code(rules)] : []),
                ]
              : [],
          ];
        }),
        numeric: [],
      },
    },
    {
      title: 'Exposure to the internet',
      table: {
        header: [
          'Workload',
          'Public address',
          'Apps',
          'Protocol',
          'Added',
          'Removed',
          'Reached from the internet',
          'Rules',
        ],
        rows: report.exposure.map((e) => [
          [e.workloadId],
          [e.publicAddress],
          [e.apps.join(', ')],
          [protocolText(e.protocol)],
          [portsText(e.protocol, e.added)],
          [portsText(e.protocol, e.removed)],
          [reachedText(e)],
          e.rules.length ? [code(e.rules.map(decidingRuleText).join(', '))] : [],
        ]),
        numeric: [],
      },
    },
    {
      title: 'Connections out to the internet',
      table: {
        header: ['Workloads', 'Apps', 'Protocol', 'Added', 'Removed', 'Effect', 'Rules'],
        rows: report.internetEgress.map((e) => [
          [someIds(e.workloadIds)],
          [e.apps.join(', ')],
          [`${protocolText(e.protocol)}${e.family === 6 ? ' over IPv6' : ''}`],
          [portsText(e.protocol, e.added)],
          [portsText(e.protocol, e.removed)],
          [egressEffectText(e)],
          e.rules.length ? [code(e.rules.map(decidingRuleText).join(', '))] : [],
        ]),
        numeric: [],
      },
    },
    {
      title: 'Connections from outside seen in the flow logs',
      table: {
        header: ['Client', 'Workload', 'Service', 'App', 'Traffic', 'Records', 'After', 'Why'],
        rows: report.outsideFlows.map((f) => [
          [f.client],
          [f.workloadId],
          [f.service],
          [f.app ?? ''],
          [portText(f.protocol, f.port)],
          [String(f.records)],
          [f.after === false ? { strong: 'stops' } : 'may stop (undecidable)'],
          [f.reason, ...(f.rules.length ? [' ', code(f.rules.map(decidingRuleText).join(', '))] : [])],
        ]),
        numeric: [5],
      },
    },
    {
      title: 'Apps',
      table: {
        header: [
          'App',
          'Owners',
          'Dependencies broken',
          'Connections from outside stopped',
          'Pairs opened',
          'Pairs closed',
          'Exposure added (workload, protocol)',
        ],
        rows: report.apps.map((a) => [
          [a.app],
          [a.owners.join(', ')],
          [String(a.dependenciesBroken)],
          [String(a.outsideStopped)],
          [String(a.pairsOpened)],
          [String(a.pairsClosed)],
          [String(a.exposureAdded)],
        ]),
        numeric: [2, 3, 4, 5, 6],
      },
    },
    {
      title: 'Flows whose verdict changes, by app',
      table: {
        header: ['From', 'To', 'Protocol', 'Opened', 'Closed', 'Undecidable', 'Pairs', 'Needed by'],
        rows: flowsByApp(report.flows).map((f) => [
          [endpointText(f.from)],
          [endpointText(f.to)],
          [protocolText(f.protocol)],
          [portsText(f.protocol, f.opened)],
          [portsText(f.protocol, f.closed)],
          [portsText(f.protocol, f.undecided)],
          [String(f.workloadPairs)],
          [f.neededBy.join(', ') || (f.opened.length ? 'no dependency' : '')],
        ]),
        numeric: [6],
      },
    },
    {
      title: 'Segments',
      table: {
        header: ['From segment', 'To segment', 'Protocol', 'Opened', 'Closed', 'Pairs'],
        rows: report.segments.map((s) => [
          [segmentLabel(report, s.fromGroup)],
          [segmentLabel(report, s.toGroup)],
          [protocolText(s.protocol)],
          [portsText(s.protocol, s.opened)],
          [portsText(s.protocol, s.closed)],
          [String(s.workloadPairs)],
        ]),
        numeric: [5],
      },
    },
    {
      title: 'What changes',
      list: [
        ...objectLines(changes.rules, 'Rule', 'changed', true),
        ...objectLines(changes.aclEntries, 'ACL entry', 'changed', false),
        ...changes.aclAssociations.map((line) => [`ACL association changed: ${line.text}`]),
        ...objectLines(changes.prefixListEntries, 'Prefix list entry', 'changed', false),
        ...changes.workloads.map((w) => [`Workload ${w.workloadId} ${w.change}: ${w.text}`]),
        ...objectLines(changes.networkPolicies, 'NetworkPolicy', 'replaced', false),
        ...changes.pods.map((pod) => [`Pod ${pod.podId} ${pod.change}: ${pod.text}`]),
        ...changes.routes.map((line) => [`Route ${line.change}: ${line.text}`]),
        ...changes.transitGateways.map((line) => [`Transit gateway ${line.change}: ${line.text}`]),
      ] satisfies Line[],
    },
    {
      title: 'Not evaluated',
      list: report.notEvaluated.map((n) => [code(n.where), `: ${n.what}`]),
    },
  ];
}

/** Renders a span list with the format's markup; `text` escapes plain text for the format. */
/** `Rule removed: …`, `ACL entry added: …`: a line per object removed, added or changed, ids where they name it. */
function objectLines(changes: ObjectChanges, noun: string, changed: string, withIds: boolean): Line[] {
  const id = (line: { readonly id: string }) => (withIds ? [` (${line.id})`] : []);
  return [
    ...changes.removed.map((line) => [`${noun} removed: `, code(line.text), ...id(line)]),
    ...changes.added.map((line) => [`${noun} added: `, code(line.text)]),
    ...changes.changed.map((line) => [
      `${noun} ${changed}: `,
      code(line.before),
      ' → ',
      code(line.after),
      ...id(line),
    ]),
  ];
}

export function renderLine(
  line: Line,
  markup: { text: (t: string) => string; code: (t: string) => string; strong: (t: string) => string },
): string {
  return line
    .map((span) =>
      typeof span === 'string'
        ? markup.text(span)
        : 'code' in span
          ? markup.code(span.code)
          : markup.strong(span.strong),
    )
    .join('');
}
