import type { Estate } from '../../domain/estate';
import type { EstateIndex } from '../estateIndex';
import type { PortSet } from '../portSet';
import {
  type Bits,
  intersectSpans,
  orRows,
  orRowsMasked,
  resetRows,
  setBit,
  spansOfSetWords,
  type WordSpans,
} from './bitset';
import { ClassSets } from './classSets';
import { ipv4Number } from './ipv4';
import { Paths, type ReferenceMasks } from './paths';
import { type PortIntervals, type ProtocolSpace, portIntervals, portsOfIntervals } from './portIntervals';
import { type ClassRule, RuleBook } from './ruleBook';
import type { EdgeSink, ProgressListener } from './types';
import type { Location, Partition } from './workloadClasses';

export interface SweepOptions {
  /** Called once per source class. */
  readonly onProgress?: ProgressListener;
  /**
   * Only the edges with a class of this set at one end: a source outside it yields only its edges to
   * the set, which spares extracting (and the caller filtering) every other edge of the estate.
   */
  readonly focus?: ReadonlySet<number>;
  /**
   * Only the edges with some surely allowed port, each with its unknown ports too: what the segment
   * view draws. On the bench estate nine edges in ten have only unknown ports.
   */
  readonly allowedOnly?: boolean;
}

/**
 * What a sweep works from, worked out from the estate alone: its classes, the port intervals, the
 * classes each group and CIDR stands for, the rules compiled to those classes, and routing and ACLs
 * between locations, the last filled in as sweeps ask. Nothing in it depends on a sweep's options,
 * so one basis serves all the sweeps of an estate (see computeFlowGraph).
 */
export interface SweepBasis {
  readonly partition: Partition;
  readonly intervals: PortIntervals;
  readonly sets: ClassSets;
  readonly book: RuleBook;
  readonly paths: Paths;
}

export function sweepBasis(
  estate: Estate,
  index: EstateIndex,
  partition: Partition,
  protocols: ReadonlySet<string> = new Set(),
): SweepBasis {
  const intervals = portIntervals(estate, index, protocols);
  const sets = new ClassSets(partition, index);
  return {
    partition,
    intervals,
    sets,
    book: new RuleBook(estate, index, sets, intervals),
    paths: new Paths(estate, index, partition, intervals),
  };
}

/**
 * Every class edge (or those `focus` asks for), handed to `emit` one source class at a time.
 *
 * How: port spaces are cut into elementary intervals (no rule or entry boundary inside one), so each
 * layer has one verdict per interval. For a source class S, six matrices hold one bitset of
 * destination classes per interval: egress rules of S's groups that surely / maybe admit the
 * destination (OR of the peers' class bitsets), ingress rules that surely / maybe admit S (OR of the
 * bitsets of the classes carrying each rule matching S, found by S's groups and address, not by
 * scanning rules), and routing + ACLs (computed per location pair, reused by every class of a location).
 * Then, per interval, sure = egress ∧ ingress ∧ path and maybe = possible ∧ ¬sure, word by word.
 * All of it runs only over the classes in VPCs the source can route to.
 *
 * Cost: with C classes (W = C/32 words), K intervals and R rules touching S, each source costs
 * O((R + K) · W_reach) word operations plus its edges, so O(C · (R + K) · W) overall, plus the layer
 * pairs, whose count is bounded by the distinct route and ACL keys (a few per subnet), not by C².
 */
