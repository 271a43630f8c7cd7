import type { EstateIndex } from '../analysis/estateIndex';
import { computeFlowGraph } from '../analysis/flowGraph/index';
import type { ClassEdge, FlowGraph, WorkloadClass } from '../analysis/flowGraph/types';
import { PortSet } from '../analysis/portSet';
import type { ServiceDependency, ServiceNode } from '../applications/model';
import type { Estate } from '../domain/estate';
import type { ImpactProgress, PhaseReport } from '../domain/progress';
import { writtenTraffic } from '../findings/dependencyPairs';
import type { Endpoints, FlowChange, SegmentChange } from './types';

/** Workloads in one class before and one class after: every verdict holds for all of them, on both sides. */
interface Joint {
  readonly before: WorkloadClass;
  readonly after: WorkloadClass;
  readonly workloadIds: string[];
  affected: boolean;
}

export interface SegmentSum {
  opened: PortSet;
  closed: PortSet;
  workloadPairs: number;
}

export interface FlowDiff {
  readonly flows: readonly FlowChange[];
  readonly segments: readonly SegmentChange[];
}

/**
 * The flows between workloads whose verdict differs, from the allowed-flow graphs of both estates
 * (docs/semantics/aws.md, "The allowed-flow graph"): per pair of joint classes and protocol, the
 * ports that open, close or become undecidable. Only pairs with an affected end can differ (see
 * `affectedWorkloads`), so only those are compared. Workloads present on one side only have no flow
 * to compare; the graph leaves out IPv6-only workloads and icmpv6.
 */
export function diffFlows(
  before: Estate,
  after: Estate,
  affected: ReadonlySet<string> | 'all',
  serviceOf: ReadonlyMap<string, ServiceNode>,
  dependencies: readonly ServiceDependency[],
  {
    report,
    indexes,
  }: {
    readonly report?: PhaseReport<ImpactProgress['phase']>;
    /** The two estates' indexes, when their engines have them already. */
    readonly indexes?: readonly [EstateIndex, EstateIndex];
  } = {},
): FlowDiff {
  if (affected !== 'all' && affected.size === 0) return { flows: [], segments: [] };
  // Only the edges with an affected end can differ, so only those are built.
  const graphOf = (
    estate: Estate,
    phase: 'flows-before' | 'flows-after',
    index: EstateIndex | undefined,
    madeFrom?: Estate,
    protocols?: ReadonlySet<string>,
  ) =>
    computeFlowGraph(estate, {
      ...(affected === 'all' ? {} : { around: affected }),
      ...(report ? { onProgress: (done: number, total: number) => report(phase, done, total) } : {}),
      ...(index ? { index } : {}),
      ...(madeFrom ? { madeFrom } : {}),
      ...(protocols ? { protocols } : {}),
    });
  let beforeGraph = graphOf(before, 'flows-before', indexes?.[0]);
  let afterGraph = graphOf(after, 'flows-after', indexes?.[1], before);
  // A protocol one side names and the other does not is decided there by `-1` rules and entries
  // alone: that side lists it too, so that its verdicts are compared rather than taken for none.
  const [onlyAfter, onlyBefore] = [unlisted(beforeGraph, afterGraph), unlisted(afterGraph, beforeGraph)];
  if (onlyAfter.size > 0) beforeGraph = graphOf(before, 'flows-before', indexes?.[0], undefined, onlyAfter);
  if (onlyBefore.size > 0) afterGraph = graphOf(after, 'flows-after', indexes?.[1], before, onlyBefore);
  const joints = jointClasses(beforeGraph, afterGraph, affected);
  const [byBefore, byAfter] = [jointsBy(joints, 'before'), jointsBy(joints, 'after')];
  const [beforeOut, afterOut] = [new OutEdges(beforeGraph), new OutEdges(afterGraph)];
  const flows: FlowChange[] = [];
  const segments = new Map<string, SegmentSum>();
  // Only pairs of joints with an edge on some side can differ: they are found from the edges leaving
  // each joint's classes, not by visiting every pair of classes (tens of millions on a large
  // estate), and taken in joint order, as such a visit would meet them.
  const seen = new Int32Array(joints.length).fill(-1);
  joints.forEach((from, at) => {
    const [old, next] = [beforeOut.of(from.before.id), afterOut.of(from.after.id)];
    const targets: number[] = [];
    const mark = (classIds: Iterable<number>, by: readonly (readonly number[] | undefined)[]) => {
      for (const classId of classIds)
        for (const to of by[classId] ?? [])
          if (seen[to] !== at) {
            seen[to] = at;
            targets.push(to);
          }
    };
    mark(old.targets(), byBefore);
    mark(next.targets(), byAfter);
    for (const index of targets.sort((a, b) => a - b)) {
      const to = joints[index] as Joint;
      const pairs = changeablePairs(from, to, from.workloadIds.length, to.workloadIds.length);
      if (pairs === 0) continue;
      if (old.same(to.before.id, next, to.after.id)) continue;
      const [was, now] = [old.edges(to.before.id), next.edges(to.after.id)];
      for (const protocol of new Set([...was, ...now].map((edge) => edge.protocol))) {
        const change = portChange(portsOf(was, protocol), portsOf(now, protocol));
        if (change === null) continue;
        flows.push(
          flowChange(
            { from: endpoints(from, serviceOf), to: endpoints(to, serviceOf), protocol, pairs },
            change,
            { from: from.workloadIds, to: to.workloadIds, serviceOf, dependencies },
          ),
        );
        addToSegments(
          segments,
          { before: from.before.groupIds, after: from.after.groupIds },
          { before: to.before.groupIds, after: to.after.groupIds },
          protocol,
          change,
          pairs,
        );
      }
    }
  });
  return { flows, segments: segmentChanges(segments) };
}

