import { markdownCode, markdownText } from '../../findings/markdownText';
import type { ImpactReport } from '../types';
import { impactSections, type Line, renderLine, type Section } from './sections';
import { headline } from './text';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  rows.length === 0 ? [] : [row(header), row(header.map(() => '---')), ...rows.map(row), ''];

const markdown = {
  text: markdownText,
  code: markdownCode,
  strong: (t: string) => `**${markdownText(t)}**`,
};
const line = (spans: Line) => renderLine(spans, markdown);

function section(part: Section): string[] {
  const lines =
    'table' in part
      ? table(
          part.table.header,
          part.table.rows.map((cells) => cells.map(line)),
        )
      : part.list.length
        ? [...part.list.map((item) => `- ${line(item)}`), '']
        : [];
  return lines.length ? [`## ${part.title}`, '', ...lines] : [];
}

/** The impact for a change ticket or a pull-request comment: the verdict first, the evidence after. */
export function impactMarkdown(report: ImpactReport): string {
  const { subject } = report;
  return [
    `# Change impact: ${markdownText(subject.title)}`,
    '',
    `**Risk: ${report.risk.level.toUpperCase()}** (${markdownText(subject.before.name)} → ${markdownText(subject.after.name)})`,
    '',
    ...report.risk.reasons.map((reason) => `- ${markdownText(reason)}`),
    '',
    ...table(
      ['Figure', 'Value'],
      headline(report).map((cells) => cells.map(markdownText)),
    ),
    ...impactSections(report).flatMap(section),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
