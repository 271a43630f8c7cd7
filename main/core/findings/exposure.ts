import type { IndexedRule } from '../analysis/estateIndex';
import { listFamily } from '../analysis/estateIndex';
import { ruleReference } from '../analysis/explain';
import { internetRepresentatives } from '../analysis/internetFlows';
import { evaluateAcl } from '../analysis/networkAclLayer';
import { PortSet } from '../analysis/portSet';
import { selectedPorts } from '../analysis/protocol';
import type { FlowVerdict } from '../analysis/verdict';
import type { IpProtocol, Workload } from '../domain/estate';
import { type Cidr, formatIp, type IpAddress, parseCidr } from '../domain/ip';
import { publicAddresses, publicIpOf } from '../domain/publicAddresses';
import type { FindingContext } from './context';
import { appOwners, groupObject, ownerList, ruleText, serviceObjects, workloadObject } from './reachPeers';
import { peerCidrs } from './ruleReach';
import type { Finding } from './types';

/** One workload the internet reaches through a rule, on which ports, with one flow: allowed, or undecided. */
export interface Exposed {
  readonly workload: Workload;
  readonly rule: IndexedRule;
  readonly protocol: IpProtocol;
  readonly ports: PortSet;
  readonly flow: FlowVerdict;
}

interface Exposures {
  readonly findings: readonly Finding[];
  readonly exposed: readonly Exposed[];
}

// The over-permissive rule leaves exposed rules to this one, so both ask for them, and so does the
// impact of a change (the ports the internet reaches, before and after).
const cache = new WeakMap<FindingContext, Exposures>();

// What an internet-facing load balancer is for: web traffic to it is the design, not an accident.
export const webPorts: ReadonlySet<number> = new Set([80, 443]);

/**
 * Workloads a client on the internet can open connections to: a public address, a route to an
 * internet gateway, network ACLs that pass the request and its reply, and a security group rule
 * open to internet addresses. One finding per such rule, naming what it exposes; every exposure rests
 * on an engine verdict from a concrete internet address (docs/findings.md, "Exposure"). A verdict left
 * undecided (an inspection appliance on the way, a transit gateway for the replies) still counts, said
 * as such: no filter of the export stops the traffic, so only what the export does not show can.
 */
export function exposures(ctx: FindingContext): readonly Finding[] {
  return exposuresOf(ctx).findings;
}

/** What the exposure findings rest on: per rule, workload and protocol, the ports the internet reaches and the verdict. */
export function exposedPorts(ctx: FindingContext): readonly Exposed[] {
  return exposuresOf(ctx).exposed;
}

function exposuresOf(ctx: FindingContext): Exposures {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const { index } = ctx.engine;
  const perRule = ctx.estate.securityGroups.flatMap((group) =>
    index.rules(group.id, 'ingress').flatMap((indexed) => {
      if (indexed.peer.kind === 'group') return [];
      // A list whose entries are not exported may hold any address: only an undecided verdict, which
      // says so, can be drawn from it, never a proof.
      const cidrs = peerCidrs(ctx, indexed);
      const ranges = cidrs ?? everyAddressOf(ctx, indexed);
      const exposed = (ctx.members.get(group.id) ?? []).flatMap((workload) =>
        exposedThrough(ctx, indexed, ranges, workload, cidrs !== null),
      );
      return exposed.length === 0 ? [] : [{ indexed, exposed }];
    }),
  );
  const found = {
    findings: perRule.map(({ indexed, exposed }) => finding(ctx, indexed, exposed)),
    exposed: perRule.flatMap(({ exposed }) => exposed),
  };
  cache.set(ctx, found);
  return found;
}

const everyAddress = ['0.0.0.0/0', '::/0'].flatMap((text) => parseCidr(text) ?? []);

/** Every address a list without exported entries may hold: those of its family, when it prints one. */
function everyAddressOf(ctx: FindingContext, { peer }: IndexedRule): readonly Cidr[] {
  const list =
    peer.kind === 'prefix-list'
      ? ctx.estate.prefixLists.find((one) => one.id === peer.prefixListId)
      : undefined;
  const family = list === undefined ? null : listFamily(list);
  return family === null ? everyAddress : everyAddress.filter((cidr) => cidr.family === family);
}

/**
 * The workload's exposures through the rule, from a client in each stretch of the ranges its peer
 * names (a CIDR, or a prefix list's entries) with an internet address; `provable` false for a list
 * without entries, where only verdicts the list leaves undecided count.
 */
