import type { EstateIndex } from '../analysis/estateIndex';
import { PortSet } from '../analysis/portSet';
import type { Verdict } from '../analysis/verdict';
import type { ServiceNode } from '../applications/model';
import type { Estate, Workload } from '../domain/estate';
import type { IpFamily } from '../domain/ip';
import { publicAddresses } from '../domain/publicAddresses';
import { admitting, diffOpenPorts, internetRules, portsChanged } from './internetPorts';
import type { ExposureChange } from './types';

/** The workload's public address of a family: its public or Elastic IPv4, or an IPv6 address (AWS routes them globally). */
function publicAddressOf(workload: Workload, family: IpFamily): string | null {
  return family === 4
    ? (publicAddresses(workload)[0]?.publicIp ?? null)
    : (workload.ipv6Addresses[0] ?? null);
}

/** Whether the internet reaches a workload with a protocol over a family: an exposure finding's verdict. */
export type Reach = (workloadId: string, protocol: string, family: IpFamily) => Verdict;

/**
 * Ports of workloads with a public address (a public IPv4, or any IPv6, which AWS routes globally) that
 * a security group opens to 0.0.0.0/0 or ::/0, before and after, per family: a port open over IPv4
 * says nothing of the same port over IPv6, whose clients reach another address through another rule.
 * Security groups first: the subnet's ACL and its route to an internet gateway may still stop the
 * traffic, so this is the exposure the groups allow, which is what a rule edit changes; `reachable`
 * says whether the internet then gets through. Ports the groups open on both sides count too where
 * the internet reaches them after and not before (a route to an internet gateway added, an ACL entry,
 * a Block Public Access exclusion), as added, or the other way round, as removed: for the workloads
 * the change affects.
 */
export function diffExposure(
  before: { estate: Estate; index: EstateIndex },
  after: { estate: Estate; index: EstateIndex },
  serviceOf: ReadonlyMap<string, ServiceNode>,
  reached: { readonly before: Reach; readonly after: Reach },
  affected: ReadonlySet<string> | 'all',
): ExposureChange[] {
  const old = new Map(before.estate.workloads.map((w) => [w.id, w]));
  const rulesOf = (side: { index: EstateIndex }, workload: Workload | undefined, family: IpFamily) =>
    workload === undefined || publicAddressOf(workload, family) === null
      ? []
      : internetRules(side.index, workload, 'ingress', family);
  return after.estate.workloads.flatMap((workload) => {
    const was = old.get(workload.id);
    return ([4, 6] as const).flatMap((family) => {
      const rulesAfter = rulesOf(after, workload, family);
      const rulesBefore = rulesOf(before, was, family);
      if (rulesAfter.length === 0 && rulesBefore.length === 0) return [];
      const address = publicAddressOf(workload, family) ?? (was && publicAddressOf(was, family)) ?? '';
      const mayReach = affected === 'all' || affected.has(workload.id);
      return diffOpenPorts(rulesBefore, rulesAfter).flatMap((diff) => {
        const reachable = reached.after(workload.id, diff.protocol, family);
        const change = (added: PortSet, removed: PortSet) => ({
          workloadId: workload.id,
          publicAddress: address,
          apps: serviceOf.get(workload.id)?.app ? [serviceOf.get(workload.id)?.app ?? ''] : [],
          protocol: diff.protocol,
          added: added.ranges(),
          removed: removed.ranges(),
          rules: admitting(rulesAfter, { ...diff, added }),
          reachable,
        });
        if (portsChanged(diff)) return [change(diff.added, diff.removed)];
        if (!mayReach || diff.kept.isEmpty()) return [];
        const was = reached.before(workload.id, diff.protocol, family);
        if ((was === true) === (reachable === true)) return [];
        return [reachable === true ? change(diff.kept, PortSet.empty) : change(PortSet.empty, diff.kept)];
      });
    });
  });
}
