import { writtenTraffic } from '../../findings/dependencyPairs';
import { visibleText } from '../../findings/visibleText';
import type { ImpactReport } from '../types';

/** A node of the picture: an app or a segment. */
interface Node {
  readonly id: string;
  readonly label: string;
  /** Shown on hover: the full name. */
  readonly title: string;
  /** Drawn bold: an edited segment, an app whose dependency breaks. */
  readonly marked: boolean;
}

type EdgeKind = 'opened' | 'closed' | 'breaks' | 'undecided';

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label: string;
}

export const edgeColors: Record<EdgeKind, string> = {
  opened: '#1a7f37',
  closed: '#57606a',
  breaks: '#cf222e',
  undecided: '#bf8700',
};

/** Text for HTML and SVG, imported names included: markup escaped, bidirectional and control characters shown. */
export const escapeXml = (text: string) =>
  visibleText(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/** At most this many nodes are drawn; the tables list everything. */
const maxNodes = 24;

const [boxWidth, boxHeight, rowHeight, columnGap, margin] = [170, 26, 36, 60, 12];

/**
 * Senders on the left, receivers on the right, nodes that do both (or only were edited) in the middle,
 * edges as arrows colored by what happens to them: a picture a reader takes in at a glance,
 * deterministic so reports of one change are identical. Pure string building: no DOM, no layout
 * library, no external resource.
 */
function flowSvg(title: string, nodes: readonly Node[], edges: readonly Edge[]): string {
  // Marked nodes first, then the most connected: those are what the reader looks for.
  const degree = (id: string) => edges.filter((edge) => edge.from === id || edge.to === id).length;
  const ranked = [...nodes].sort(
    (a, b) => Number(b.marked) - Number(a.marked) || degree(b.id) - degree(a.id) || a.id.localeCompare(b.id),
  );
  const shown = ranked.slice(0, maxNodes);
  const columnOf = (id: string) => {
    const sends = edges.some((edge) => edge.from === id && edge.to !== id);
    const receives = edges.some((edge) => edge.to === id && edge.from !== id);
    return sends && !receives ? 0 : receives && !sends ? 2 : 1;
  };
  const columns: Node[][] = [[], [], []];
  for (const node of [...shown].sort((a, b) => a.label.localeCompare(b.label)))
    columns[columnOf(node.id)]?.push(node);
  const rows = Math.max(1, ...columns.map((column) => column.length));
  const width = margin * 2 + boxWidth * 3 + columnGap * 2;
  const height = margin * 2 + rows * rowHeight + 14;
  const place = new Map<string, { x: number; y: number }>();
  columns.forEach((column, at) => {
    // Each column centred vertically, so short columns sit level with the middle of long ones.
    const top = margin + ((rows - column.length) * rowHeight) / 2 + rowHeight / 2;
    column.forEach((node, row) => {
      place.set(node.id, {
        x: margin + boxWidth / 2 + at * (boxWidth + columnGap),
        y: top + row * rowHeight,
      });
    });
  });
  const lines = edges.flatMap((edge) => {
    const [a, b] = [place.get(edge.from), place.get(edge.to)];
    if (!a || !b) return [];
    const color = edgeColors[edge.kind];
    const label = `<title>${escapeXml(edge.label)}</title>`;
    if (a === b) {
      const x = a.x + boxWidth / 2;
      return [
        `<circle cx="${x}" cy="${a.y}" r="9" fill="none" stroke="${color}" stroke-width="2">${label}</circle>`,
      ];
    }
    const [start, end] = [edgeOfBox(a, b), edgeOfBox(b, a)];
    const dash = edge.kind === 'undecided' ? ' stroke-dasharray="5 3"' : '';
    return [
      `<line x1="${start.x.toFixed(1)}" y1="${start.y.toFixed(1)}" x2="${end.x.toFixed(1)}" y2="${end.y.toFixed(1)}" stroke="${color}" stroke-width="2" marker-end="url(#arrow-${edge.kind})"${dash}>${label}</line>`,
    ];
  });
  const boxes = shown.map((node) => {
    const p = place.get(node.id) ?? { x: 0, y: 0 };
    const text = node.label.length > 24 ? `${node.label.slice(0, 23)}…` : node.label;
    const bold = node.marked ? ' font-weight="bold"' : '';
    return `<g><rect x="${p.x - boxWidth / 2}" y="${p.y - boxHeight / 2}" width="${boxWidth}" height="${boxHeight}" rx="6" fill="#ffffff" stroke="#24292f" stroke-width="${node.marked ? 2.5 : 1}"/><text x="${p.x}" y="${p.y + 4}" text-anchor="middle" font-size="12"${bold}>${escapeXml(text)}</text><title>${escapeXml(node.title)}</title></g>`;
  });
  const markers = Object.entries(edgeColors).map(
    ([kind, color]) =>
      `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
  );
  const note =
    nodes.length > shown.length
      ? `+${nodes.length - shown.length} more in the tables`
      : shown.length === 0
        ? 'nothing changes'
        : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title><defs>${markers.join('')}</defs>`,
    ...lines,
    ...boxes,
    note ? `<text x="${margin}" y="${height - 6}" font-size="11">${note}</text>` : '',
    '</svg>',
  ].join('');
}

/** Where the line from the centre of `from` toward `to` leaves `from`'s box. */
function edgeOfBox(from: { x: number; y: number }, to: { x: number; y: number }): { x: number; y: number } {
  const [dx, dy] = [to.x - from.x, to.y - from.y];
  const scale = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : boxWidth / 2 / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : boxHeight / 2 / Math.abs(dy),
  );
  return { x: from.x + dx * scale, y: from.y + dy * scale };
}

