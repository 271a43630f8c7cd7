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
  /**
   * For a top-level leaf that joins others (a transit gateway, a peering): the nodes it joins. It is
   * set in the free space nearest them rather than after every group, where its lines would cross the
   * drawing.
   */
  readonly anchors?: readonly string[];
}

/** An edge the view draws, by the ids of its two ends. */
export interface BoxLink {
  readonly source: string;
  readonly target: string;
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
/**
 * Space between the members of a group an edge runs inside (push-worker → session-cache in one app):
 * at the usual gap the edge has no length to see and its label (`tcp/6379`, drawn along it) none to
 * be read on.
 */
const linkedGap = 64;

interface Packed {
  readonly width: number;
  readonly height: number;
  /** Leaf centres relative to the packed area's top left. */
  readonly leaves: ReadonlyMap<string, Point>;
  /** Where each member was put, and every leaf's member: top-level boxes, for the anchored leaves. */
  readonly boxes: ReadonlyMap<string, Rect>;
  readonly memberOf: ReadonlyMap<string, string>;
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Leaf positions (groups follow their members) filling an area of the given width/height ratio; the
 * members of a group that `links` join are set further apart.
 */
export function gridPositions(
  nodes: readonly BoxNode[],
  aspect: number,
  links: readonly BoxLink[] = [],
): Map<string, Point> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parentOf = (node: BoxNode) =>
    node.parent !== undefined && byId.has(node.parent) ? node.parent : undefined;
  const parents = new Set(nodes.flatMap((node) => parentOf(node) ?? []));
  const anchored = nodes.filter(
    (node) => parentOf(node) === undefined && !parents.has(node.id) && (node.anchors?.length ?? 0) > 0,
  );
  const children = new Map<string | undefined, BoxNode[]>();
  for (const node of nodes) {
    if (anchored.includes(node)) continue;
    const parent = parentOf(node);
    const list = children.get(parent);
    if (list) list.push(node);
    else children.set(parent, [node]);
  }
  const linked = linksInsideGroups(links, (id) => {
    const node = byId.get(id);
    return node && parentOf(node);
  });
  const packed = packChildren(children, undefined, aspect, linked, { left: orderingChecks });
  const positions = new Map(packed.leaves);
  const taken = [...packed.boxes.values()];
  const lines: Line[] = [];
  for (const node of anchored) {
    const rects = (node.anchors ?? []).flatMap((id) => packed.boxes.get(packed.memberOf.get(id) ?? id) ?? []);
    const centre = nearestFree(node, rects, taken, lines);
    positions.set(node.id, centre);
    taken.push({
      x: centre.x - node.width / 2,
      y: centre.y - node.height / 2,
      width: node.width,
      height: node.height,
    });
    for (const target of rects) lines.push([centre, centreOf(target)]);
  }
  return positions;
}

/** A joining node's line to a box it joins, from centre to centre. */
type Line = readonly [Point, Point];

const centreOf = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/**
 * Where a node that joins boxes goes: overlapping no box, a gap apart, at the middle of the boxes it
 * joins or beside one of the boxes, level with that middle where it can be or at an end of the side
 * (beside the box furthest right there is always room). Of those, the nearest the middle, counting each box its lines to the
 * joined boxes would cross as a detour: a line through a box reads as joining it.
 */
function nearestFree(
  node: BoxNode,
  joined: readonly Rect[],
  taken: readonly Rect[],
  lines: readonly Line[],
): Point {
  const middle = {
    x: average(joined.map((r) => r.x + r.width / 2)),
    y: average(joined.map((r) => r.y + r.height / 2)),
  };
  const [w, h] = [node.width / 2, node.height / 2];
  // A hair more than the gap, so that a place worked out beside a box is not refused by rounding.
  const apart = gap + 0.5;
  const free = (p: Point) =>
    taken.every(
      (r) =>
        p.x + w + gap <= r.x ||
        p.x - w - gap >= r.x + r.width ||
        p.y + h + gap <= r.y ||
        p.y - h - gap >= r.y + r.height,
    );
  // Along a side: level with the middle where it can be, or at either end of the side.
  const along = (r: Rect, axis: 'x' | 'y') => {
    const [start, size, half] = axis === 'x' ? [r.x, r.width, w] : [r.y, r.height, h];
    const [first, last] = [start + half, start + size - half];
    return [Math.min(Math.max(middle[axis], first), last), first, last];
  };
  // Beside the boxes nearest the middle, and the one furthest right: each candidate is checked against
  // every box, and a view of thousands of loose boxes must not make that quadratic.
  const centreDistance = (r: Rect) => Math.hypot(r.x + r.width / 2 - middle.x, r.y + r.height / 2 - middle.y);
  const nearest = [...taken].sort((a, b) => centreDistance(a) - centreDistance(b)).slice(0, maxBesides);
  const rightmost = taken.reduce<Rect | undefined>(
    (far, r) => (far === undefined || r.x + r.width > far.x + far.width ? r : far),
    undefined,
  );
  const candidates = [
    middle,
    ...[...nearest, ...(rightmost ? [rightmost] : [])].flatMap((r) => [
      ...along(r, 'y').flatMap((y) => [
        { x: r.x - apart - w, y },
        { x: r.x + r.width + apart + w, y },
      ]),
      ...along(r, 'x').flatMap((x) => [
        { x, y: r.y - apart - h },
        { x, y: r.y + r.height + apart + h },
      ]),
    ]),
  ];
  // A line to one joined box may cross any other, the other joined boxes too; one that grazes a
  // box a gap away reads as touching it, and drawn boxes are a little larger than laid out. The
  // node must not stand in the lines of those set before it either.
  const crossings = (p: Point) => {
    const mine = joined.reduce(
      (sum, target) =>
        sum + taken.filter((r) => r !== target && crosses(p, centreOf(target), grown(r, gap))).length,
      0,
    );
    const box = grown({ x: p.x - w, y: p.y - h, width: 2 * w, height: 2 * h }, gap);
    return mine + lines.filter(([from, to]) => crosses(from, to, box)).length;
  };
  let best = middle;
  let cost = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = Math.hypot(candidate.x - middle.x, candidate.y - middle.y);
    if (d >= cost || !free(candidate)) continue;
    const total = d + crossingCost * crossings(candidate);
    if (total < cost) [best, cost] = [candidate, total];
  }
  return best;
}