export function segmentChanges(segments: ReadonlyMap<string, SegmentSum>): SegmentChange[] {
  return [...segments].map(([key, sum]) => {
    const [fromGroup = '', toGroup = '', protocol = ''] = key.split('>');
    return {
      fromGroup,
      toGroup,
      protocol,
      opened: sum.opened.ranges(),
      closed: sum.closed.ranges(),
      workloadPairs: sum.workloadPairs,
    };
  });
}

function jointClasses(
  beforeGraph: FlowGraph,
  afterGraph: FlowGraph,
  affected: ReadonlySet<string> | 'all',
): Joint[] {
  const afterClassOf = new Map(
    afterGraph.classes.flatMap((one) => one.workloadIds.map((id) => [id, one] as const)),
  );
  const joints = new Map<string, Joint>();
  for (const before of beforeGraph.classes) {
    for (const id of before.workloadIds) {
      const after = afterClassOf.get(id);
      if (after === undefined) continue;
      const key = `${before.id}|${after.id}`;
      const joint = joints.get(key) ?? { before, after, workloadIds: [], affected: false };
      joints.set(key, joint);
      joint.workloadIds.push(id);
      joint.affected ||= affected === 'all' || affected.has(id);
    }
  }
  return [...joints.values()];
}

/** The protocols `other` lists that `graph` does not. */
function unlisted(graph: FlowGraph, other: FlowGraph): Set<string> {
  const listed = new Set(graph.protocols);
  return new Set(other.protocols.filter((protocol) => !listed.has(protocol)));
}

/** The joints (by their place in `joints`) of each class of one side, in joint order. */
function jointsBy(joints: readonly Joint[], side: 'before' | 'after'): number[][] {
  const by: number[][] = [];
  joints.forEach((joint, at) => {
    const classId = joint[side].id;
    by[classId] ??= [];
    by[classId].push(at);
  });
  return by;
}