function exposedThrough(
  ctx: FindingContext,
  indexed: IndexedRule,
  ranges: readonly Cidr[],
  workload: Workload,
  provable: boolean,
): Exposed[] {
  // The internet reaches an ENI over IPv4 only at a public address: its primary's, or a secondary's.
  const reachable = (family: 4 | 6) =>
    family === 4 ? publicAddresses(workload).length > 0 : workload.ipv6Addresses.length > 0;
  const peers = ranges.filter((range) => reachable(range.family));
  if (peers.length === 0) return [];
  const { index } = ctx.engine;
  const acl = index.aclOf(workload.subnetId, workload.vpcId)?.acl;
  const inbound = acl ? index.entries(acl.id, false) : [];
  const outbound = acl ? index.entries(acl.id, true) : [];
  const lookup = index.routeTableOf(workload.subnetId, workload.vpcId);
  const routes = lookup.kind === 'table' ? lookup.routes : [];
  const cuts = [
    ...[...inbound, ...outbound].map((entry) => entry.cidr),
    ...routes.flatMap((route) => ('cidr' in route.destination ? [route.destination.cidr] : [])),
  ];
  const clients = peers.flatMap((peer) => internetRepresentatives(peer, cuts));
  // tcp and udp from clients of both families; each family's ICMP from its own.
  const byProtocol = new Map<IpProtocol, IpAddress[]>();
  for (const client of clients)
    for (const protocol of protocolsOf(indexed, client.family))
      byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), client]);
  return [...byProtocol].flatMap(([protocol, theirs]) => {
    const opened = selectedPorts(indexed.selector, protocol)?.ports;
    if (!opened) return [];
    let proven: Exposed | undefined;
    let inDoubt: Exposed | undefined;
    // Ports an ACL entry decides by what a flow does not say (an ICMP code): `check` leaves them
    // undecided, and so does the finding, never stopped.
    let byCode: Exposed | undefined;
    for (const client of theirs) {
      const evaluation = acl ? evaluateAcl(inbound, client, protocol) : undefined;
      const ports = evaluation ? opened.intersect(evaluation.allowed) : opened;
      const [first] = ports.ranges();
      if (first && proven === undefined) {
        const flow = check(ctx, client, workload, protocol, first.from);
        if (flow.allowed === true && provable) proven = { workload, rule: indexed, protocol, ports, flow };
        else if (flow.allowed === 'unknown') inDoubt ??= { workload, rule: indexed, protocol, ports, flow };
      }
      const undecided = evaluation ? opened.intersect(evaluation.unknown) : PortSet.empty;
      const [some] = undecided.ranges();
      if (some && byCode === undefined) {
        const flow = check(ctx, client, workload, protocol, some.from);
        if (flow.allowed === 'unknown')
          byCode = { workload, rule: indexed, protocol, ports: undecided, flow };
      }
      if (proven && byCode) break;
    }
    // A proven flow is the stronger evidence: where one is, undecided clients add nothing.
    const reached = proven ?? inDoubt;
    const undecidedPorts = byCode && reached ? byCode.ports.subtract(reached.ports) : byCode?.ports;
    return [
      ...(reached ? [reached] : []),
      ...(byCode && undecidedPorts && !undecidedPorts.isEmpty()
        ? [{ ...byCode, ports: undecidedPorts }]
        : []),
    ];
  });
}

/**
 * What the rule lets clients of a family open: all traffic tcp, udp and the family's ICMP (the rest
 * are rarely filtered apart from those); an icmp rule nothing over IPv6 and an icmpv6 rule nothing over
 * IPv4, as AWS accepts both ("creates an ICMPv4 rule, which does apply cleanly but doesn't do anything").
 */
function protocolsOf({ rule }: IndexedRule, family: 4 | 6): IpProtocol[] {
  if (rule.protocol === '-1') return ['tcp', 'udp', family === 4 ? 'icmp' : 'icmpv6'];
  if (rule.protocol === (family === 4 ? 'icmpv6' : 'icmp')) return [];
  return [rule.protocol];
}

function check(
  ctx: FindingContext,
  client: IpAddress,
  workload: Workload,
  protocol: IpProtocol,
  port: number,
): FlowVerdict {
  return ctx.engine.check({ source: formatIp(client), destination: workload.id, protocol, port });
}

