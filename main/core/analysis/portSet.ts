export const MAX_PORT = 65535;

type Interval = readonly [from: number, to: number];

/**
 * An immutable set of integers in 0..65535 as sorted, disjoint, non-adjacent intervals.
 * Used for tcp/udp ports and for ICMP types (0..255), so that a layer's answer for every port at once
 * can be intersected with another layer's (the NACL reply needs the same client port on both sides).
 */
export class PortSet {
  static readonly empty = new PortSet([]);
  static readonly all = new PortSet([[0, MAX_PORT]]);

  private constructor(private readonly intervals: readonly Interval[]) {}

  /** Clamped to 0..65535; `from > to` is the empty set. */
  static range(from: number, to: number): PortSet {
    const low = Math.max(from, 0);
    const high = Math.min(to, MAX_PORT);
    return low > high ? PortSet.empty : new PortSet([[low, high]]);
  }

  static of(port: number): PortSet {
    return PortSet.range(port, port);
  }

  ranges(): readonly { readonly from: number; readonly to: number }[] {
    return this.intervals.map(([from, to]) => ({ from, to }));
  }

  /** How many ports. */
  size(): number {
    return this.intervals.reduce((sum, [from, to]) => sum + to - from + 1, 0);
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  contains(port: number): boolean {
    return this.intervals.some(([from, to]) => from <= port && port <= to);
  }

  /** Intervals are kept sorted and merged, so equal sets have equal intervals. */
  equals(other: PortSet): boolean {
    if (this === other) return true;
    const [a, b] = [this.intervals, other.intervals];
    return a.length === b.length && a.every(([from, to], at) => b[at]?.[0] === from && b[at]?.[1] === to);
  }

  union(other: PortSet): PortSet {
    const sorted = [...this.intervals, ...other.intervals].sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [from, to] of sorted) {
      const last = merged.at(-1);
      if (last !== undefined && from <= last[1] + 1) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    return new PortSet(merged);
  }

  intersect(other: PortSet): PortSet {
    const result: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < this.intervals.length && j < other.intervals.length) {
      const [aFrom, aTo] = this.intervals[i] as Interval;
      const [bFrom, bTo] = other.intervals[j] as Interval;
      const from = Math.max(aFrom, bFrom);
      const to = Math.min(aTo, bTo);
      if (from <= to) result.push([from, to]);
      if (aTo < bTo) i++;
      else j++;
    }
    return new PortSet(result);
  }

  subtract(other: PortSet): PortSet {
    return this.intersect(other.complement());
  }

  complement(): PortSet {
    const gaps: Interval[] = [];
    let next = 0;
    for (const [from, to] of this.intervals) {
      if (from > next) gaps.push([next, from - 1]);
      next = to + 1;
    }
    if (next <= MAX_PORT) gaps.push([next, MAX_PORT]);
    return new PortSet(gaps);
  }

  /** `80, 443, 1024-65535`; `none` for the empty set. */
  toString(): string {
    if (this.isEmpty()) return 'none';
    return this.intervals.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(', ');
  }
}