/**
 * The edges leaving one class at a time, by target class: read when asked and kept only until
 * another class is, in buffers used again for every class, so that the millions of edges of a large
 * graph are walked without an object each (they were most of a route what-if's garbage). Joints of
 * one class are consecutive, so each class is read about once.
 */
class OutEdges {
  private source = -1;
  private generation = 0;
  /** Per target class: its first and last edge in the buffers, valid where `stamp` is this generation. */
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly stamp: Int32Array;
  private readonly next: number[] = [];
  private readonly protocol: string[] = [];
  private readonly allowed: PortSet[] = [];
  private readonly unknown: PortSet[] = [];
  private readonly seen: number[] = [];
  private count = 0;
  private targetCount = 0;

  constructor(private readonly graph: FlowGraph) {
    const classes = graph.classes.length;
    [this.first, this.last, this.stamp] = [
      new Int32Array(classes),
      new Int32Array(classes),
      new Int32Array(classes),
    ];
  }

  of(source: number): this {
    if (source === this.source) return this;
    this.source = source;
    this.generation++;
    this.count = 0;
    this.targetCount = 0;
    this.graph.edges.forEachFrom(source, (_, to, protocol, allowed, unknown) => {
      const at = this.count++;
      this.protocol[at] = protocol;
      this.allowed[at] = allowed;
      this.unknown[at] = unknown;
      this.next[at] = -1;
      if (this.stamp[to] !== this.generation) {
        this.stamp[to] = this.generation;
        this.first[to] = at;
        this.seen[this.targetCount++] = to;
      } else {
        this.next[this.last[to] as number] = at;
      }
      this.last[to] = at;
    });
    return this;
  }

  /** The target classes of the class read last. */
  targets(): readonly number[] {
    return this.seen.slice(0, this.targetCount);
  }

  /** Its edges to `to`, in the order the sweep emitted them. */
  edges(to: number): ClassEdge[] {
    const found: ClassEdge[] = [];
    for (let at = this.head(to); at !== -1; at = this.next[at] as number) {
      found.push({
        from: this.source,
        to,
        protocol: this.protocol[at] as string,
        allowed: this.allowed[at] as PortSet,
        unknown: this.unknown[at] as PortSet,
      });
    }
    return found;
  }

  /** The same protocols with the same ports to `to` as `other` has to `otherTo`: most pairs a change leaves alone. */
  same(to: number, other: OutEdges, otherTo: number): boolean {
    let [a, b] = [this.head(to), other.head(otherTo)];
    for (; a !== -1 && b !== -1; a = this.next[a] as number, b = other.next[b] as number) {
      if (
        this.protocol[a] !== other.protocol[b] ||
        !(this.allowed[a] as PortSet).equals(other.allowed[b] as PortSet) ||
        !(this.unknown[a] as PortSet).equals(other.unknown[b] as PortSet)
      )
        return false;
    }
    return a === -1 && b === -1;
  }

  private head(to: number): number {
    return this.stamp[to] === this.generation ? (this.first[to] as number) : -1;
  }
}

/** What one protocol's ports are, between two classes: allowed for sure, or undecidable. */
export interface PortVerdicts {
  readonly allowed: PortSet;
  readonly unknown: PortSet;
}

export interface PortChange {
  readonly opened: PortSet;
  /** Allowed before, and neither allowed nor undecidable after. */
  readonly closed: PortSet;
  readonly undecided: PortSet;
}

/** How the ports change from `was` to `now`; null when nothing does. */
export function portChange(was: PortVerdicts, now: PortVerdicts): PortChange | null {
  const opened = now.allowed.subtract(was.allowed);
  const closed = was.allowed.subtract(now.allowed).subtract(now.unknown);
  const undecided = now.unknown.subtract(was.unknown);
  return opened.isEmpty() && closed.isEmpty() && undecided.isEmpty() ? null : { opened, closed, undecided };
}

/**
 * Ordered pairs of different members between two joint classes (within one class, each member with
 * every other), or 0 when neither end is affected: only pairs with an affected end can change.
 */
