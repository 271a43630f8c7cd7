import { decidingRuleText } from '../../analysis/decidingRuleText';
import type { ImpactReport } from '../types';
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

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  rows.length === 0 ? [] : [row(header), row(header.map(() => '---')), ...rows.map(row), ''];

function section(title: string, lines: readonly string[]): string[] {
  return lines.some(Boolean) ? [`## ${title}`, '', ...lines] : [];
}

/** The impact for a change ticket or a pull-request comment: the verdict first, the evidence after. */
export function impactMarkdown(report: ImpactReport): string {
  const { subject, changes } = report;
  return [
    `# Change impact: ${subject.title}`,
    '',
    `**Risk: ${report.risk.level.toUpperCase()}** (${subject.before.name} → ${subject.after.name})`,
    '',
    ...report.risk.reasons.map((reason) => `- ${reason}`),
    '',
    ...table(['Figure', 'Value'], headline(report)),
    ...section(
      'Approvals needed',
      report.approvers.flatMap((a) => [`- **${a.owner}**: ${a.reasons.join('; ')}`]).concat(''),
    ),
    ...section(
      'Dependencies whose verdict changes',
      table(
        ['Dependency', 'Apps', 'Effect', 'Pairs blocked / allowed / unknown', 'Why (first changed pair)'],
        report.dependencies.map((d) => [
          dependencyText(d),
          `${d.fromApp ?? '?'} → ${d.toApp ?? '?'}`,
          effectText[d.effect],
          `${d.newlyBlocked} / ${d.newlyAllowed} / ${d.newlyUnknown} of ${d.workloadPairs}`,
          whyText(d.examples[0]),
        ]),
      ),
    ),
    ...section(
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
          e.workloadId,
          e.publicAddress,
          e.apps.join(', '),
          protocolText(e.protocol),
          portsText(e.protocol, e.added),
          portsText(e.protocol, e.removed),
          reachedText(e),
          e.rules.map(decidingRuleText).join(', '),
        ]),
      ),
    ),
    ...section(
      'Apps',
      table(
        ['App', 'Owners', 'Dependencies broken', 'Pairs opened', 'Pairs closed', 'Exposure added'],
        report.apps.map((a) => [
          a.app,
          a.owners.join(', '),
          String(a.dependenciesBroken),
          String(a.pairsOpened),
          String(a.pairsClosed),
          String(a.exposureAdded),
        ]),
      ),
    ),
    ...section(
      'Flows whose verdict changes, by app',
      table(
        ['From', 'To', 'Protocol', 'Opened', 'Closed', 'Undecidable', 'Pairs', 'Needed by'],
        flowsByApp(report.flows).map((f) => [
          endpointText(f.from),
          endpointText(f.to),
          protocolText(f.protocol),
          portsText(f.protocol, f.opened),
          portsText(f.protocol, f.closed),
          portsText(f.protocol, f.undecided),
          String(f.workloadPairs),
          f.neededBy.join(', ') || (f.opened.length ? 'no dependency' : ''),
        ]),
      ),
    ),
    ...section(
      'Segments',
      table(
        ['From segment', 'To segment', 'Protocol', 'Opened', 'Closed', 'Pairs'],
        report.segments.map((s) => [
          s.fromGroup,
          s.toGroup,
          protocolText(s.protocol),
          portsText(s.protocol, s.opened),
          portsText(s.protocol, s.closed),
          String(s.workloadPairs),
        ]),
      ),
    ),
    ...section('What changes', [
      ...changes.rules.removed.map((r) => `- Rule removed: \`${r.text}\` (${r.id})`),
      ...changes.rules.added.map((r) => `- Rule added: \`${r.text}\``),
      ...changes.rules.changed.map((r) => `- Rule changed: \`${r.before}\` → \`${r.after}\` (${r.id})`),
      ...changes.aclEntries.removed.map((e) => `- ACL entry removed: \`${e.text}\``),
      ...changes.aclEntries.added.map((e) => `- ACL entry added: \`${e.text}\``),
      ...changes.aclEntries.changed.map((e) => `- ACL entry changed: \`${e.before}\` → \`${e.after}\``),
      ...changes.workloads.map((w) => `- Workload ${w.workloadId} ${w.change}: ${w.text}`),
      ...changes.networkPolicies.removed.map((p) => `- NetworkPolicy removed: \`${p.text}\``),
      ...changes.networkPolicies.added.map((p) => `- NetworkPolicy added: \`${p.text}\``),
      ...changes.networkPolicies.changed.map(
        (p) => `- NetworkPolicy replaced: \`${p.before}\` → \`${p.after}\``,
      ),
      ...changes.pods.map((pod) => `- Pod ${pod.podId} ${pod.change}: ${pod.text}`),
      '',
    ]),
    ...section('Not evaluated', [...report.notEvaluated.map((n) => `- \`${n.where}\`: ${n.what}`), '']),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

function whyText(pair: ImpactReport['dependencies'][number]['examples'][number] | undefined): string {
  if (pair === undefined) return '';
  const rules = pair.rules.map(decidingRuleText).join(', ');
  return `${pair.source} → ${pair.destination}: ${pair.reason}${rules ? ` [${rules}]` : ''}`;
}