const grown = (r: Rect, by: number): Rect => ({
  x: r.x - by,
  y: r.y - by,
  width: r.width + 2 * by,
  height: r.height + 2 * by,
});

/** What a line through a box costs, in the distance from the middle it is worth going instead. */
const crossingCost = 400;

/** Whether the segment from `a` to `b` passes through the rectangle (Liang–Barsky clipping). */
function crosses(a: Point, b: Point, r: Rect): boolean {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  let [low, high] = [0, 1];
  const edges: [number, number][] = [
    [-dx, a.x - r.x],
    [dx, r.x + r.width - a.x],
    [-dy, a.y - r.y],
    [dy, r.y + r.height - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) low = Math.max(low, t);
    else high = Math.min(high, t);
    if (low > high) return false;
  }
  return true;
}

/** How many boxes nearest a node's place are tried for room beside them. */
const maxBesides = 40;

const average = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/** An edge inside a group, by the group's two members it joins (or that hold its ends). */
type MemberLink = readonly [string, string];

/**
 * The groups in which an edge joins two of their members (or what those members hold): the innermost
 * group holding both of its ends, with the two members. Top-level boxes are not spread: edges between
 * them run from members inside, past the boxes' padding.
 */
function linksInsideGroups(
  links: readonly BoxLink[],
  parentOf: (id: string) => string | undefined,
): Map<string, MemberLink[]> {
  // From a node up: the node, then each group holding it.
  const chainOf = (id: string) => {
    const chain = [id];
    for (let at = parentOf(id); at !== undefined; at = parentOf(at)) chain.push(at);
    return chain;
  };
  const linked = new Map<string, MemberLink[]>();
  const seen = new Set<string>();
  for (const { source, target } of links) {
    const fromSource = chainOf(source);
    const fromTarget = chainOf(target);
    // A loop, or an edge from a node to one it holds, lies inside one member, not between two.
    if (fromSource.includes(target) || fromTarget.includes(source)) continue;
    const common = fromTarget.find((id) => fromSource.includes(id));
    if (common === undefined) continue;
    const memberOver = (chain: readonly string[]) => chain[chain.indexOf(common) - 1] as string;
    const pair: MemberLink = [memberOver(fromSource), memberOver(fromTarget)];
    // Several edges between the same two members (one per port) are one line to keep clear.
    const key = `${pair[0]}\n${pair[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = linked.get(common);
    if (list) list.push(pair);
    else linked.set(common, [pair]);
  }
  return linked;
}

function packChildren(
  children: ReadonlyMap<string | undefined, BoxNode[]>,
  parent: string | undefined,
  aspect: number,
  linked: ReadonlyMap<string, readonly MemberLink[]>,
  budget: Budget,
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
      const inner = packChildren(children, node.id, innerAspect, linked, budget);
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
  const inside = parent === undefined ? [] : (linked.get(parent) ?? []);
  const spacing = inside.length > 0 ? linkedGap : gap;
  const area = items.reduce((sum, item) => sum + (item.width + spacing) * (item.height + spacing), 0);
  const widest = Math.max(0, ...items.map((item) => item.width));
  const rowWidth = Math.max(widest, Math.sqrt(area * aspect));
  const shelve = (order: readonly PackItem[]) => shelved(order, spacing, rowWidth);
  const placed = inside.length > 0 ? clearestOrder(items, inside, shelve, budget) : shelve(items);
  const leaves = new Map<string, Point>();
  const memberOf = new Map<string, string>();
  let width = 0;
  let height = 0;
  for (const item of items) {
    const box = placed.get(item.node.id) as Rect;
    for (const [id, p] of item.leaves) {
      leaves.set(id, { x: p.x + box.x, y: p.y + box.y });
      memberOf.set(id, item.node.id);
    }
    width = Math.max(width, box.x + box.width);
    height = Math.max(height, box.y + box.height);
  }
  return { width, height, leaves, boxes: placed, memberOf };
}

interface PackItem {
  readonly node: BoxNode;
  readonly width: number;
  readonly height: number;
}

/** The boxes in rows of at most `rowWidth`, in the given order. */
function shelved(order: readonly PackItem[], spacing: number, rowWidth: number): Map<string, Rect> {
  const boxes = new Map<string, Rect>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const item of order) {
    if (x > 0 && x + item.width > rowWidth) {
      y += rowHeight + spacing;
      x = 0;
      rowHeight = 0;
    }
    boxes.set(item.node.id, { x, y, width: item.width, height: item.height });
    x += item.width + spacing;
    rowHeight = Math.max(rowHeight, item.height);
  }
  return boxes;
}

/**
 * Groups up to this size try every order of their members; larger ones swap pairs while that helps,
 * and beyond the second bound keep the usual order.
 */
const everyOrderUpTo = 7;
const swapsUpTo = 40;
/**
 * How many member-and-edge checks ordering may spend in one layout, over all its groups (about
 * 50 ms): each try places every member and checks every edge inside against every member, and a
 * view of many busy groups must not wait seconds for a nicer order.
 */
const orderingChecks = 400_000;

/** What is left of `orderingChecks` while one layout runs. */
interface Budget {
  left: number;
}

/**
 * The members of a group with edges inside it, ordered so that as few edges as can be pass behind a
 * third member (orders-webhook → order-api behind orders-db reads as three services in a chain).
 * Of equally clear orders the usual one wins, so a group with nothing in the way looks as before.
 */
function clearestOrder(
  items: readonly PackItem[],
  inside: readonly MemberLink[],
  shelve: (order: readonly PackItem[]) => Map<string, Rect>,
  budget: Budget,
): Map<string, Rect> {
  const blocked = (boxes: ReadonlyMap<string, Rect>) =>
    inside.reduce((sum, [a, b]) => {
      const [from, to] = [boxes.get(a), boxes.get(b)];
      if (!from || !to) return sum;
      const line = [centreOf(from), centreOf(to)] as const;
      return sum + [...boxes].filter(([id, r]) => id !== a && id !== b && crosses(...line, r)).length;
    }, 0);
  const tryCost = inside.length * items.length;
  let best = shelve(items);
  let cost = blocked(best);
  const worthTrying = () => cost > 0 && budget.left >= tryCost;
  const consider = (order: readonly PackItem[]) => {
    budget.left -= tryCost;
    const boxes = shelve(order);
    const c = blocked(boxes);
    if (c < cost) [best, cost] = [boxes, c];
    return c;
  };
  if (items.length <= everyOrderUpTo) {
    for (const order of permutations(items)) {
      if (!worthTrying()) break;
      consider(order);
    }
  } else if (items.length <= swapsUpTo) {
    const order = [...items];
    const swap = (i: number, j: number) => {
      [order[i], order[j]] = [order[j] as PackItem, order[i] as PackItem];
    };
    for (let improved = true; improved && worthTrying(); ) {
      improved = false;
      for (let i = 0; i < order.length; i++) {
        for (let j = i + 1; j < order.length && worthTrying(); j++) {
          swap(i, j);
          const before = cost;
          if (consider(order) < before) improved = true;
          else swap(i, j);
        }
      }
    }
  }
  return best;
}

/** Every order of the items, the given one first. */
function* permutations<T>(items: readonly T[]): Generator<readonly T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (const [at, first] of items.entries()) {
    const rest = [...items.slice(0, at), ...items.slice(at + 1)];
    for (const tail of permutations(rest)) yield [first, ...tail];
  }
}
