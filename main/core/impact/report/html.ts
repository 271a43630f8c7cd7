import { editedSegments } from '../approvers';
import type { ImpactReport, RiskLevel } from '../types';
import { appPicture, edgeColors, escapeXml, segmentPicture } from './picture';
import { impactSections, type Line, renderLine, type Section } from './sections';
import { headline } from './text';

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

const list = (items: readonly string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';

const html = {
  text: h,
  code: (t: string) => `<code>${h(t)}</code>`,
  strong: (t: string) => `<b>${h(t)}</b>`,
};
const line = (spans: Line) => renderLine(spans, html);

function section(part: Section): string {
  const body =
    'table' in part
      ? table(
          part.table.header,
          part.table.rows.map((cells) => cells.map(line)),
          part.table.numeric,
        )
      : list(part.list.map(line));
  return body ? `<h2>${h(part.title)}</h2>${body}` : '';
}

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
    ...impactSections(report).map(section),
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
