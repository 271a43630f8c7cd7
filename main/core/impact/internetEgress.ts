import type { AclCrossing } from '../analysis/aclCrossings';
import { opensConnectionsFrom } from '../analysis/connectionRoles';
import { echoRequestType } from '../analysis/echoRequests';
import type { EstateIndex, IndexedRule } from '../analysis/estateIndex';
import { requestCrossings } from '../analysis/flowsToInternet';
import { internetRepresentatives } from '../analysis/internetFlows';
import { type AclPlace, aclSide } from '../analysis/networkAclLayer';
import { PortSet } from '../analysis/portSet';
import { portSpace } from '../analysis/protocol';
import type { ReachabilityEngine } from '../analysis/reachability';
import type { DecidingRule } from '../analysis/verdict';
import type { ServiceNode } from '../applications/model';
import type { Estate, IpProtocol, Workload } from '../domain/estate';
import { type Cidr, formatIp, type IpAddress, type IpFamily, parseCidr } from '../domain/ip';
import { hasPortRange, isIcmp } from '../domain/ipProtocol';
import { admitting, diffOpenPorts, internetRules, portsChanged, probedProtocols } from './internetPorts';
import { byVerdict, noPorts, type PortVerdicts, someOf } from './portVerdicts';
import type { InternetEgressChange, PortRange, WayOut } from './types';

export interface EgressSide {
  readonly estate: Estate;
  readonly engine: ReachabilityEngine;
}