export function sweepClassEdges(
  { partition, intervals, sets, book, paths }: SweepBasis,
  emit: EdgeSink,
  { onProgress, focus, allowedOnly = false }: SweepOptions = {},
): void {
  const words = sets.words;
  const rows = intervals.count;
  const matrix = () => new Uint32Array(rows * words);
  // What every source starts from: no security group filters what group-less destinations receive.
  const admitAnyone = matrix();
  orRows(admitAnyone, words, 0, rows - 1, sets.groupless, [[0, words]]);
  const layers = {
    egressSure: matrix(),
    egressMaybe: matrix(),
    ingressSure: matrix(),
    ingressMaybe: matrix(),
    pathSure: matrix(),
    pathMaybe: matrix(),
  };
  const extract = new EdgeExtractor(intervals, words, allowedOnly, sets.accepting);
  const focusBits = focus === undefined ? null : new Uint32Array(words);
  for (const id of focus ?? []) setBit(focusBits as Bits, id);
  // A source outside the focus needs only the words holding focus classes, per location it routes from.
  const focusSpans = focusBits === null ? [] : spansOfSetWords(focusBits);
  const focusWithin = new Map<number, WordSpans>();
  const towardsFocus = (location: number, reach: WordSpans): WordSpans => {
    let spans = focusWithin.get(location);
    if (spans === undefined) {
      spans = intersectSpans(reach, focusSpans);
      focusWithin.set(location, spans);
    }
    return spans;
  };
  let filledLocation = -1;
  let references: ReferenceMasks | null = null;
  for (const source of partition.classes) {
    if (!source.opensConnections) {
      onProgress?.(source.id + 1, partition.classes.length);
      continue;
    }
    const location = partition.locationOf[source.id] as number;
    const reach = paths.reach(location).spans;
    const only = focusBits === null || focus?.has(source.id) ? null : focusBits;
    const spans = only === null ? reach : towardsFocus(location, reach);
    if (location !== filledLocation) {
      // The previous location may reach other VPCs: clear everything it wrote.
      if (filledLocation >= 0) {
        const previous = paths.reach(filledLocation).spans;
        resetRows(layers.pathSure, words, rows, previous);
        resetRows(layers.pathMaybe, words, rows, previous);
      }
      references = paths.fill(location, layers.pathSure, layers.pathMaybe, words);
      filledLocation = location;
    }
    resetRows(layers.egressSure, words, rows, spans);
    resetRows(layers.egressMaybe, words, rows, spans);
    // No group, or the default all-traffic rule: every destination, and then the other rules add nothing.
    if (source.groupIds.length === 0 || source.groupIds.some((groupId) => book.egressIsOpen(groupId))) {
      orRows(layers.egressSure, words, 0, rows - 1, sets.all, spans);
    } else {
      for (const groupId of source.groupIds) {
        applyRules(
          layers.egressSure,
          layers.egressMaybe,
          book.egress(groupId),
          words,
          spans,
          references?.egress,
        );
      }
    }
    resetRows(layers.ingressSure, words, rows, spans, admitAnyone);
    resetRows(layers.ingressMaybe, words, rows, spans);
    const address = ipv4Number((partition.locations[location] as Location).address);
    const admitting = book.ingressMatching(source.groupIds, address);
    applyRules(layers.ingressSure, layers.ingressMaybe, admitting, words, spans, references?.ingress);
    book.applyPrefixListIngress(source.id, layers.ingressSure, layers.ingressMaybe, spans);
    extract.run(source.id, source.workloadIds.length > 1, layers, spans, only, emit);
    onProgress?.(source.id + 1, partition.classes.length);
  }
}

/** `reach`: the destinations rules naming groups reach surely, and may; every one when absent. */
function applyRules(
  sure: Bits,
  maybe: Bits,
  rules: readonly ClassRule[],
  words: number,
  spans: WordSpans,
  reach?: ReferenceMasks['egress'],
) {
  for (const rule of rules) {
    if (reach !== undefined && rule.byReference) {
      for (const [first, last] of rule.sure) {
        orRowsMasked(sure, words, first, last, rule.classes, reach.sure, spans);
        if (reach.any !== reach.sure) orRowsMasked(maybe, words, first, last, rule.classes, reach.any, spans);
      }
      for (const [first, last] of rule.maybe)
        orRowsMasked(maybe, words, first, last, rule.classes, reach.any, spans);
      continue;
    }
    for (const [first, last] of rule.sure) orRows(sure, words, first, last, rule.classes, spans);
    for (const [first, last] of rule.maybe) orRows(maybe, words, first, last, rule.classes, spans);
  }
}

interface Layers {
  readonly egressSure: Bits;
  readonly egressMaybe: Bits;
  readonly ingressSure: Bits;
  readonly ingressMaybe: Bits;
  readonly pathSure: Bits;
  readonly pathMaybe: Bits;
}

/** Turns one source's matrices into edges, one per destination and protocol, with shared port sets. */
class EdgeExtractor {
  private readonly sure: Uint32Array;
  private readonly maybe: Uint32Array;
  /** Port sets by key (see portsWhere), per space, indexed by the space's offset. */
  private readonly portSets: Map<number | string, PortSet>[] = [];

  constructor(
    private readonly intervals: PortIntervals,
    private readonly words: number,
    private readonly allowedOnly: boolean,
    private readonly accepting: Bits,
  ) {
    this.sure = new Uint32Array(intervals.count);
    this.maybe = new Uint32Array(intervals.count);
    for (const space of intervals.spaces) this.portSets[space.offset] = new Map();
  }

