import type { Estate, IpProtocol } from '../../domain/estate';
import { hasPortRange, isIcmp } from '../../domain/ipProtocol';
import type { EstateIndex } from '../estateIndex';
import { PortSet } from '../portSet';
import { answeredIcmpTypes, portSpace, type TrafficSelector } from '../protocol';

/**
 * One protocol's port space (ICMP types for icmp) cut at every boundary a rule or entry draws, so
 * that every layer's verdict is the same for all ports of one interval. Intervals of all protocols
 * are numbered together: interval `offset + k` is this protocol's k-th.
 */
export interface ProtocolSpace {
  readonly protocol: IpProtocol;
  readonly offset: number;
  /** Interval k runs from starts[k] to starts[k + 1] - 1, the last one to the end of the space. */
  readonly starts: readonly number[];
  readonly last: number;
}

export interface PortIntervals {
  readonly spaces: readonly ProtocolSpace[];
  /** Intervals of all protocols together. */
  readonly count: number;
}

/**
 * tcp, udp and icmp, every other protocol a rule or entry names (a `-1` rule covers them all) and
 * those asked for `also`. icmpv6 is left out: the graph's ends are IPv4, which it does not travel
 * between.
 */
export function portIntervals(
  estate: Estate,
  index: EstateIndex,
  also: ReadonlySet<string> = new Set(),
): PortIntervals {
  const selectors = allSelectors(estate, index);
  const protocols = new Set(['tcp', 'udp', 'icmp', ...also]);
  for (const { protocol } of selectors)
    if (protocol !== '-1' && protocol !== 'icmpv6') protocols.add(protocol);
  let offset = 0;
  const spaces = [...protocols].map((protocol): ProtocolSpace => {
    const last = portSpace(protocol).ranges()[0]?.to ?? 0;
    const cuts = new Set([0]);
    // An answered ICMP type is its own interval: its reply differs from its neighbours'.
    for (const type of answeredIcmpTypes(protocol)) cuts.add(type).add(type + 1);
    if (hasPortRange(protocol) || isIcmp(protocol)) {
      for (const selector of selectors)
        for (const [from, to] of selectedRanges(selector, protocol)) {
          cuts.add(from);
          if (to < last) cuts.add(to + 1);
        }
    }
    const starts = [...cuts].sort((a, b) => a - b);
    const space = { protocol, offset, starts, last };
    offset += starts.length;
    return space;
  });
  return { spaces, count: offset };
}

function allSelectors(estate: Estate, index: EstateIndex): TrafficSelector[] {
  const groupIds = new Set(estate.securityGroupRules.map((rule) => rule.groupId));
  const selectors: TrafficSelector[] = [];
  for (const groupId of groupIds) {
    for (const direction of ['ingress', 'egress'] as const) {
      for (const rule of index.rules(groupId, direction)) selectors.push(rule.selector);
    }
  }
  for (const acl of estate.networkAcls) {
    for (const egress of [true, false]) {
      for (const entry of index.entries(acl.id, egress)) selectors.push(entry.selector);
    }
  }
  return selectors;
}

/** The ports a selector names for `protocol`, as [from, to] pairs; the same sets `selectedPorts` gives. */
function selectedRanges(selector: TrafficSelector, protocol: IpProtocol): [number, number][] {
  if (selector.protocol !== protocol) return [];
  if (isIcmp(protocol)) {
    const type = selector.icmp?.type ?? -1;
    return type === -1 ? [] : [[type, type]];
  }
  const ports = selector.ports;
  return ports === null
    ? []
    : PortSet.range(ports.from, ports.to)
        .ranges()
        .map(({ from, to }) => [from, to]);
}

/** The global interval indices [first, last] a port set covers; it must be a union of whole intervals. */
export function intervalRanges(space: ProtocolSpace, ports: PortSet): [number, number][] {
  return ports
    .ranges()
    .map(({ from, to }) => [space.offset + intervalOf(space, from), space.offset + intervalOf(space, to)]);
}

/** Index of the interval holding `port`. */
function intervalOf(space: ProtocolSpace, port: number): number {
  const { starts } = space;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= port) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The ports of a list of this protocol's intervals (local indices, ascending). */
export function portsOfIntervals(space: ProtocolSpace, intervals: readonly number[]): PortSet {
  const { starts, last } = space;
  const endOf = (k: number) => (starts[k + 1] ?? last + 1) - 1;
  let ports = PortSet.empty;
  let run = 0;
  // Consecutive intervals make one range: one union per range, not per interval.
  while (run < intervals.length) {
    let end = run;
    while (end + 1 < intervals.length && intervals[end + 1] === (intervals[end] as number) + 1) end++;
    ports = ports.union(
      PortSet.range(starts[intervals[run] as number] as number, endOf(intervals[end] as number)),
    );
    run = end + 1;
  }
  return ports;
}
