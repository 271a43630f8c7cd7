import { decidingRuleText } from '../../analysis/decidingRuleText';
import { editedSegments } from '../approvers';
import type { ImpactReport, RiskLevel } from '../types';
import { appPicture, edgeColors, escapeXml, segmentLabel, segmentPicture } from './picture';
import {
  dependencyText,
  effectText,
  endpointText,
  flowsByApp,
  headline,
  portsText,
  protocolText,
  reachedText,
} from './text';

const riskColors: Record<RiskLevel, string> = { high: '#cf222e', medium: '#bf8700', low: '#1a7f37' };

// Inline and print-friendly: the file is mailed, attached to tickets and printed to PDF, so it may
// load nothing from anywhere.
const style = `
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #24292f; margin: 24px; font-size: 13px; }
h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 15px; margin: 24px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.risk { display: inline-block; color: #fff; font-weight: bold; padding: 2px 10px; border-radius: 12px; }
.subject { color: #57606a; margin-left: 8px; }
table { border-collapse: collapse; margin: 4px 0 8px; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.pictures { display: flex; flex-wrap: wrap; gap: 16px; } .pictures figure { margin: 0; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; }
figcaption { font-weight: bold; margin-bottom: 4px; }
.legend span { margin-right: 12px; } .legend i { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 4px; }
.breaks { color: #cf222e; font-weight: bold; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr, figure { break-inside: avoid; } }
`;

const h = escapeXml;

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
): string {
  if (rows.length === 0) return '';
  const cells = (cells: readonly string[], tag: string) =>
    cells
      .map((c, at) => `<${tag}${numeric.includes(at) && tag === 'td' ? ' class="num"' : ''}>${c}</${tag}>`)
      .join('');
  return `<table><thead><tr>${cells(header.map(h), 'th')}</tr></thead><tbody>${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody></table>`;
}

