import { describe, expect, it } from 'vitest';
import { type Box, type Detour, detours } from '../../../renderer/src/graph/detours';

/** Four VPCs collapsed in one column, as the grid layout stacks them: 330 × 40 each, 16 apart. */
const column: Box[] = ['hub', 'spoke-1', 'spoke-2', 'spoke-3'].map((id, row) => ({
  id,
  x: 165,
  y: 20 + row * 56,
  width: 330,
  height: 40,
}));

/**
 * Points along the path cytoscape draws for a detour: from the source's centre through the two
 * bends (each a fraction of the way along the line, and a distance to its left) to the target's.
 */
function pathPoints(from: Box, to: Box, detour: Detour | undefined): { x: number; y: number }[] {
  const [dx, dy] = [to.x - from.x, to.y - from.y];
  const length = Math.hypot(dx, dy);
  const [nx, ny] = [-dy / length, dx / length];
  const bends = detour
    ? detour.weights.map((weight, k) => ({
        x: from.x + dx * weight + nx * (detour.distances[k] ?? 0),
        y: from.y + dy * weight + ny * (detour.distances[k] ?? 0),
      }))
    : [];
  const corners = [{ x: from.x, y: from.y }, ...bends, { x: to.x, y: to.y }];
  return corners.slice(1).flatMap((b, k) => {
    const a = corners[k] as { x: number; y: number };
    return Array.from({ length: 201 }, (_, s) => ({
      x: a.x + ((b.x - a.x) * s) / 200,
      y: a.y + ((b.y - a.y) * s) / 200,
    }));
  });
}

const inside = (box: Box, point: { x: number; y: number }) =>
  Math.abs(point.x - box.x) < box.width / 2 && Math.abs(point.y - box.y) < box.height / 2;

/** The boxes, ends aside, that the drawn path passes through. */
function crossed(boxes: readonly Box[], from: string, to: string, detour: Detour | undefined): string[] {
  const [a, b] = [boxes.find((box) => box.id === from), boxes.find((box) => box.id === to)];
  if (!a || !b) throw new Error('no such box');
  const points = pathPoints(a, b, detour);
  return boxes
    .filter((box) => box !== a && box !== b && points.some((p) => inside(box, p)))
    .map((box) => box.id);
}

describe('edges led around the boxes between their ends', () => {
  it('leaves an edge between neighbours straight and leads one past boxes around them', () => {
    const links = [
      { id: 'next', source: 'hub', target: 'spoke-1' },
      { id: 'past-one', source: 'hub', target: 'spoke-2' },
      { id: 'back', source: 'spoke-2', target: 'hub' },
      { id: 'past-two', source: 'hub', target: 'spoke-3' },
    ];
    const found = detours(column, links);
    expect([...found.keys()].sort()).toEqual(['back', 'past-one', 'past-two']);
    expect(crossed(column, 'hub', 'spoke-2', undefined)).toEqual(['spoke-1']);
    expect(crossed(column, 'hub', 'spoke-2', found.get('past-one'))).toEqual([]);
    expect(crossed(column, 'spoke-2', 'hub', found.get('back'))).toEqual([]);
    expect(crossed(column, 'hub', 'spoke-3', undefined)).toEqual(['spoke-1', 'spoke-2']);
    expect(crossed(column, 'hub', 'spoke-3', found.get('past-two'))).toEqual([]);
    // Beside the boxes, not far out: half their width and the margin.
    expect(Math.abs(found.get('past-two')?.distances[0] ?? 0)).toBeLessThan(200);
    // The two directions of a pair go round opposite sides, so they do not lie on top of each other:
    // each distance is to the left of its own direction.
    expect(Math.sign(found.get('past-one')?.distances[0] ?? 0)).toBe(
      Math.sign(found.get('back')?.distances[0] ?? 0),
    );
  });

  it('goes round a box on its nearer side, unless that side is taken by another box', () => {
    const a = { id: 'a', x: 0, y: 0, width: 60, height: 30 };
    const b = { id: 'b', x: 0, y: 200, width: 60, height: 30 };
    // Across the line a → b (x = 0) from x = -20 to 100: its nearer edge is the one at -20.
    const between = { id: 'between', x: 40, y: 100, width: 120, height: 30 };
    const nearer = detours([a, between, b], [{ id: 'ab', source: 'a', target: 'b' }]).get('ab');
    expect(crossed([a, between, b], 'a', 'b', nearer)).toEqual([]);
    expect(Math.min(...pathPoints(a, b, nearer).map((p) => p.x))).toBeLessThan(-20);
    // A box just left of it: the detour goes round the far side instead.
    const beside = { id: 'beside', x: -52, y: 100, width: 50, height: 30 };
    const boxes = [a, between, beside, b];
    const farther = detours(boxes, [{ id: 'ab', source: 'a', target: 'b' }]).get('ab');
    expect(crossed(boxes, 'a', 'b', farther)).toEqual([]);
    expect(Math.max(...pathPoints(a, b, farther).map((p) => p.x))).toBeGreaterThan(100);
  });

  it('leaves an edge straight when no box is in its way, or when no way round is free', () => {
    const row: Box[] = [
      { id: 'a', x: 0, y: 0, width: 100, height: 40 },
      { id: 'b', x: 200, y: 0, width: 100, height: 40 },
      { id: 'aside', x: 100, y: 80, width: 100, height: 40 },
    ];
    const free = detours(row, [
      { id: 'ab', source: 'a', target: 'b' },
      { id: 'lost', source: 'a', target: 'gone' },
      { id: 'self', source: 'a', target: 'a' },
    ]);
    expect(free.size).toBe(0);
    const walledIn: Box[] = [
      { id: 'a', x: 0, y: 0, width: 60, height: 30 },
      { id: 'middle', x: 0, y: 100, width: 60, height: 30 },
      { id: 'left', x: -60, y: 100, width: 60, height: 30 },
      { id: 'right', x: 60, y: 100, width: 60, height: 30 },
      { id: 'b', x: 0, y: 200, width: 60, height: 30 },
    ];
    expect(detours(walledIn, [{ id: 'ab', source: 'a', target: 'b' }]).size).toBe(0);
  });
});