const wholeInternet: Record<IpFamily, Cidr> = {
  4: parseCidr('0.0.0.0/0') as Cidr,
  6: parseCidr('::/0') as Cidr,
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
      const diffs = diffOpenPorts(rulesBefore, rulesAfter);
      const listed = new Set(diffs.map((diff) => diff.protocol));
      const changes = diffs.flatMap((diff): Change[] => {
        const { protocol } = diff;
        const sides: Change[] = portsChanged(diff)
          ? [
              {
                ...unchanged(protocol, family),
                added: diff.added.ranges(),
                removed: diff.removed.ranges(),
                // Added ports name the rules that open them now, removed ones those that opened them.
                rules: distinct([
                  ...admitting(rulesAfter, protocol, diff.added),
                  ...admitting(rulesBefore, protocol, diff.removed),
                ]),
                removedGotOut: diff.removed.isEmpty()
                  ? null
                  : gotOut.test(was, family, protocol, diff.removed),
                addedGetsOut: diff.added.isEmpty()
                  ? null
                  : getsOut.test(workload, family, protocol, diff.added),
              },
            ]
          : [];
        if (diff.kept.isEmpty()) return sides;
        // Ports open on both sides change only if the network on the way out does: an ACL, a route.
        const kept = (one: IpProtocol, ports: PortSet): Change[] =>
          byVerdict(ports, gotOut.ports(was, family, one, ports)).flatMap(([then, wasOut]) =>
            byVerdict(then, getsOut.ports(workload, family, one, ports)).flatMap(([now, isOut]) =>
              wasOut === isOut
                ? []
                : [
                    {
                      ...unchanged(one, family),
                      kept: now.ranges(),
                      rules: admitting(rulesAfter, one, now),
                      keptGotOut: wasOut,
                      keptGetsOut: isOut,
                    },
                  ],
            ),
          );
        if (protocol !== '-1') return [...sides, ...kept(protocol as IpProtocol, diff.kept)];
        // All traffic kept is judged protocol by protocol, so that udp getting out does not hide tcp
        // that stops (one a rule of its own names has its own line); all alike, it is one line.
        const judged = probedProtocols[family].filter((one) => !listed.has(one));
        const each = judged.flatMap((one) => kept(one, portSpace(one)));
        const alikeAll =
          each.length === judged.length &&
          each.every(
            (one, i) =>
              one.protocol === judged[i] &&
              JSON.stringify(one.kept) === JSON.stringify(portSpace(one.protocol as IpProtocol).ranges()) &&
              one.keptGotOut === each[0]?.keptGotOut &&
              one.keptGetsOut === each[0]?.keptGetsOut,
          );
        return [
          ...sides,
          ...(alikeAll && each[0]
            ? [
                {
                  ...each[0],
                  protocol,
                  kept: diff.kept.ranges(),
                  rules: admitting(rulesAfter, protocol, diff.kept),
                },
              ]
            : each),
        ];
      });
      for (const change of changes) {
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

type Change = Omit<InternetEgressChange, 'workloadIds' | 'apps'>;

/** A change of a protocol that adds, removes and keeps nothing yet. */
const unchanged = (protocol: string, family: IpFamily): Change => ({
  protocol,
  family,
  added: [],
  removed: [],
  kept: [],
  rules: [],
  removedGotOut: null,
  addedGetsOut: null,
  keptGotOut: null,
  keptGetsOut: null,
});

const distinct = (rules: readonly DecidingRule[]) => [
  ...new Map(rules.map((rule) => [JSON.stringify(rule), rule])).values(),
];

interface Alike {
  readonly change: Change;
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
 * entry added in front of a whole estate, costs a few checks per subnet. (Not told apart: a NAT
 * gateway's subnet ACL with an entry for part of a client subnet only, and ICMP types whose answers an
 * ACL on the way back treats unlike the one asked; see docs/impact.md.)
 */
class GetsOut {
  private readonly answers = new Map<string, PortVerdicts>();

  constructor(private readonly engine: ReachabilityEngine) {}

  /** Whether connections on some of the ports get out; all traffic when those of one protocol it is judged by do. */
  test(workload: Workload, family: IpFamily, protocol: string, ports: PortSet): WayOut {
    if (protocol !== '-1') return someOf(ports, this.ports(workload, family, protocol as IpProtocol, ports));
    const answers = probedProtocols[family].map((one) =>
      someOf(portSpace(one), this.ports(workload, family, one, portSpace(one))),
    );
    return answers.includes(true) ? true : answers.includes('unknown') ? 'unknown' : false;
  }

  /** Of `ports` of a protocol, those whose connections get out, and those the export cannot tell of. */
  ports(workload: Workload, family: IpFamily, protocol: IpProtocol, ports: PortSet): PortVerdicts {
    const key = [workload.subnetId, workload.publicIp !== null, family, protocol, ports.toString()].join('|');
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = this.ask(workload, family, protocol, ports);
      this.answers.set(key, answer);
    }
    return answer;
  }

  /**
   * One destination from each stretch of the internet the ACLs on the way and the subnet's routes
   * treat alike, and the ports asked toward it split by what each ACL on the way does with them: past
   * those ACLs, the route, the groups (which open every one of them) and the reply's way back do not
   * look at the port, so one verdict holds for each part. A NAT gateway's subnet ACL is on the way
   * too, and which one a destination meets is known only once its route is, so its routes and outbound
   * entries cut the internet in a second pass. A destination is asked only for ports no other got out on.
   * ICMP is asked as an echo request, the query a ping is, when the groups and the ACLs let one out: a
   * lone echo reply needs nothing back and gets out where no ping does. One that the export cannot
   * decide (a transit gateway, an ICMP code, say) makes its ports unknown, not stopped.
   */
  private ask(workload: Workload, family: IpFamily, protocol: IpProtocol, ports: PortSet): PortVerdicts {
    // An ICMP rule of the other family applies cleanly and lets nothing out.
    if (isIcmp(protocol) && !probedProtocols[family].includes(protocol)) return noPorts;
    const { index } = this.engine;
    const onTheWay = (destination: IpAddress) => requestCrossings(index, workload.id, destination, protocol);
    // The CIDRs a subnet's routes and outbound ACL entries tell apart.
    const cutsOf = (place: AclPlace): Cidr[] => {
      const lookup = index.routeTableOf(place.subnetId, place.vpcId);
      const routes = lookup.kind === 'table' ? lookup.routes : [];
      const acl = index.aclOf(place.subnetId, place.vpcId)?.acl;
      return [
        ...routes.flatMap((route) => ('cidr' in route.destination ? [route.destination.cidr] : [])),
        ...(acl ? index.entries(acl.id, true).map((entry) => entry.cidr) : []),
      ];
    };
    const held = (address: IpAddress) => index.holders(address).length > 0;
    const stretches = (cuts: readonly Cidr[]) => internetRepresentatives(wholeInternet[family], cuts, held);
    const own = cutsOf(workload);
    const places = new Map(
      stretches(own).flatMap((one) =>
        onTheWay(one).map(({ place }) => [`${place.vpcId}|${place.subnetId}`, place] as const),
      ),
    );
    const destinations = stretches([...own, ...[...places.values()].flatMap(cutsOf)]);
    const open = ports.intersect(portSpace(protocol));
    let proven = PortSet.empty;
    let inDoubt = PortSet.empty;
    for (const destination of destinations) {
      const parts = onTheWay(destination).reduce(
        (sets: PortSet[], crossing) => sets.flatMap((set) => splitAt(index, crossing, protocol, set)),
        [open.subtract(proven)],
      );
      for (const part of parts) {
        const port = probe(protocol, part);
        if (port === undefined) continue;
        const { allowed } = this.engine.checkOut({
          source: workload.id,
          destination: formatIp(destination),
          protocol,
          port: hasPortRange(protocol) || isIcmp(protocol) ? port : null,
        });
        if (allowed === true) proven = proven.union(part);
        if (allowed === 'unknown') inDoubt = inDoubt.union(part);
      }
    }
    return { proven, inDoubt: inDoubt.subtract(proven) };
  }
}

/** Ports split by what one ACL on the way does with them: lets them pass, cannot tell, stops them. */
function splitAt(index: EstateIndex, crossing: AclCrossing, protocol: IpProtocol, ports: PortSet): PortSet[] {
  const side = aclSide(index, crossing.place, crossing.egress, crossing.peer.address, protocol);
  if (side === null) return [ports];
  const { allowed, unknown } = side.evaluation;
  return [
    ports.intersect(allowed),
    ports.intersect(unknown),
    ports.subtract(allowed).subtract(unknown),
  ].filter((part) => !part.isEmpty());
}

/** The port (ICMP type) a set is asked at: an echo request when it holds one, else its first. */
function probe(protocol: IpProtocol, ports: PortSet): number | undefined {
  const echo = protocol === 'icmp' || protocol === 'icmpv6' ? echoRequestType[protocol] : undefined;
  return echo !== undefined && ports.contains(echo) ? echo : ports.ranges()[0]?.from;
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
