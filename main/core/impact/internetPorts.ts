import type { EstateIndex, IndexedRule } from '../analysis/estateIndex';
import { ruleReference } from '../analysis/explain';
import { PortSet } from '../analysis/portSet';
import { portSpace, selectedPorts } from '../analysis/protocol';
import type { DecidingRule } from '../analysis/verdict';
import type { IpProtocol, RuleDirection, Workload } from '../domain/estate';
import type { IpFamily } from '../domain/ip';

/**
 * The protocols all traffic is judged by, one by one: what connections mostly are, and the family's
 * own ICMP (the exposure finding asks the same ones).
 */
export const probedProtocols: Record<IpFamily, readonly IpProtocol[]> = {
  4: ['tcp', 'udp', 'icmp'],
  6: ['tcp', 'udp', 'icmpv6'],
};

/** A workload's rules of one direction whose peer is the whole internet of a family: 0.0.0.0/0 or ::/0. */
export function internetRules(
  index: EstateIndex,
  workload: Workload,
  direction: RuleDirection,
  family: IpFamily,
): IndexedRule[] {
  return workload.groupIds.flatMap((groupId) =>
    index
      .rules(groupId, direction)
      .filter(
        ({ peer }) => peer.kind === 'cidr' && peer.cidr.prefixLength === 0 && peer.cidr.family === family,
      ),
  );
}

/** Per protocol (`-1` for all traffic), the ports the rules open. A `-1` rule opens every port of every protocol. */
function openPorts(rules: readonly IndexedRule[]): Map<string, PortSet> {
  const open = new Map<string, PortSet>();
  const everything = rules.some((rule) => rule.selector.protocol === '-1');
  if (everything) open.set('-1', PortSet.all);
  for (const rule of rules) {
    const protocol = rule.selector.protocol;
    if (protocol === '-1') continue;
    const ports = everything
      ? portSpace(protocol)
      : (selectedPorts(rule.selector, protocol)?.ports ?? PortSet.empty);
    open.set(protocol, (open.get(protocol) ?? PortSet.empty).union(ports));
  }
  return open;
}

export interface PortsDiff {
  readonly protocol: string;
  readonly added: PortSet;
  readonly removed: PortSet;
  /** Open on both sides. */
  readonly kept: PortSet;
}

/** Per protocol either side opens, the ports that `after` opens and `before` did not, and the other way round. */
export function diffOpenPorts(before: readonly IndexedRule[], after: readonly IndexedRule[]): PortsDiff[] {
  const [openBefore, openAfter] = [openPorts(before), openPorts(after)];
  const protocols = new Set([...openBefore.keys(), ...openAfter.keys()]);
  return [...protocols].flatMap((protocol) => {
    // With all traffic newly open, opening one protocol more adds nothing worth a line of its own.
    if (protocol !== '-1' && openAfter.has('-1') && !openBefore.has('-1')) return [];
    // All traffic opens every port of a protocol that no rule of that side names.
    const ports = (open: Map<string, PortSet>) =>
      open.get(protocol) ?? (open.has('-1') ? portSpace(protocol) : PortSet.empty);
    const [b, a] = [ports(openBefore), ports(openAfter)];
    return [{ protocol, added: a.subtract(b), removed: b.subtract(a), kept: a.intersect(b) }];
  });
}

/** Whether the ports a side opens differ at all. */
export const portsChanged = ({ added, removed }: PortsDiff) => !added.isEmpty() || !removed.isEmpty();

/** The rules that open some of `ports` of a protocol: none for no ports. */
export function admitting(rules: readonly IndexedRule[], protocol: string, ports: PortSet): DecidingRule[] {
  return rules
    .filter((rule) => rule.selector.protocol === '-1' || rule.selector.protocol === protocol)
    .filter(
      (rule) => !(selectedPorts(rule.selector, protocol)?.ports ?? PortSet.all).intersect(ports).isEmpty(),
    )
    .map(ruleReference);
}