/** Apps around the change: dependencies whose verdict changes and flows that open or close between apps. */
export function appPicture(report: ImpactReport): string {
  const edges = new Map<string, Edge>();
  const add = (from: string, to: string, kind: EdgeKind, label: string) => {
    const key = `${from}>${to}`;
    const rank: EdgeKind[] = ['opened', 'closed', 'undecided', 'breaks'];
    const found = edges.get(key);
    if (!found || rank.indexOf(kind) > rank.indexOf(found.kind)) edges.set(key, { from, to, kind, label });
  };
  for (const flow of report.flows) {
    const kind: EdgeKind = flow.opened.length ? 'opened' : flow.closed.length ? 'closed' : 'undecided';
    for (const from of flow.from.apps)
      for (const to of flow.to.apps) add(from, to, kind, `${from} → ${to} ${flow.protocol}: ${kind}`);
  }
  for (const d of report.dependencies) {
    if (!d.fromApp || !d.toApp) continue;
    const kind: EdgeKind =
      d.effect === 'breaks' ? 'breaks' : d.effect === 'may-break' ? 'undecided' : 'opened';
    add(d.fromApp, d.toApp, kind, `${d.from} → ${d.to} ${writtenTraffic(d)}: ${d.effect}`);
  }
  const broken = new Set(
    report.dependencies.filter((d) => d.effect === 'breaks').flatMap((d) => [d.fromApp, d.toApp]),
  );
  const apps = [...new Set([...edges.values()].flatMap((edge) => [edge.from, edge.to]))].sort();
  return flowSvg(
    'Applications around the change',
    apps.map((app) => ({ id: app, label: app, title: app, marked: broken.has(app) })),
    [...edges.values()],
  );
}

/** Segments around the change: edited groups and ACLs, and what opens or closes between groups. */
export function segmentPicture(report: ImpactReport, edited: readonly string[]): string {
  const edges = report.segments.map((s) => ({
    from: s.fromGroup,
    to: s.toGroup,
    kind: (s.opened.length ? 'opened' : 'closed') as EdgeKind,
    label: `${s.fromGroup} → ${s.toGroup} ${s.protocol}: ${s.opened.length ? 'opens' : 'closes'}`,
  }));
  const ids = [...new Set([...edited, ...edges.flatMap((edge) => [edge.from, edge.to])])].sort();
  return flowSvg(
    'Segments around the change',
    ids.map((id) => ({
      id,
      label: boxLabel(report, id),
      title: segmentLabel(report, id),
      marked: edited.includes(id),
    })),
    edges,
  );
}

/**
 * A segment's name, with its kind for the cluster's: `namespace shop` and `policy shop/deny-all`
 * stand apart from a security group named `shop`.
 */
function boxLabel(report: ImpactReport, id: string): string {
  const name = report.segmentNames[id] ?? id;
  // The segment graph's ids (kubernetes/clusterSegments.ts): `namespace/NS`, `networkpolicy/NS/NAME`.
  if (id.startsWith('namespace/')) return `namespace ${name}`;
  return id.startsWith('networkpolicy/') ? `policy ${name}` : name;
}

/** `sg-0a1 (web)`. */
export function segmentLabel(report: ImpactReport, id: string): string {
  const name = report.segmentNames[id];
  return name ? `${id} (${name})` : id;
}
