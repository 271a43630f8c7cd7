import type { PortSet } from '../portSet';
import type { Segment } from './types';

/**
 * The segment graph as the views receive and the workspace keeps it: edges in columns of numbers
 * rather than an object each. On the 50,000-ENI bench estate its 583,380 edges were 83 MB of JSON
 * and 2.1 s per structured clone, and the app clones an answer twice (worker to main process, main
 * process to window).
 */
export interface PackedSegmentGraph {
  readonly segments: readonly Segment[];
  readonly edges: PackedSegmentEdges;
}

export interface PackedSegmentEdges {
  readonly protocols: readonly string[];
  /** Edge i joins segments[from[i]] to segments[to[i]] over protocols[protocol[i]]. */
  readonly from: readonly number[];
  readonly to: readonly number[];
  readonly protocol: readonly number[];
  /** Ordered workload pairs behind edge i, counted once per class edge that contributes. */
  readonly workloadPairs: readonly number[];
  /**
   * Edge i's ports, allowed for sure between some member of from[i] and some member of to[i], are
   * the ranges (ports[2k], ports[2k + 1]) for k from portStart[i] to portStart[i + 1] (excluded);
   * portStart has one entry more than there are edges.
   */
  readonly portStart: readonly number[];
  readonly ports: readonly number[];
}

/**
 * Segment edges summed by (from, to, protocol) straight into the columns above: an edge is an index
 * into them, not an object. Summed as objects, then turned into the views' edge objects, then packed,
 * the bench estate's 583,380 segment edges were held three times over (docs/performance.md).
 * Edges keep the order in which they were first added.
 */
export class SegmentEdgeSums {
  private readonly protocols: string[] = [];
  /**
   * Per protocol, an edge's index by from · segments + to: a key that also held the protocol would
   * pass 2^31 (a heap number to allocate and hash) on an estate of a few thousand groups; this one
   * does past 46,000.
   */
  private readonly edgeAt: Map<number, number>[] = [];
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly protocol: number[] = [];
  private readonly pairs: number[] = [];
  private readonly ports: PortSet[] = [];

  constructor(private readonly segmentCount: number) {}

  get count(): number {
    return this.from.length;
  }

  /** The number `add` takes for a protocol: looked up once per batch of edges, not once per edge. */
  protocolIndex(name: string): number {
    let at = this.protocols.indexOf(name);
    if (at === -1) {
      at = this.protocols.push(name) - 1;
      this.edgeAt.push(new Map());
    }
    return at;
  }

  /** Adds `ports` and `pairs` to the edge from → to over the protocol, made if new. */
  add(from: number, to: number, protocol: number, ports: PortSet, pairs: number): void {
    const edgeAt = this.edgeAt[protocol] as Map<number, number>;
    const key = from * this.segmentCount + to;
    const at = edgeAt.get(key);
    if (at === undefined) {
      edgeAt.set(key, this.from.length);
      this.from.push(from);
      this.to.push(to);
      this.protocol.push(protocol);
      this.pairs.push(pairs);
      this.ports.push(ports);
      return;
    }
    const summed = this.ports[at] as PortSet;
    // Port sets are shared among edges that have the same ones: a union with itself changes nothing.
    if (summed !== ports) this.ports[at] = summed.union(ports);
    this.pairs[at] = (this.pairs[at] as number) + pairs;
  }

  /** Each edge, in the order first added, with its protocol's name. */
  forEach(visit: (from: number, to: number, protocol: string, ports: PortSet, pairs: number) => void): void {
    for (let at = 0; at < this.from.length; at++) {
      visit(
        this.from[at] as number,
        this.to[at] as number,
        this.protocols[this.protocol[at] as number] as string,
        this.ports[at] as PortSet,
        this.pairs[at] as number,
      );
    }
  }

  /** The graph, handing over the columns themselves rather than copies: nothing is added after. */
  packed(segments: readonly Segment[]): PackedSegmentGraph {
    const ports: number[] = [];
    const portStart = [0];
    for (const set of this.ports) {
      for (const { from, to } of set.ranges()) ports.push(from, to);
      portStart.push(ports.length / 2);
    }
    const { protocols, from, to, protocol, pairs } = this;
    return { segments, edges: { protocols, from, to, protocol, workloadPairs: pairs, portStart, ports } };
  }
}

/** `second`'s segments and edges after `first`'s, as one graph. */
export function joinSegmentGraphs(first: PackedSegmentGraph, second: PackedSegmentGraph): PackedSegmentGraph {
  if (second.segments.length === 0) return first;
  const offset = first.segments.length;
  const protocols = [...first.edges.protocols];
  const protocolOf = second.edges.protocols.map((name) => {
    const at = protocols.indexOf(name);
    return at === -1 ? protocols.push(name) - 1 : at;
  });
  const portOffset = first.edges.ports.length / 2;
  const [a, b] = [first.edges, second.edges];
  return {
    segments: [...first.segments, ...second.segments],
    edges: {
      protocols,
      from: [...a.from, ...b.from.map((at) => at + offset)],
      to: [...a.to, ...b.to.map((at) => at + offset)],
      protocol: [...a.protocol, ...b.protocol.map((at) => protocolOf[at] as number)],
      workloadPairs: [...a.workloadPairs, ...b.workloadPairs],
      portStart: [...a.portStart, ...b.portStart.slice(1).map((at) => at + portOffset)],
      ports: [...a.ports, ...b.ports],
    },
  };
}
