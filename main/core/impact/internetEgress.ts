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
import { admitting, diffOpenPorts, internetRules } from './internetPorts';
import type { InternetEgressChange } from './types';

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
 * the change affects; and whether connections on the ports that close got out before, and on those
 * that open get out after (engine verdicts: docs/impact.md, "Connections out to the internet").
 * Workloads alike in all of that are one entry.
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
    const rulesBefore = egressRules(before, was);
    const rulesAfter = egressRules(after, workload);
    if (rulesBefore.length === 0 && rulesAfter.length === 0) continue;
    for (const diff of diffOpenPorts(rulesBefore, rulesAfter)) {
      const change = {
        protocol: diff.protocol,
        added: diff.added.ranges(),
        removed: diff.removed.ranges(),
        rules: admitting(rulesAfter, diff),
        removedGotOut: diff.removed.isEmpty() ? null : gotOut.test(was, diff.protocol, diff.removed),
        addedGetsOut: diff.added.isEmpty() ? null : getsOut.test(workload, diff.protocol, diff.added),
      };
      const key = JSON.stringify(change);
      const entry = alike.get(key) ?? { change, workloadIds: [], apps: new Set<string>() };
      alike.set(key, entry);
      entry.workloadIds.push(workload.id);
      const app = serviceOf.get(workload.id)?.app;
      if (app) entry.apps.add(app);
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

function egressRules(side: EgressSide, workload: Workload): IndexedRule[] {
  return internetRules(side.engine.index, workload, 'egress', familiesOf(workload));
}

/**
 * Whether a connection from a workload on some of `ports` gets out to some address on the internet.
 * Every workload of one subnet with the same groups and kind of address gets the same answers, so
 * they are asked once: a rule removed from a group of thousands costs a handful of checks.
 */
class GetsOut {
  private readonly answers = new Map<string, boolean>();

  constructor(private readonly engine: ReachabilityEngine) {}

  test(workload: Workload, protocol: string, ports: PortSet): boolean {
    const key = [
      workload.subnetId,
      [...workload.groupIds].sort().join('+'),
      workload.publicIp !== null,
      [...familiesOf(workload)].join(),
      protocol,
      ports.toString(),
    ].join('|');
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = this.ask(workload, protocol, ports);
      this.answers.set(key, answer);
    }
    return answer;
  }

  /**
   * One destination from each stretch of the internet the subnet's ACL and routes treat alike, and
   * the first port of the set the ACL lets out toward it: if none gets out, no connection does.
   */
  private ask(workload: Workload, protocol: string, ports: PortSet): boolean {
    const { index } = this.engine;
    const acl = index.aclOf(workload.subnetId, workload.vpcId)?.acl;
    const outbound = acl ? index.entries(acl.id, true) : [];
    const lookup = index.routeTableOf(workload.subnetId, workload.vpcId);
    const routes = lookup.kind === 'table' ? lookup.routes : [];
    const cuts = [
      ...outbound.map((entry) => entry.cidr),
      ...routes.flatMap((route) => ('cidr' in route.destination ? [route.destination.cidr] : [])),
    ];
    return [...familiesOf(workload)].some((family) => {
      const tried = protocol === '-1' ? probedProtocols[family] : [protocol as IpProtocol];
      const destinations = internetRepresentatives(wholeInternet[family], cuts);
      return tried
        .filter((one) => !isIcmp(one) || probedProtocols[family].includes(one))
        .some((one) =>
          destinations.some((destination) => {
            const open = ports.intersect(portSpace(one));
            const passed = acl ? open.intersect(evaluateAcl(outbound, destination, one).allowed) : open;
            const [first] = passed.ranges();
            if (first === undefined) return false;
            const verdict = this.engine.check({
              source: workload.id,
              destination: formatIp(destination),
              protocol: one,
              port: hasPortRange(one) || isIcmp(one) ? first.from : null,
            });
            return verdict.allowed === true;
          }),
        );
    });
  }
}
