import type { GraphEdge } from './collapse';

/**
 * Edges that would pass behind a box between their ends, led around it instead. The grid layout
 * stacks boxes in rows and columns, so an edge from the first box of a column to the third (a hub
 * VPC to its second spoke, say) would run straight through the second and read as an edge of it.
 */
export interface Box {
  readonly id: string;
  /** Centre. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An edge as the views draw it: between the boxes of its ends. */
export type Link = Pick<GraphEdge, 'id' | 'source' | 'target'>;

/**
 * A path from the source's centre to the target's through two bends, as cytoscape's segments take
 * them: each at a fraction of the way along the straight line (`weights`) and a distance to its
 * left (`distances`, negative to its right).
 */
export interface Detour {
  readonly weights: readonly [number, number];
  readonly distances: readonly [number, number];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Room left between a detour and the boxes it goes around. */
const margin = 12;

/**
 * For each link whose straight line crosses boxes other than its ends, a detour that runs beside
 * them, parallel to the line, on the side that strays less; none when both sides would cross some
 * other box, since a detour through a box is no better than the straight line.
 */
export function detours(boxes: readonly Box[], links: readonly Link[]): Map<string, Detour> {
  const byId = new Map(boxes.map((box) => [box.id, box]));
  const found = new Map<string, Detour>();
  for (const link of links) {
    const [from, to] = [byId.get(link.source), byId.get(link.target)];
    if (from === undefined || to === undefined || from === to) continue;
    const detour = detourBetween(from, to, boxes);
    if (detour !== null) found.set(link.id, detour);
  }
  return found;
}

function detourBetween(from: Box, to: Box, boxes: readonly Box[]): Detour | null {
  const [dx, dy] = [to.x - from.x, to.y - from.y];
  const length = Math.hypot(dx, dy);
  if (length === 0) return null;
  const line = { from, ux: dx / length, uy: dy / length, length };
  const others = boxes.filter((box) => box !== from && box !== to);
  let [first, last, left, right] = [1, 0, 0, 0];
  for (const box of others) {
    const span = spanAlong(line, box);
    if (span === null) continue;
    first = Math.min(first, span.first);
    last = Math.max(last, span.last);
    left = Math.max(left, span.offset + span.halfAcross + margin);
    right = Math.min(right, span.offset - span.halfAcross - margin);
  }
  if (left === 0 && right === 0) return null;
  const weights: [number, number] = [Math.max(first, 0.02), Math.min(last, 0.98)];
  const sides = [left, right].sort((a, b) => Math.abs(a) - Math.abs(b));
  for (const distance of sides) {
    const detour: Detour = { weights, distances: [distance, distance] };
    const path = [from, ...detourBends(from, to, detour), to];
    if (!others.some((box) => pathCrosses(path, box))) return detour;
  }
  return null;
}

interface Line {
  readonly from: Point;
  /** The unit vector from → to. */
  readonly ux: number;
  readonly uy: number;
  readonly length: number;
}

/** Where a box the line runs through lies along it (fractions of the way) and across it; null if it misses. */
function spanAlong(line: Line, box: Box) {
  const [nx, ny] = [-line.uy, line.ux];
  const [rx, ry] = [box.x - line.from.x, box.y - line.from.y];
  const along = rx * line.ux + ry * line.uy;
  const offset = rx * nx + ry * ny;
  const halfAlong = (Math.abs(line.ux) * box.width + Math.abs(line.uy) * box.height) / 2;
  const halfAcross = (Math.abs(nx) * box.width + Math.abs(ny) * box.height) / 2;
  const [first, last] = [(along - halfAlong) / line.length, (along + halfAlong) / line.length];
  if (last <= 0 || first >= 1 || Math.abs(offset) >= halfAcross) return null;
  return { first, last, offset, halfAcross };
}

/** The two bends of a detour from the centre `from` to the centre `to`, where cytoscape puts them. */
export function detourBends(from: Point, to: Point, { weights, distances }: Detour): Point[] {
  const [dx, dy] = [to.x - from.x, to.y - from.y];
  const length = Math.hypot(dx, dy) || 1;
  const [nx, ny] = [-dy / length, dx / length];
  return weights.map((weight, k) => ({
    x: from.x + dx * weight + nx * (distances[k] ?? 0),
    y: from.y + dy * weight + ny * (distances[k] ?? 0),
  }));
}

/** Whether a path's segments pass through the inside of a box (Liang–Barsky clipping). */
function pathCrosses(path: readonly Point[], box: Box): boolean {
  const [x1, x2, y1, y2] = [
    box.x - box.width / 2,
    box.x + box.width / 2,
    box.y - box.height / 2,
    box.y + box.height / 2,
  ];
  for (let k = 1; k < path.length; k++) {
    const [a, b] = [path[k - 1] as Point, path[k] as Point];
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    let [low, high] = [0, 1];
    const edges: [number, number][] = [
      [-dx, a.x - x1],
      [dx, x2 - a.x],
      [-dy, a.y - y1],
      [dy, y2 - a.y],
    ];
    let outside = false;
    for (const [p, q] of edges) {
      if (p === 0) {
        if (q <= 0) outside = true;
      } else {
        const r = q / p;
        if (p < 0) low = Math.max(low, r);
        else high = Math.min(high, r);
      }
    }
    if (!outside && low < high) return true;
  }
  return false;
}
