import type { Estate } from '../../domain/estate';
import type { EstateIndex, IndexedRule } from '../estateIndex';
import { selectedPorts } from '../protocol';
import { type Bits, orMatrix, orRows, type WordSpans } from './bitset';
import type { ClassSets, PeerClasses } from './classSets';
import { Ipv4CidrIndex } from './ipv4';
import { intervalRanges, type PortIntervals } from './portIntervals';

/** Interval ranges [first, last] (global indices) that a rule admits surely, and those it might admit. */
export interface RuleReach {
  readonly sure: readonly (readonly [number, number])[];
  readonly maybe: readonly (readonly [number, number])[];
}

/** A rule with the classes it applies to: the peers it admits (egress), or its group's members (ingress). */
export interface ClassRule extends RuleReach {
  readonly classes: Bits;
  /** The rule names a group: whether it reaches that group's members depends on the way (see groupReferences). */
  readonly byReference: boolean;
}

/** The ingress rules naming one prefix list, merged: rows of destination classes they admit surely, and might. */
interface PrefixListIngress {
  readonly peer: PeerClasses;
  readonly sure: Bits;
  readonly maybe: Bits;
}

/**
 * Every security group rule compiled once into interval ranges and class bitsets. Egress rules are
 * filed under their group: a source applies its own groups'. Ingress rules are filed under their
 * peer: a source looks up the rules that match it (by its groups, its address and the prefix lists
 * holding it), and each contributes the classes carrying the rule's group: the destinations that
 * admit the source. Rules naming a prefix list are merged per list, as every source may match one.
 */
export class RuleBook {
  private readonly egressByGroup = new Map<string, ClassRule[]>();
  private readonly ingressByGroupPeer = new Map<string, ClassRule[]>();
  private readonly ingressByCidr = new Ipv4CidrIndex<ClassRule>();
  private readonly ingressByPrefixList = new Map<string, PrefixListIngress>();
  /** Groups with an egress rule admitting everything to 0.0.0.0/0, as AWS gives every new group. */
  private readonly openEgress = new Set<string>();

  constructor(
    estate: Estate,
    index: EstateIndex,
    private readonly sets: ClassSets,
    private readonly intervals: PortIntervals,
  ) {
    const groupIds = new Set(estate.securityGroupRules.map((rule) => rule.groupId));
    for (const groupId of groupIds) {
      this.egressByGroup.set(
        groupId,
        index.rules(groupId, 'egress').flatMap((rule) => {
          if (admitsEverything(rule, intervals)) this.openEgress.add(groupId);
          const peer = sets.peer(rule.peer);
          const byReference = rule.peer.kind === 'group';
          const sure = { classes: peer.sure, byReference, ...reach(rule, intervals, true) };
          return peer.maybe === null
            ? [sure]
            : [sure, { classes: peer.maybe, byReference, ...reach(rule, intervals, false) }];
        }),
      );
      for (const rule of index.rules(groupId, 'ingress')) this.fileIngress(rule);
    }
  }

  /** True when the group's egress surely admits every port of every protocol to every class. */
  egressIsOpen(groupId: string): boolean {
    return this.openEgress.has(groupId);
  }

  egress(groupId: string): readonly ClassRule[] {
    return this.egressByGroup.get(groupId) ?? [];
  }

  /** The ingress rules whose peer is one of `groupIds` or a CIDR holding `address`. */
  ingressMatching(groupIds: readonly string[], address: number): ClassRule[] {
    const byGroup = groupIds.flatMap((groupId) => this.ingressByGroupPeer.get(groupId) ?? []);
    return [...byGroup, ...this.ingressByCidr.containing(address)];
  }

  /** ORs in what rules naming prefix lists admit from `source`: surely if a list surely holds it. */
  applyPrefixListIngress(source: number, sure: Bits, maybe: Bits, spans: WordSpans): void {
    const { words } = this.sets;
    const rows = this.intervals.count;
    const word = source >>> 5;
    const bit = 1 << (source & 31);
    for (const list of this.ingressByPrefixList.values()) {
      if ((list.peer.sure[word] as number) & bit) {
        orMatrix(sure, list.sure, words, rows, spans);
        orMatrix(maybe, list.maybe, words, rows, spans);
      } else if (((list.peer.maybe?.[word] ?? 0) as number) & bit) {
        orMatrix(maybe, list.sure, words, rows, spans);
        orMatrix(maybe, list.maybe, words, rows, spans);
      }
    }
  }

  private fileIngress(rule: IndexedRule): void {
    const { peer } = rule;
    const compiled = {
      classes: this.sets.members(rule.rule.groupId),
      byReference: peer.kind === 'group',
      ...reach(rule, this.intervals, true),
    };
    if (peer.kind === 'group') {
      const filed = this.ingressByGroupPeer.get(peer.groupId) ?? [];
      filed.push(compiled);
      this.ingressByGroupPeer.set(peer.groupId, filed);
    } else if (peer.kind === 'cidr') {
      this.ingressByCidr.add(peer.cidr, compiled);
    } else {
      const list = this.prefixListIngress(peer.prefixListId);
      const everywhere: WordSpans = [[0, this.sets.words]];
      for (const [first, last] of compiled.sure) {
        orRows(list.sure, this.sets.words, first, last, compiled.classes, everywhere);
      }
      for (const [first, last] of compiled.maybe) {
        orRows(list.maybe, this.sets.words, first, last, compiled.classes, everywhere);
      }
    }
  }

  private prefixListIngress(id: string): PrefixListIngress {
    let found = this.ingressByPrefixList.get(id);
    if (found === undefined) {
      const size = this.sets.words * this.intervals.count;
      found = { peer: this.sets.prefixList(id), sure: new Uint32Array(size), maybe: new Uint32Array(size) };
      this.ingressByPrefixList.set(id, found);
    }
    return found;
  }
}

function admitsEverything(rule: IndexedRule, intervals: PortIntervals): boolean {
  const { peer } = rule;
  if (peer.kind !== 'cidr' || peer.cidr.family !== 4 || peer.cidr.prefixLength !== 0) return false;
  const covered = reach(rule, intervals, true).sure.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  return covered === intervals.count;
}

/** `peerCertain` false: whatever the rule admits, it only might. */
function reach(rule: IndexedRule, intervals: PortIntervals, peerCertain: boolean): RuleReach {
  const sure: [number, number][] = [];
  const maybe: [number, number][] = [];
  for (const space of intervals.spaces) {
    const selected = selectedPorts(rule.selector, space.protocol);
    if (selected === null) continue;
    (selected.certain && peerCertain ? sure : maybe).push(...intervalRanges(space, selected.ports));
  }
  return { sure, maybe };
}