export function changeablePairs(
  from: { readonly affected: boolean },
  to: { readonly affected: boolean },
  fromSize: number,
  toSize: number,
): number {
  if (!(from.affected || to.affected)) return 0;
  return fromSize * (from === to ? fromSize - 1 : toSize);
}

/** One line of the report's flows, with the dependencies that need its ports. */
export function flowChange(
  line: {
    readonly from: Endpoints;
    readonly to: Endpoints;
    readonly protocol: string;
    readonly pairs: number;
  },
  { opened, closed, undecided }: PortChange,
  members: {
    readonly from: readonly string[];
    readonly to: readonly string[];
    readonly serviceOf: ReadonlyMap<string, ServiceNode>;
    readonly dependencies: readonly ServiceDependency[];
  },
): FlowChange {
  return {
    from: line.from,
    to: line.to,
    protocol: line.protocol,
    opened: opened.ranges(),
    closed: closed.ranges(),
    undecided: undecided.ranges(),
    workloadPairs: line.pairs,
    neededBy: neededBy(
      members.from,
      members.to,
      line.protocol,
      opened.union(closed).union(undecided),
      members.serviceOf,
      members.dependencies,
    ),
  };
}

function portsOf(edges: readonly ClassEdge[], protocol: string): PortVerdicts {
  const edge = edges.find((one) => one.protocol === protocol);
  return { allowed: edge?.allowed ?? PortSet.empty, unknown: edge?.unknown ?? PortSet.empty };
}

function endpoints(joint: Joint, serviceOf: ReadonlyMap<string, ServiceNode>): Endpoints {
  return {
    workloadIds: joint.workloadIds,
    subnetId: joint.after.subnetId,
    groupIds: joint.after.groupIds,
    apps: [...new Set(joint.workloadIds.flatMap((id) => serviceOf.get(id)?.app ?? []))].sort(),
  };
}

/** `orders-api → orders-db tcp/5432` for each dependency between the two sides whose port changes. */
export function neededBy(
  from: readonly string[],
  to: readonly string[],
  protocol: string,
  ports: PortSet,
  serviceOf: ReadonlyMap<string, ServiceNode>,
  dependencies: readonly ServiceDependency[],
): string[] {
  const services = (workloadIds: readonly string[]) =>
    new Set(workloadIds.flatMap((id) => serviceOf.get(id)?.name ?? []));
  const [callers, callees] = [services(from), services(to)];
  return dependencies
    .filter(
      (d) =>
        callers.has(d.from) &&
        callees.has(d.to) &&
        d.protocol === protocol &&
        d.port !== null &&
        ports.contains(d.port),
    )
    .map((d) => `${d.from} → ${d.to} ${writtenTraffic(d)}`);
}

/** The segments one end of a flow is in, before and after the change. */
export interface SidesSegments {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/** Opened ports count for the segments the ends are in after, closed ones for those they were in before. */
export function addToSegments(
  segments: Map<string, SegmentSum>,
  from: SidesSegments,
  to: SidesSegments,
  protocol: string,
  ports: { readonly opened: PortSet; readonly closed: PortSet },
  pairs: number,
): void {
  const touched = new Set<SegmentSum>();
  const add = (side: 'opened' | 'closed', fromSegments: readonly string[], toSegments: readonly string[]) => {
    if (ports[side].isEmpty()) return;
    for (const g of fromSegments) {
      for (const h of toSegments) {
        const key = `${g}>${h}>${protocol}`;
        const sum = segments.get(key) ?? { opened: PortSet.empty, closed: PortSet.empty, workloadPairs: 0 };
        segments.set(key, sum);
        sum[side] = sum[side].union(ports[side]);
        touched.add(sum);
      }
    }
  };
  add('opened', from.after, to.after);
  add('closed', from.before, to.before);
  for (const sum of touched) sum.workloadPairs += pairs;
}
