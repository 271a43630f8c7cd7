import type { EstateIndex } from '../analysis/estateIndex';
import type { PortSet } from '../analysis/portSet';
import { portSpace } from '../analysis/protocol';
import type { Verdict } from '../analysis/verdict';
import type { ServiceNode } from '../applications/model';
import type { Estate, Workload } from '../domain/estate';
import type { IpFamily } from '../domain/ip';
import { publicAddresses } from '../domain/publicAddresses';
import { admitting, diffOpenPorts, internetRules, probedProtocols } from './internetPorts';
import type { Reach } from './internetReach';
import { byVerdict, verdictRank } from './portVerdicts';
import type { ExposureChange } from './types';

/** The workload's public address of a family: its public or Elastic IPv4, or an IPv6 address (AWS routes them globally). */
function publicAddressOf(workload: Workload, family: IpFamily): string | null {
  return family === 4
    ? (publicAddresses(workload)[0]?.publicIp ?? null)
    : (workload.ipv6Addresses[0] ?? null);
}

/**
 * Ports of workloads with a public address (a public IPv4, or any IPv6, which AWS routes globally) that
 * a security group opens to 0.0.0.0/0 or ::/0, before and after, per family: a port open over IPv4
 * says nothing of the same port over IPv6, whose clients reach another address through another rule.
 * Security groups first: the subnet's ACL and its route to an internet gateway may still stop the
 * traffic, so this is the exposure the groups allow, which is what a rule edit changes; `reachable`
 * says whether the internet then gets through to those very ports (an entry per verdict). Ports the
 * groups open on both sides count too where the internet reaches them after and not before (a route
 * to an internet gateway added, an ACL entry, a Block Public Access exclusion), as added, or the other
 * way round, as removed: for the workloads the change affects. Port sets are compared, not probed one
 * by one: the reach comes from the exposure finding's verdicts, one per workload, rule and protocol.
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
    const app = serviceOf.get(workload.id)?.app;
    return ([4, 6] as const).flatMap((family) => {
      const rulesAfter = rulesOf(after, workload, family);
      const rulesBefore = rulesOf(before, was, family);
      if (rulesAfter.length === 0 && rulesBefore.length === 0) return [];
      const address = publicAddressOf(workload, family) ?? (was && publicAddressOf(was, family)) ?? '';
      const mayReach = affected === 'all' || affected.has(workload.id);
      // One entry per verdict the internet gets on the ports: the added ports it reaches are exposure
      // added, those the ACL or routing stops are latent.
      const change = (protocol: string, side: 'added' | 'removed', ports: PortSet, reachable: Verdict) => ({
        workloadId: workload.id,
        publicAddress: address,
        apps: app ? [app] : [],
        protocol,
        added: side === 'added' ? ports.ranges() : [],
        removed: side === 'removed' ? ports.ranges() : [],
        // The rules that admit the ports listed: now for added ports, before for removed ones.
        rules: admitting(side === 'added' ? rulesAfter : rulesBefore, protocol, ports),
        reachable,
      });
      const reachedAfter = (protocol: string) => reached.after(workload.id, protocol, family);
      // Ports open on both sides that the internet reaches otherwise after: an ACL or a route changed.
      const kept = (protocol: string, ports: PortSet) =>
        byVerdict(ports, reached.before(workload.id, protocol, family)).flatMap(([then, was]) =>
          byVerdict(then, reachedAfter(protocol)).flatMap(([now, is]) =>
            is === was
              ? []
              : [change(protocol, verdictRank(is) > verdictRank(was) ? 'added' : 'removed', now, is)],
          ),
        );
      const diffs = diffOpenPorts(rulesBefore, rulesAfter);
      const listed = new Set(diffs.map((diff) => diff.protocol));
      return diffs.flatMap((diff) => {
        const { protocol } = diff;
        const sides = (['added', 'removed'] as const).flatMap((side) =>
          byVerdict(diff[side], reachedAfter(protocol)).map(([ports, is]) =>
            change(protocol, side, ports, is),
          ),
        );
        if (!mayReach || diff.kept.isEmpty()) return sides;
        // All traffic kept is judged protocol by protocol: tcp 22 newly reached beside tcp 443 is
        // exposure added, whatever udp does. A protocol a rule of its own names has its own line.
        if (protocol === '-1')
          return [
            ...sides,
            ...probedProtocols[family]
              .filter((one) => !listed.has(one))
              .flatMap((one) => kept(one, portSpace(one))),
          ];
        return [...sides, ...kept(protocol, diff.kept)];
      });
    });
  });
}

/**
 * Exposure added, as the reports count it: distinct (workload, protocol) pairs given ports open to
 * the whole internet, reached or latent, over either family. A pair whose ports have several verdicts
 * is several entries (one per verdict) and one pair.
 */
export function exposureAddedPairs(exposure: readonly ExposureChange[]): number {
  return new Set(
    exposure.filter((one) => one.added.length > 0).map((one) => `${one.workloadId} ${one.protocol}`),
  ).size;
}