function finding(ctx: FindingContext, indexed: IndexedRule, exposed: readonly Exposed[]): Finding {
  const unexported = peerCidrs(ctx, indexed) === null;
  const { rule } = indexed;
  const services = [
    ...new Set(exposed.flatMap(({ workload }) => ctx.serviceOf.get(workload.id)?.name ?? [])),
  ];
  const intended = exposed.every(
    ({ workload, ports }) =>
      workload.kind === 'load-balancer' &&
      ports.ranges().every((r) => r.from === r.to && webPorts.has(r.from)),
  );
  const proven = exposed.filter(({ flow }) => flow.allowed === true);
  const inDoubt = exposed.filter(({ flow }) => flow.allowed !== true);
  const named = `${ruleText(ctx, indexed)}${rule.description ? ` ("${rule.description}")` : ''}`;
  const opens = (list: readonly Exposed[]) => `open ${traffic(list)} connections to ${places(ctx, list)}`;
  const provenText =
    proven.length === 0
      ? ''
      : `${named} lets any client on the internet ${opens(proven)}: ${workloadCount(proven) === 1 ? 'it has' : 'they have'} a public address, ` +
        'the subnet routes to an internet gateway and the network ACL passes the request and its reply. ';
  const doubtText =
    inDoubt.length === 0
      ? ''
      : unexported
        ? `${named} names a prefix list whose entries the export does not hold, so whether it lets clients on the internet ${opens(inDoubt)} cannot be told: ${doubts(inDoubt)}. `
        : `${proven.length === 0 ? `${named} lets any client on the internet` : 'It also lets them'} ${opens(inDoubt)} ` +
          `unless what the export does not show stops them: ${doubts(inDoubt)}. `;
  return {
    id: `exposure:${rule.key}`,
    kind: 'exposure',
    // A list the export does not fill is as likely an office's few ranges as the whole internet.
    severity: intended || errorsOnly(exposed) || (unexported && proven.length === 0) ? 'low' : 'high',
    title: `${traffic(exposed)} on ${workloadCount(exposed)} ${workloadCount(exposed) === 1 ? 'workload' : 'workloads'} ${proven.length === 0 ? 'may be open' : 'open'} to the internet through ${ctx.groupLabel(rule.groupId)}`,
    explanation:
      provenText +
      doubtText +
      (intended
        ? 'These are web ports on load balancers, the usual way in; check that they are meant to be public.'
        : 'Nothing in the application model needs connections from the internet here.'),
    objects: [
      groupObject(ctx, rule.groupId),
      ...exposed.map(({ workload }) => workloadObject(ctx, workload.id)),
      ...serviceObjects(ctx, services),
    ],
    owners: ownerList([ctx.segmentOwner(rule.groupId), ...services.flatMap((name) => appOwners(ctx, name))]),
    evidence: {
      rules: [ruleReference(indexed)],
      dependencies: [],
      flows: exposed.map(({ flow }) => flow),
      figures: {
        workloads: workloadCount(exposed),
        workloadsInDoubt: workloadCount(inDoubt),
        workloadPorts: exposed.reduce((sum, { ports }) => sum + ports.size(), 0),
      },
    },
    suggestion: intended
      ? null
      : `remove the rule, or narrow ${indexed.peer.kind === 'cidr' ? indexed.peer.cidr.text : indexed.peer.kind === 'prefix-list' ? `${indexed.peer.prefixListId}'s entries` : 'its source'} to the addresses that need it (a VPN or office range)`,
  };
}

/**
 * ICMP error messages: what a router or host sends back about traffic it got (RFC 792: 3 destination
 * unreachable, 4 source quench, 5 redirect, 11 time exceeded, 12 parameter problem; RFC 4443: ICMPv6
 * "error messages have message types from 0 to 127"). Letting them in opens nothing to connect to,
 * and a network ACL admits type 3 code 4 on purpose, for path MTU discovery.
 */
const icmpErrors: Partial<Record<IpProtocol, PortSet>> = {
  icmp: PortSet.range(3, 5).union(PortSet.range(11, 12)),
  icmpv6: PortSet.range(0, 127),
};

/** Whether the ports of a protocol are ICMP error messages only. */
export function icmpErrorsOnly(protocol: string, ports: PortSet): boolean {
  const errors = icmpErrors[protocol as IpProtocol];
  return errors !== undefined && ports.subtract(errors).isEmpty();
}

const errorsOnly = (list: readonly Exposed[]) =>
  list.every(({ protocol, ports }) => icmpErrorsOnly(protocol, ports));

/** Workloads, each once: one may be exposed on several protocols, or on ports proven and undecided. */
const workloadCount = (list: readonly Exposed[]) => new Set(list.map(({ workload }) => workload.id)).size;

const traffic = (list: readonly Exposed[]) =>
  [...new Set(list.map(({ protocol, ports }) => `${protocol} ${ports}`))].join(', ');

/** Each workload at the address the internet reached: its public IPv4, or its global IPv6 address. */
const places = (ctx: FindingContext, list: readonly Exposed[]) =>
  list
    .map(({ workload, flow }) => {
      const { address } = flow.destination;
      return `${workloadObject(ctx, workload.id).label} at ${publicIpOf(workload, address) ?? address}`;
    })
    .join(', ');

/** The layers that left a flow undecided, each once, in the engine's words. */
function doubts(list: readonly Exposed[]): string {
  const reasons = list.flatMap(({ flow }) =>
    flow.explanation
      .filter((layer) => layer.verdict === 'unknown')
      .map((layer) => `${layer.layer}: ${layer.reason}`),
  );
  return [...new Set(reasons)].join('; ');
}
