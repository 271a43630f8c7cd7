import type { EstateIndex, IndexedRule } from '../analysis/estateIndex';
import { ruleReference } from '../analysis/explain';
import { PortSet } from '../analysis/portSet';
import { portSpace, selectedPorts } from '../analysis/protocol';
import type { ServiceNode } from '../applications/model';
import type { Estate, Workload } from '../domain/estate';
import type { ExposureChange } from './types';

/** A workload's ingress rules admitting the whole internet of a family its public addresses belong to. */
function internetRules(index: EstateIndex, workload: Workload): IndexedRule[] {
  const families = new Set([
    ...(workload.publicIp ? [4] : []),
    ...(workload.ipv6Addresses.length ? [6] : []),
  ]);
  // Most workloads have no public address: none of their rules can open them to the internet.
  if (families.size === 0) return [];
  return workload.groupIds.flatMap((groupId) =>
    index
      .rules(groupId, 'ingress')
      .filter(
        ({ peer }) => peer.kind === 'cidr' && peer.cidr.prefixLength === 0 && families.has(peer.cidr.family),
      ),
  );
}

/** Per protocol (`-1` for all traffic), the ports open to anywhere. A `-1` rule opens every port of every protocol. */
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

/**
 * Ports of workloads with a public address (a public IPv4, or any IPv6, which AWS routes globally) that
 * a security group opens to 0.0.0.0/0 or ::/0, before and after. Security groups only: the subnet's ACL
 * and its route to an internet gateway may still stop the traffic, so this is the exposure the groups
 * allow, which is what a rule edit changes; `reachable` says whether the internet then gets through.
 */
export function diffExposure(
  before: { estate: Estate; index: EstateIndex },
  after: { estate: Estate; index: EstateIndex },
  serviceOf: ReadonlyMap<string, ServiceNode>,
  reachable: (workloadId: string, protocol: string) => boolean,
): ExposureChange[] {
  const old = new Map(before.estate.workloads.map((w) => [w.id, w]));
  return after.estate.workloads.flatMap((workload) => {
    const rulesAfter = internetRules(after.index, workload);
    const was = old.get(workload.id);
    const rulesBefore = was === undefined ? [] : internetRules(before.index, was);
    if (rulesAfter.length === 0 && rulesBefore.length === 0) return [];
    const [openBefore, openAfter] = [openPorts(rulesBefore), openPorts(rulesAfter)];
    const protocols = new Set([...openBefore.keys(), ...openAfter.keys()]);
    return [...protocols].flatMap((protocol): ExposureChange[] => {
      const [b, a] = [openBefore.get(protocol) ?? PortSet.empty, openAfter.get(protocol) ?? PortSet.empty];
      const added = a.subtract(b);
      const removed = b.subtract(a);
      // With all traffic open, opening one protocol more adds nothing worth a line of its own.
      if (protocol !== '-1' && openAfter.has('-1') && !openBefore.has('-1')) return [];
      if (added.isEmpty() && removed.isEmpty()) return [];
      return [
        {
          workloadId: workload.id,
          publicAddress: workload.publicIp ?? workload.ipv6Addresses[0] ?? '',
          apps: serviceOf.get(workload.id)?.app ? [serviceOf.get(workload.id)?.app ?? ''] : [],
          protocol,
          added: added.ranges(),
          removed: removed.ranges(),
          rules: rulesAfter
            .filter((rule) => rule.selector.protocol === '-1' || rule.selector.protocol === protocol)
            .filter(
              (rule) =>
                added.isEmpty() ||
                !(selectedPorts(rule.selector, protocol)?.ports ?? PortSet.all).intersect(added).isEmpty(),
            )
            .map(ruleReference),
          reachable: reachable(workload.id, protocol),
        },
      ];
    });
  });
}
