import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { detourBends } from './detours';

/**
 * The drawing as SVG, built from the laid-out positions and the computed style: vector output
 * without a canvas-to-SVG shim. Groups first, so their members and edges draw on top.
 */
export function svgOf(cy: Core, background: string): string {
  const box = cy.elements(':visible').boundingBox({});
  const pad = 20;
  const width = Math.ceil(box.w + pad * 2);
  const height = Math.ceil(box.h + pad * 2);
  const nodes = (cy.nodes(':visible').toArray() as NodeSingular[]).sort((a, b) => depth(a) - depth(b));
  const body = [
    `<rect x="${box.x1 - pad}" y="${box.y1 - pad}" width="${width}" height="${height}" fill="${esc(background)}"/>`,
    ...nodes.filter((n) => n.isParent()).map(nodeSvg),
    ...cy.edges(':visible').map(edgeSvg),
    ...nodes.filter((n) => !n.isParent()).map(nodeSvg),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${box.x1 - pad} ${box.y1 - pad} ${width} ${height}" font-family="system-ui, sans-serif">`,
    ...body,
    '</svg>',
  ].join('\n');
}

function depth(node: NodeSingular): number {
  return node.ancestors().length;
}

function nodeSvg(node: NodeSingular): string {
  const b = node.boundingBox({ includeLabels: false, includeOverlays: false });
  const opacity = Number(node.style('opacity'));
  const fill = node.style('background-color');
  const fillOpacity = Number(node.style('background-opacity'));
  const stroke = node.style('border-color');
  const strokeWidth = Number.parseFloat(node.style('border-width'));
  const dash = node.style('border-style') === 'dashed' ? ' stroke-dasharray="5 3"' : '';
  const ellipse = node.style('shape') === 'ellipse';
  const shape = ellipse
    ? `<ellipse cx="${(b.x1 + b.x2) / 2}" cy="${(b.y1 + b.y2) / 2}" rx="${b.w / 2}" ry="${b.h / 2}"`
    : `<rect x="${b.x1}" y="${b.y1}" width="${b.w}" height="${b.h}" rx="6"`;
  const lines = String(node.data('display') ?? '').split('\n');
  const fontSize = Number.parseFloat(node.style('font-size'));
  const color = node.style('color');
  const top = node.isParent();
  const y0 = top
    ? b.y1 + fontSize + 4
    : (b.y1 + b.y2) / 2 - ((lines.length - 1) * (fontSize + 3)) / 2 + fontSize / 3;
  const text = lines
    .map(
      (line, i) =>
        `<text x="${(b.x1 + b.x2) / 2}" y="${y0 + i * (fontSize + 3)}" font-size="${fontSize}" text-anchor="middle" fill="${esc(color)}"${i === 0 && top ? ' font-weight="600"' : ''}>${esc(line)}</text>`,
    )
    .join('');
  return `<g opacity="${opacity}">${shape} fill="${esc(fill)}" fill-opacity="${fillOpacity}" stroke="${esc(stroke)}" stroke-width="${strokeWidth}"${dash}/>${text}</g>`;
}

function edgeSvg(edge: EdgeSingular): string {
  // From the node boxes rather than the renderer's endpoints, so the export works headless too.
  const from = edge.source();
  const to = edge.target();
  // An edge led around the boxes in its way (layout.ts) bends where the canvas bends it.
  const bends = edge.hasClass('detour')
    ? detourBends(from.position(), to.position(), {
        weights: edge.data('detourWeights') as [number, number],
        distances: edge.data('detourDistances') as [number, number],
      })
    : [];
  const source = borderPoint(from, bends[0] ?? to.position());
  const target = borderPoint(to, bends.at(-1) ?? from.position());
  const points = [source, ...bends, target];
  const color = edge.style('line-color');
  const width = Number.parseFloat(edge.style('width'));
  const style = edge.style('line-style');
  const dash =
    style === 'dashed' ? ' stroke-dasharray="6 3"' : style === 'dotted' ? ' stroke-dasharray="1 3"' : '';
  const last = points.at(-2) ?? source;
  const angle = Math.atan2(target.y - last.y, target.x - last.x);
  const size = 4 + width * 1.5;
  const arrow =
    edge.style('target-arrow-shape') === 'none'
      ? ''
      : `<polygon points="${target.x},${target.y} ${target.x - size * Math.cos(angle - 0.45)},${target.y - size * Math.sin(angle - 0.45)} ${target.x - size * Math.cos(angle + 0.45)},${target.y - size * Math.sin(angle + 0.45)}" fill="${esc(color)}"/>`;
  const stroke = `stroke="${esc(color)}" stroke-width="${width}"${dash}`;
  const line =
    bends.length === 0
      ? `<line x1="${source.x}" y1="${source.y}" x2="${target.x}" y2="${target.y}" ${stroke}/>`
      : `<polyline points="${points.map((p) => `${p.x},${p.y}`).join(' ')}" fill="none" ${stroke}/>`;
  return `<g opacity="${Number(edge.style('opacity'))}">${line}${arrow}</g>`;
}

/** Where the line from a node's centre towards `towards` leaves the node's box. */
function borderPoint(node: NodeSingular, towards: { x: number; y: number }): { x: number; y: number } {
  const centre = node.position();
  const dx = towards.x - centre.x;
  const dy = towards.y - centre.y;
  if (dx === 0 && dy === 0) return centre;
  const halfW = node.width() / 2;
  const halfH = node.height() / 2;
  const scale = Math.min(
    dx === 0 ? Infinity : halfW / Math.abs(dx),
    dy === 0 ? Infinity : halfH / Math.abs(dy),
  );
  return { x: centre.x + dx * Math.min(1, scale), y: centre.y + dy * Math.min(1, scale) };
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
