import type { EstateIndex } from '../analysis/estateIndex';
import type { Verdict } from '../analysis/verdict';
import type { ServiceNode } from '../applications/model';
import type { Estate, Workload } from '../domain/estate';
import type { IpFamily } from '../domain/ip';
import { publicAddresses } from '../domain/publicAddresses';
import { admitting, diffOpenPorts, internetRules, portsChanged } from './internetPorts';
import type { ExposureChange } from './types';

/** The families whose whole internet can reach a workload: those of its public addresses. */
function publicFamilies(workload: Workload): Set<IpFamily> {
  return new Set([
    ...(publicAddresses(workload).length > 0 ? [4 as const] : []),
    ...(workload.ipv6Addresses.length ? [6 as const] : []),
  ]);
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
  reachable: (workloadId: string, protocol: string) => Verdict,
): ExposureChange[] {
  const old = new Map(before.estate.workloads.map((w) => [w.id, w]));
  return after.estate.workloads.flatMap((workload) => {
    const rulesAfter = internetRules(after.index, workload, 'ingress', publicFamilies(workload));
    const was = old.get(workload.id);
    const rulesBefore =
      was === undefined ? [] : internetRules(before.index, was, 'ingress', publicFamilies(was));
    if (rulesAfter.length === 0 && rulesBefore.length === 0) return [];
    return diffOpenPorts(rulesBefore, rulesAfter)
      .filter(portsChanged)
      .map((diff) => ({
        workloadId: workload.id,
        publicAddress: publicAddresses(workload)[0]?.publicIp ?? workload.ipv6Addresses[0] ?? '',
        apps: serviceOf.get(workload.id)?.app ? [serviceOf.get(workload.id)?.app ?? ''] : [],
        protocol: diff.protocol,
        added: diff.added.ranges(),
        removed: diff.removed.ranges(),
        rules: admitting(rulesAfter, diff),
        reachable: reachable(workload.id, diff.protocol),
      }));
  });
}
