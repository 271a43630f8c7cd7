import type { ImpactReport } from '../types';

/** A node of the picture: an app or a segment. */
interface Node {
  readonly id: string;
  readonly label: string;
  /** Drawn bold: an edited segment, an app whose dependency breaks. */
  readonly marked: boolean;
}

export type EdgeKind = 'opened' | 'closed' | 'breaks' | 'undecided';

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

export const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** At most this many nodes are drawn; the tables list everything. */
const maxNodes = 16;

/**
 * Nodes on a circle, edges as arrows colored by what happens to them: a picture a reader takes in at a
 * glance, deterministic so reports of one change are identical. Pure string building: no DOM, no layout
 * library, no external resource.
 */
export function circleSvg(title: string, nodes: readonly Node[], edges: readonly Edge[]): string {
  const shown = nodes.slice(0, maxNodes);
  const size = 420;
  const center = size / 2;
  const radius = shown.length <= 1 ? 0 : 150;
  const place = new Map(
    shown.map((node, at) => {
      const angle = (2 * Math.PI * at) / shown.length - Math.PI / 2;
      return [node.id, { x: center + radius * Math.cos(angle), y: center + radius * Math.sin(angle) }];
    }),
  );
  const lines = edges.flatMap((edge) => {
    const [a, b] = [place.get(edge.from), place.get(edge.to)];
    if (!a || !b) return [];
    const color = edgeColors[edge.kind];
    if (a === b) {
      return [
        `<circle cx="${a.x.toFixed(1)}" cy="${(a.y - 26).toFixed(1)}" r="14" fill="none" stroke="${color}" stroke-width="2"><title>${escapeXml(edge.label)}</title></circle>`,
      ];
    }
    // Stop short of the target's box so the arrowhead shows.
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const length = Math.hypot(dx, dy) || 1;
    const end = { x: b.x - (dx / length) * 30, y: b.y - (dy / length) * 18 };
    return [
      `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${end.x.toFixed(1)}" y2="${end.y.toFixed(1)}" stroke="${color}" stroke-width="2" marker-end="url(#arrow-${edge.kind})"${edge.kind === 'undecided' ? ' stroke-dasharray="5 3"' : ''}><title>${escapeXml(edge.label)}</title></line>`,
    ];
  });
  const boxes = shown.map((node) => {
    const p = place.get(node.id) ?? { x: center, y: center };
    const text = node.label.length > 22 ? `${node.label.slice(0, 21)}…` : node.label;
    const width = Math.max(60, text.length * 7 + 16);
    return `<g><rect x="${(p.x - width / 2).toFixed(1)}" y="${(p.y - 13).toFixed(1)}" width="${width}" height="26" rx="6" fill="#ffffff" stroke="#24292f" stroke-width="${node.marked ? 2.5 : 1}"/><text x="${p.x.toFixed(1)}" y="${(p.y + 4).toFixed(1)}" text-anchor="middle" font-size="12"${node.marked ? ' font-weight="bold"' : ''}>${escapeXml(text)}</text><title>${escapeXml(node.label)}</title></g>`;
  });
  const markers = Object.entries(edgeColors).map(
    ([kind, color]) =>
      `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
  );
  const more =
    nodes.length > shown.length
      ? `<text x="8" y="${size - 8}" font-size="11">+${nodes.length - shown.length} more in the tables</text>`
      : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="${escapeXml(title)}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title><defs>${markers.join('')}</defs>`,
    ...lines,
    ...boxes,
    more,
    shown.length === 0
      ? `<text x="${center}" y="${center}" text-anchor="middle" font-size="13">nothing changes</text>`
      : '',
    '</svg>',
  ].join('');
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
    add(d.fromApp, d.toApp, kind, `${d.from} → ${d.to} ${d.protocol}/${d.port}: ${d.effect}`);
  }
  const broken = new Set(
    report.dependencies.filter((d) => d.effect === 'breaks').flatMap((d) => [d.fromApp, d.toApp]),
  );
  const apps = [...new Set([...edges.values()].flatMap((edge) => [edge.from, edge.to]))].sort();
  return circleSvg(
    'Applications around the change',
    apps.map((app) => ({ id: app, label: app, marked: broken.has(app) })),
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
  return circleSvg(
    'Segments around the change',
    ids.map((id) => ({ id, label: segmentLabel(report, id), marked: edited.includes(id) })),
    edges,
  );
}

/** `sg-0a1 (web)`. */
export function segmentLabel(report: ImpactReport, id: string): string {
  const name = report.segmentNames[id];
  return name ? `${id} (${name})` : id;
}
