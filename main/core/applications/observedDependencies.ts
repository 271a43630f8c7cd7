import type { ObservedFlow } from '../domain/applications';
import { firstBy } from './busiest';
import type { ObservedTraffic, OutsideFlow } from './model';

/**
 * An internet-facing service sees clients by the thousand; the busiest are the ones a change report
 * must name, and checking them stays cheap.
 */
export const outsideFlowsKept = 1000;

/** More records first; ties by client, server and port, so the thousand kept do not depend on order. */
const busier = (a: ObservedFlow, b: ObservedFlow) =>
  a.records !== b.records
    ? a.records > b.records
    : a.client !== b.client
      ? a.client < b.client
      : a.server !== b.server
        ? a.server < b.server
        : (a.serverPort ?? -1) < (b.serverPort ?? -1) ||
          (a.serverPort === b.serverPort && a.protocol < b.protocol);

const protocolNames: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

export function protocolName(protocol: number): string {
  return protocolNames[protocol] ?? String(protocol);
}

export interface ObservedEdge {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly port: number | null;
  readonly traffic: ObservedTraffic;
}

/** Whose each end of a conversation is, by its address and the interface its records were logged on. */
export interface FlowEndServices {
  /**
   * The service at an end, or undefined: outside every service, or an address workloads of several
   * VPCs hold that the interface does not tell apart.
   */
  serviceOf(address: string, interfaceId: string | undefined): string | undefined;
  /** Whether the end is a service's workload, not an outside service the catalog names by address. */
  isWorkload(address: string, interfaceId: string | undefined): boolean;
  /**
   * The ENI holding the end's address (a pod's node's for a pod), or null when none does or several
   * VPCs' ENIs do and the interface does not tell which.
   */
  eniOf(address: string, interfaceId: string | undefined): string | null;
  /** Whether the end is an interface that only passes other workloads' traffic (a transit or NAT gateway's). */
  relays(address: string, interfaceId: string | undefined): boolean;
  /** Whether workloads of several VPCs hold the end's address for different services, and the interface does not tell which. */
  isContested(address: string, interfaceId: string | undefined): boolean;
}

/**
 * Folds flow-log conversations into service-to-service dependencies: each end is mapped through the
 * address of a workload to its service. Conversations inside one service are its own business and
 * are left out; those with an end outside every service (or not told apart) are counted, not shown,
 * and the busiest accepted ones from outside into a service's workload are kept for change impact.
 */
export function observedDependencies(
  flows: readonly ObservedFlow[],
  ends: FlowEndServices,
): { edges: ObservedEdge[]; unattributed: number; contested: number; outside: OutsideFlow[] } {
  const edges = new Map<
    string,
    { from: string; to: string; protocol: string; port: number | null; traffic: ObservedTraffic }
  >();
  let unattributed = 0;
  let contested = 0;
  const fromOutside: { flow: ObservedFlow; service: string }[] = [];
  for (const flow of flows) {
    const from = ends.serviceOf(flow.client, flow.interfaceId);
    const to = ends.serviceOf(flow.server, flow.interfaceId);
    if (from === undefined || to === undefined) {
      unattributed++;
      if (
        (from === undefined && ends.isContested(flow.client, flow.interfaceId)) ||
        (to === undefined && ends.isContested(flow.server, flow.interfaceId))
      )
        contested++;
      // A transit or NAT gateway's interface stands for workloads behind it: no client from outside.
      if (
        from === undefined &&
        to !== undefined &&
        flow.action === 'ACCEPT' &&
        ends.isWorkload(flow.server, flow.interfaceId) &&
        !ends.relays(flow.client, flow.interfaceId)
      )
        fromOutside.push({ flow, service: to });
      continue;
    }
    if (from === to) continue;
    const protocol = protocolName(flow.protocol);
    const key = [from, to, protocol, flow.serverPort].join('\0');
    const seen = edges.get(key)?.traffic;
    edges.set(key, {
      from,
      to,
      protocol,
      port: flow.serverPort,
      traffic: {
        records: (seen?.records ?? 0) + flow.records,
        packets: (seen?.packets ?? 0) + flow.packets,
        bytes: (seen?.bytes ?? 0) + flow.bytes,
        accepted: (seen?.accepted ?? 0) + (flow.action === 'ACCEPT' ? flow.records : 0),
        rejected: (seen?.rejected ?? 0) + (flow.action === 'REJECT' ? flow.records : 0),
        firstSeen: Math.min(seen?.firstSeen ?? Number.POSITIVE_INFINITY, flow.firstSeen),
        lastSeen: Math.max(seen?.lastSeen ?? Number.NEGATIVE_INFINITY, flow.lastSeen),
      },
    });
  }
  // A conversation is one per client, server, protocol, port and action (flowlogs/conversations.ts).
  const outside = firstBy(fromOutside, outsideFlowsKept, (a, b) => busier(a.flow, b.flow)).map(
    ({ flow, service }): OutsideFlow => ({
      client: flow.client,
      server: flow.server,
      workloadId: ends.eniOf(flow.server, flow.interfaceId),
      service,
      protocol: protocolName(flow.protocol),
      port: flow.serverPort,
      records: flow.records,
      lastSeen: flow.lastSeen,
    }),
  );
  return { edges: [...edges.values()], unattributed, contested, outside };
}
