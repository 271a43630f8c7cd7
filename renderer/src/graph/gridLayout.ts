/**
 * A nested shelf packing: every group lays its members out in rows, groups first and largest
 * first, and is then placed in its parent like any other box. Labels never overlap, the result is
 * the same every time, and it is linear in the number of nodes, which a force layout is not.
 */
export interface BoxNode {
  readonly id: string;
  readonly parent?: string;
  readonly width: number;
  readonly height: number;
  readonly label: string;
  /** Among leaves of one group, lower ranks come first (e.g. segments before the subnets they are not in). */
  readonly rank: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Space between boxes, a group's padding (as in the stylesheet), and room for a group's label above it. */
const gap = 16;
const padding = 10;
const labelHeight = 18;
/** Groups inside groups read best a little wider than tall. */
const innerAspect = 1.8;

interface Packed {
  readonly width: number;
  readonly height: number;
  /** Leaf centres relative to the packed area's top left. */
  readonly leaves: ReadonlyMap<string, Point>;
}

/** Leaf positions (groups follow their members) filling an area of the given width/height ratio. */
export function gridPositions(nodes: readonly BoxNode[], aspect: number): Map<string, Point> {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | undefined, BoxNode[]>();
  for (const node of nodes) {
    const parent = node.parent !== undefined && ids.has(node.parent) ? node.parent : undefined;
    const list = children.get(parent);
    if (list) list.push(node);
    else children.set(parent, [node]);
  }
  const packed = packChildren(children, undefined, aspect);
  return new Map(packed.leaves);
}

function packChildren(
  children: ReadonlyMap<string | undefined, BoxNode[]>,
  parent: string | undefined,
  aspect: number,
): Packed {
  const members = children.get(parent) ?? [];
  const items = members
    .map((node) => {
      if (!children.has(node.id)) {
        const centre = { x: node.width / 2, y: node.height / 2 };
        return {
          node,
          width: node.width,
          height: node.height,
          leaves: new Map([[node.id, centre]]),
          group: false,
        };
      }
      const inner = packChildren(children, node.id, innerAspect);
      const width = Math.max(inner.width + 2 * padding, node.label.length * 7.5 + 2 * padding);
      const offset = { x: (width - inner.width) / 2, y: labelHeight + padding };
      const leaves = new Map(
        [...inner.leaves].map(([id, p]) => [id, { x: p.x + offset.x, y: p.y + offset.y }]),
      );
      return { node, width, height: inner.height + 2 * padding + labelHeight, leaves, group: true };
    })
    .sort(
      (a, b) =>
        Number(b.group) - Number(a.group) ||
        (a.group ? b.width * b.height - a.width * a.height : a.node.rank - b.node.rank) ||
        a.node.label.localeCompare(b.node.label),
    );
  const area = items.reduce((sum, item) => sum + (item.width + gap) * (item.height + gap), 0);
  const widest = Math.max(0, ...items.map((item) => item.width));
  const rowWidth = Math.max(widest, Math.sqrt(area * aspect));
  const leaves = new Map<string, Point>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const item of items) {
    if (x > 0 && x + item.width > rowWidth) {
      y += rowHeight + gap;
      x = 0;
      rowHeight = 0;
    }
    for (const [id, p] of item.leaves) leaves.set(id, { x: p.x + x, y: p.y + y });
    x += item.width + gap;
    width = Math.max(width, x - gap);
    rowHeight = Math.max(rowHeight, item.height);
  }
  return { width, height: y + rowHeight, leaves };
}
