import { decidingRuleText } from '../analysis/decidingRuleText';
import { markdownCode, markdownText as text } from './markdownText';
import type { AlignmentFigures, Finding, FindingKind } from './types';

const kindTitles: Record<FindingKind, string> = {
  'blocked-dependency': 'Blocked dependencies',
  'over-permissive': 'Over-permissive allowances',
  'unused-rule': 'Unused rules',
  'shared-segment': 'Shared segments (change scope)',
  'fragmented-application': 'Fragmented applications (responsibility)',
  'owner-mismatch': 'Owner mismatches',
  exposure: 'Exposure to the internet',
};

const percent = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${Math.round((100 * part) / whole)}%`;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function findingSection(f: Finding): string[] {
  return [
    `### ${f.severity.toUpperCase()}: ${text(f.title)}`,
    '',
    text(f.explanation),
    '',
    `- Objects: ${f.objects.map((o) => `${markdownCode(o.id)} ${o.label === o.id ? '' : `(${text(o.label)})`}`.trim()).join(', ')}`,
    `- Owners: ${f.owners.map(text).join(', ') || 'none recorded'}`,
    ...(f.suggestion ? [`- Suggestion: ${text(f.suggestion)}`] : []),
    ...(f.evidence.rules.length
      ? [
          '- Rules:',
          ...f.evidence.rules.map(
            (r) =>
              `  - ${markdownCode(decidingRuleText(r))} (${markdownCode(`${r.source.file} ${r.source.path}`)})`,
          ),
        ]
      : []),
    ...(f.evidence.dependencies.length
      ? [
          '- Dependencies:',
          ...f.evidence.dependencies.map(
            (d) =>
              `  - ${text(`${d.from} → ${d.to} ${d.protocol ?? ''}${d.port === null ? '' : `/${d.port}`} (${d.source})`)}`,
          ),
        ]
      : []),
    ...(Object.keys(f.evidence.figures).length
      ? [
          `- Figures: ${Object.entries(f.evidence.figures)
            .map(([k, v]) => text(`${k} ${v}`))
            .join(', ')}`,
        ]
      : []),
    '',
  ];
}

/** A findings report for a change ticket or a pull-request comment. */
export function findingsMarkdown(
  snapshotName: string,
  findings: readonly Finding[],
  alignment: AlignmentFigures,
): string {
  const { dependenciesAllowed: d, rulesUsed: r } = alignment;
  const byKind = Object.entries(kindTitles).flatMap(([kind, title]) => {
    const ofKind = findings.filter((f) => f.kind === kind);
    return ofKind.length ? [`## ${title} (${ofKind.length})`, '', ...ofKind.flatMap(findingSection)] : [];
  });
  return [
    `# Faultline findings: ${text(snapshotName)}`,
    '',
    '| Alignment | Value |',
    '| --- | --- |',
    `| Dependencies the policy allows | ${d.allowed} of ${d.total} (${percent(d.allowed, d.total)}) |`,
    `| Rules some dependency uses | ${r.used} of ${r.total} (${percent(r.used, r.total)}) |`,
    `| Most segments per app | ${
      alignment.segmentsPerApp
        .slice(0, 3)
        .map((a) => `${cell(text(a.app))} ${a.segments}`)
        .join(', ') || 'n/a'
    } |`,
    `| Most apps per segment | ${
      alignment.appsPerSegment
        .slice(0, 3)
        .map((s) => `${cell(text(s.groupId))} ${s.apps}`)
        .join(', ') || 'n/a'
    } |`,
    '',
    findings.length === 0 ? 'No findings.' : `${findings.length} finding(s).`,
    '',
    ...byKind,
  ].join('\n');
}