const section = (title: string, body: string) => (body ? `<h2>${h(title)}</h2>${body}` : '');
const list = (items: readonly string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';

/** A self-contained HTML page: inline CSS and SVG, no script, nothing fetched. */
export function impactHtml(report: ImpactReport): string {
  const { subject, changes } = report;
  const edited = editedSegments(changes);
  const legend = Object.entries(edgeColors)
    .map(([kind, color]) => `<span><i style="background:${color}"></i>${h(kind)}</span>`)
    .join('');
  const body = [
    `<h1>Change impact: ${h(subject.title)}</h1>`,
    `<p><span class="risk" style="background:${riskColors[report.risk.level]}">Risk: ${report.risk.level.toUpperCase()}</span><span class="subject">${h(subject.before.name)} → ${h(subject.after.name)}</span></p>`,
    list(report.risk.reasons.map(h)),
    table(
      ['Figure', 'Value'],
      headline(report).map(([k, v]) => [h(k), h(v)]),
      [1],
    ),
    `<div class="pictures"><figure><figcaption>Applications</figcaption>${appPicture(report)}</figure><figure><figcaption>Segments</figcaption>${segmentPicture(report, [...edited.groups, ...edited.acls, ...edited.namespaces, ...edited.policies])}</figure></div>`,
    `<p class="legend">${legend}</p>`,
    section(
      'Approvals needed',
      list(report.approvers.map((a) => `<b>${h(a.owner)}</b>: ${h(a.reasons.join('; '))}`)),
    ),
    section(
      'Dependencies whose verdict changes',
      table(
        ['Dependency', 'Apps', 'Effect', 'Blocked / allowed / unknown pairs', 'Why (first changed pair)'],
        report.dependencies.map((d) => {
          const first = d.examples[0];
          const why = first
            ? `${h(`${first.source} → ${first.destination}: ${first.reason}`)}${first.rules.length ? `<br><code>${h(first.rules.map(decidingRuleText).join(', '))}</code>` : ''}`
            : '';
          return [
            h(dependencyText(d)),
            h(`${d.fromApp ?? '?'} → ${d.toApp ?? '?'}`),
            d.effect === 'breaks'
              ? `<span class="breaks">${effectText[d.effect]}</span>`
              : h(effectText[d.effect]),
            h(`${d.newlyBlocked} / ${d.newlyAllowed} / ${d.newlyUnknown} of ${d.workloadPairs}`),
            why,
          ];
        }),
      ),
    ),
    section(
      'Exposure to the internet',
      table(
        [
          'Workload',
          'Public address',
          'Apps',
          'Protocol',
          'Added',
          'Removed',
          'Reached from the internet',
          'Rules',
        ],
        report.exposure.map((e) => [
          h(e.workloadId),
          h(e.publicAddress),
          h(e.apps.join(', ')),
          h(protocolText(e.protocol)),
          h(portsText(e.protocol, e.added)),
          h(portsText(e.protocol, e.removed)),
          h(reachedText(e)),
          `<code>${h(e.rules.map(decidingRuleText).join(', '))}</code>`,
        ]),
      ),
    ),
    section(
      'Apps',
      table(
        ['App', 'Owners', 'Dependencies broken', 'Pairs opened', 'Pairs closed', 'Exposure added'],
        report.apps.map((a) => [
          h(a.app),
          h(a.owners.join(', ')),
          String(a.dependenciesBroken),
          String(a.pairsOpened),
          String(a.pairsClosed),
          String(a.exposureAdded),
        ]),
        [2, 3, 4, 5],
      ),
    ),
    section(
      'Flows whose verdict changes, by app',
      table(
        ['From', 'To', 'Protocol', 'Opened', 'Closed', 'Undecidable', 'Pairs', 'Needed by'],
        flowsByApp(report.flows).map((f) => [
          h(endpointText(f.from)),
          h(endpointText(f.to)),
          h(protocolText(f.protocol)),
          h(portsText(f.protocol, f.opened)),
          h(portsText(f.protocol, f.closed)),
          h(portsText(f.protocol, f.undecided)),
          String(f.workloadPairs),
          h(f.neededBy.join(', ') || (f.opened.length ? 'no dependency' : '')),
        ]),
        [6],
      ),
    ),
    section(
      'Segments',
      table(
        ['From segment', 'To segment', 'Protocol', 'Opened', 'Closed', 'Pairs'],
        report.segments.map((s) => [
          h(segmentLabel(report, s.fromGroup)),
          h(segmentLabel(report, s.toGroup)),
          h(protocolText(s.protocol)),
          h(portsText(s.protocol, s.opened)),
          h(portsText(s.protocol, s.closed)),
          String(s.workloadPairs),
        ]),
        [5],
      ),
    ),
    section(
      'What changes',
      list([
        ...changes.rules.removed.map((r) => `Rule removed: <code>${h(r.text)}</code> (${h(r.id)})`),
        ...changes.rules.added.map((r) => `Rule added: <code>${h(r.text)}</code>`),
        ...changes.rules.changed.map(
          (r) => `Rule changed: <code>${h(r.before)}</code> → <code>${h(r.after)}</code>`,
        ),
        ...changes.aclEntries.removed.map((e) => `ACL entry removed: <code>${h(e.text)}</code>`),
        ...changes.aclEntries.added.map((e) => `ACL entry added: <code>${h(e.text)}</code>`),
        ...changes.aclEntries.changed.map(
          (e) => `ACL entry changed: <code>${h(e.before)}</code> → <code>${h(e.after)}</code>`,
        ),
        ...changes.workloads.map((w) => `Workload ${h(w.workloadId)} ${h(w.change)}: ${h(w.text)}`),
        ...changes.networkPolicies.removed.map((p) => `NetworkPolicy removed: <code>${h(p.text)}</code>`),
        ...changes.networkPolicies.added.map((p) => `NetworkPolicy added: <code>${h(p.text)}</code>`),
        ...changes.networkPolicies.changed.map(
          (p) => `NetworkPolicy replaced: <code>${h(p.before)}</code> → <code>${h(p.after)}</code>`,
        ),
        ...changes.pods.map((pod) => `Pod ${h(pod.podId)} ${h(pod.change)}: ${h(pod.text)}`),
      ]),
    ),
    section(
      'Not evaluated',
      list(report.notEvaluated.map((n) => `<code>${h(n.where)}</code>: ${h(n.what)}`)),
    ),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Change impact: ${h(subject.title)}</title><style>${style}</style></head>
<body>
${body}
</body></html>
`;
}
