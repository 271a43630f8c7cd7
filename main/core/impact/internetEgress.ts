import { opensConnectionsFrom } from '../analysis/connectionRoles';
import type { IndexedRule } from '../analysis/estateIndex';
import { internetRepresentatives } from '../analysis/internetFlows';
import { evaluateAcl } from '../analysis/networkAclLayer';
import type { PortSet } from '../analysis/portSet';
import { portSpace } from '../analysis/protocol';
import type { ReachabilityEngine } from '../analysis/reachability';
import type { ServiceNode } from '../applications/model';
import type { Estate, IpProtocol, Workload } from '../domain/estate';
import { type Cidr, formatIp, type IpFamily, parseCidr } from '../domain/ip';
import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import { admitting, diffOpenPorts, internetRules, portsChanged } from './internetPorts';
import type { InternetEgressChange, PortRange, WayOut } from './types';

export interface EgressSide {
  readonly estate: Estate;
  readonly engine: ReachabilityEngine;
}

const wholeInternet: Record<IpFamily, Cidr> = {
  4: parseCidr('0.0.0.0/0') as Cidr,
  6: parseCidr('::/0') as Cidr,
};

/** All traffic is tried as what connections out mostly are; icmp exists in one family only. */
const probedProtocols: Record<IpFamily, readonly IpProtocol[]> = {
  4: ['tcp', 'udp', 'icmp'],
  6: ['tcp', 'udp', 'icmpv6'],
};

/**
 * Ports the security groups of a workload open out to the whole internet (egress to 0.0.0.0/0 from
 * its IPv4 address, ::/0 from its IPv6 ones), before and after, for the workloads on both sides that
 * the change affects; whether connections on the ports that close got out before, and on those that
 * open get out after; and the ports open on both sides whose connections stop or start getting out
 * because an ACL or a route changed (engine verdicts: docs/impact.md, "Connections out to the
 * internet"). Workloads alike in all of that are one entry.
 */
export function diffInternetEgress(
  before: EgressSide,
  after: EgressSide,
  affected: ReadonlySet<string> | 'all',
  serviceOf: ReadonlyMap<string, ServiceNode>,
): InternetEgressChange[] {
  const old = new Map(before.estate.workloads.map((workload) => [workload.id, workload]));
  const gotOut = new GetsOut(before.engine);
  const getsOut = new GetsOut(after.engine);
  const alike = new Map<string, Alike>();
  for (const workload of after.estate.workloads) {
    const was = old.get(workload.id);
    // A workload on one side only has no connections to compare: it is listed as added or removed.
    if (was === undefined || (affected !== 'all' && !affected.has(workload.id))) continue;
    if (!opensConnectionsFrom(workload)) continue;
    // Each family on its own: a port open out over IPv4 says nothing of IPv6, another rule's and route's.
    for (const family of new Set([...familiesOf(was), ...familiesOf(workload)])) {
      const rulesBefore = egressRules(before, was, family);
      const rulesAfter = egressRules(after, workload, family);
      if (rulesBefore.length === 0 && rulesAfter.length === 0) continue;
      for (const diff of diffOpenPorts(rulesBefore, rulesAfter)) {
        // Ports open on both sides change only if the network on the way out does: an ACL, a route.
        const test = (engine: GetsOut, one: Workload, ports: PortSet) =>
          engine.test(one, family, diff.protocol, ports);
        const keptBefore = diff.kept.isEmpty() ? null : test(gotOut, was, diff.kept);
        const keptAfter = keptBefore === null ? null : test(getsOut, workload, diff.kept);
        const keptChanged = keptBefore !== keptAfter;
        if (!portsChanged(diff) && !keptChanged) continue;
        const change = {
          protocol: diff.protocol,
          family,
          added: diff.added.ranges(),
          removed: diff.removed.ranges(),
          kept: keptChanged ? diff.kept.ranges() : [],
          rules: admitting(rulesAfter, diff),
          removedGotOut: diff.removed.isEmpty() ? null : test(gotOut, was, diff.removed),
          addedGetsOut: diff.added.isEmpty() ? null : test(getsOut, workload, diff.added),
          keptGotOut: keptChanged ? keptBefore : null,
          keptGetsOut: keptChanged ? keptAfter : null,
        };
        const key = JSON.stringify(change);
        const entry = alike.get(key) ?? { change, workloadIds: [], apps: new Set<string>() };
        alike.set(key, entry);
        entry.workloadIds.push(workload.id);
        const app = serviceOf.get(workload.id)?.app;
        if (app) entry.apps.add(app);
      }
    }
  }
  return [...alike.values()].map(({ change, workloadIds, apps }) => ({
    workloadIds,
    apps: [...apps].sort(),
    ...change,
  }));
}