  /** `only`: when set, the destinations to extract, as a bitset; the others are skipped. */
  run(from: number, selfEdge: boolean, layers: Layers, spans: WordSpans, only: Bits | null, emit: EdgeSink) {
    const { words, sure, maybe, allowedOnly } = this;
    const { egressSure, egressMaybe, ingressSure, ingressMaybe, pathSure, pathMaybe } = layers;
    for (const [first, end] of spans) {
      for (let w = first; w < end; w++) {
        if (only !== null && only[w] === 0) continue;
        let any = 0;
        for (let k = 0, at = w; k < sure.length; k++, at += words) {
          const surely = (egressSure[at] as number) & (ingressSure[at] as number) & (pathSure[at] as number);
          const possibly =
            ((egressSure[at] as number) | (egressMaybe[at] as number)) &
            ((ingressSure[at] as number) | (ingressMaybe[at] as number)) &
            ((pathSure[at] as number) | (pathMaybe[at] as number));
          sure[k] = surely;
          maybe[k] = possibly & ~surely;
          any |= allowedOnly ? surely : possibly;
        }
        any &= this.accepting[w] as number;
        if (!selfEdge && from >>> 5 === w) any &= ~(1 << (from & 31));
        if (only !== null) any &= only[w] as number;
        for (; any !== 0; any &= any - 1) {
          const bit = 31 - Math.clz32(any & -any);
          this.emitTo(from, w * 32 + bit, 1 << bit, emit);
        }
      }
    }
  }

  private emitTo(from: number, to: number, mask: number, emit: EdgeSink): void {
    for (const space of this.intervals.spaces) {
      const allowed = this.portsWhere(this.sure, space, mask);
      if (this.allowedOnly && allowed.isEmpty()) continue;
      const unknown = this.portsWhere(this.maybe, space, mask);
      if (!allowed.isEmpty() || !unknown.isEmpty()) emit(from, to, space.protocol, allowed, unknown);
    }
  }

  /**
   * The ports of the space's intervals whose bit `mask` is set in `rows`. The intervals set make a
   * key, and each key's port set is built once: a few hundred distinct sets serve millions of edges.
   * The key is a number, bit k for interval k, while a double holds the bits exactly (52 intervals,
   * a couple of dozen distinct ports); beyond that a string of one character per 16 intervals,
   * short to hash where a list of numbers took seconds to print over millions of edges.
   */
  private portsWhere(rows: Uint32Array, space: ProtocolSpace, mask: number): PortSet {
    const { offset, starts } = space;
    let key: number | string;
    if (starts.length <= 32) {
      // An int32, which V8 keeps unboxed and hashes fastest: the common case.
      key = 0;
      for (let k = 0; k < starts.length; k++) if ((rows[offset + k] as number) & mask) key |= 1 << k;
    } else if (starts.length <= numberKeyBits) {
      let [low, high] = [0, 0];
      for (let k = 0; k < 32; k++) if ((rows[offset + k] as number) & mask) low |= 1 << k;
      for (let k = 32; k < starts.length; k++) if ((rows[offset + k] as number) & mask) high |= 1 << (k - 32);
      key = high * 2 ** 32 + (low >>> 0);
    } else {
      key = '';
      for (let base = 0; base < starts.length; base += 16) {
        let bits = 0;
        const end = Math.min(base + 16, starts.length);
        for (let k = base; k < end; k++) if ((rows[offset + k] as number) & mask) bits |= 1 << (k - base);
        key += String.fromCharCode(bits);
      }
    }
    const known = this.portSets[offset] as Map<number | string, PortSet>;
    let ports = known.get(key);
    if (ports === undefined) {
      ports = portsOfIntervals(space, intervalsOf(key, starts.length));
      known.set(key, ports);
    }
    return ports;
  }
}

/** Intervals a number key can hold: 32 bits in the low word, 20 more below 2^53. */
const numberKeyBits = 52;

function intervalsOf(key: number | string, count: number): number[] {
  const set = (k: number) => {
    if (typeof key === 'string') return (key.charCodeAt(k >>> 4) & (1 << (k & 15))) !== 0;
    // Up to 32 intervals the key is an int32; beyond, high · 2^32 + low with low unsigned.
    const word = k >= 32 ? Math.floor(key / 2 ** 32) : count <= 32 ? key : key % 2 ** 32;
    return (word & (1 << (k & 31))) !== 0;
  };
  return Array.from({ length: count }, (_, k) => k).filter(set);
}