interface Alike {
  readonly change: Omit<InternetEgressChange, 'workloadIds' | 'apps'>;
  readonly workloadIds: string[];
  readonly apps: Set<string>;
}

function familiesOf(workload: Workload): Set<IpFamily> {
  return new Set([
    ...(workload.privateIps.length > 0 ? [4 as const] : []),
    ...(workload.ipv6Addresses.length > 0 ? [6 as const] : []),
  ]);
}

function egressRules(side: EgressSide, workload: Workload, family: IpFamily): IndexedRule[] {
  return familiesOf(workload).has(family) ? internetRules(side.engine.index, workload, 'egress', family) : [];
}

/**
 * Whether a connection from a workload on some of `ports` gets out to some address on the internet.
 * The ports asked about are always ones the workload's groups open to the whole internet, so its
 * groups cannot change the answer: every workload of one subnet with the same kind of address gets
 * the same answers, and they are asked once. A rule removed from a group of thousands, or an ACL
 * entry added in front of a whole estate, costs a few checks per subnet. (One exception is not
 * told apart: a NAT gateway's subnet ACL with an entry for part of a client subnet only; see
 * docs/impact.md.)
 */
class GetsOut {
  private readonly answers = new Map<string, WayOut>();

  constructor(private readonly engine: ReachabilityEngine) {}

  test(workload: Workload, family: IpFamily, protocol: string, ports: PortSet): WayOut {
    const key = [workload.subnetId, workload.publicIp !== null, family, protocol, ports.toString()].join('|');
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = this.ask(workload, family, protocol, ports);
      this.answers.set(key, answer);
    }
    return answer;
  }

  /**
   * One destination from each stretch of the internet the subnet's ACL and routes treat alike, and
   * the first port of the set the ACL lets out toward it: if none gets out, no connection does. One
   * that the export cannot decide (a transit gateway, say) makes the answer unknown, not no.
   */
  private ask(workload: Workload, family: IpFamily, protocol: string, ports: PortSet): WayOut {
    const { index } = this.engine;
    const acl = index.aclOf(workload.subnetId, workload.vpcId)?.acl;
    const outbound = acl ? index.entries(acl.id, true) : [];
    const lookup = index.routeTableOf(workload.subnetId, workload.vpcId);
    const routes = lookup.kind === 'table' ? lookup.routes : [];
    const cuts = [
      ...outbound.map((entry) => entry.cidr),
      ...routes.flatMap((route) => ('cidr' in route.destination ? [route.destination.cidr] : [])),
    ];
    let answer: WayOut = false;
    const tried = protocol === '-1' ? probedProtocols[family] : [protocol as IpProtocol];
    const destinations = internetRepresentatives(wholeInternet[family], cuts);
    for (const one of tried.filter((p) => !isIcmp(p) || probedProtocols[family].includes(p))) {
      const open = ports.intersect(portSpace(one));
      for (const destination of destinations) {
        const passed = acl ? open.intersect(evaluateAcl(outbound, destination, one).allowed) : open;
        const [first] = passed.ranges();
        if (first === undefined) continue;
        const { allowed } = this.engine.checkOut({
          source: workload.id,
          destination: formatIp(destination),
          protocol: one,
          port: hasPortRange(one) || isIcmp(one) ? first.from : null,
        });
        if (allowed === true) return true;
        if (allowed === 'unknown') answer = 'unknown';
      }
    }
    return answer;
  }
}

const sortedRanges = (ranges: readonly PortRange[]) => [...ranges].sort((a, b) => a.from - b.from);

/**
 * Ports whose connections out to the internet got out before and no longer do (or may not: the
 * export cannot tell), whatever stopped them.
 */
export function stoppedPorts(change: InternetEgressChange): PortRange[] {
  return sortedRanges([
    ...(change.removedGotOut === true ? change.removed : []),
    ...(change.keptGotOut === true ? change.kept : []),
  ]);
}

/** Ports whose connections out to the internet get out now and did not before. */
export function openedPorts(change: InternetEgressChange): PortRange[] {
  return sortedRanges([
    ...(change.addedGetsOut === true ? change.added : []),
    ...(change.keptGetsOut === true ? change.kept : []),
  ]);
}
