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

/**
 * Folds flow-log conversations into service-to-service dependencies: each end is mapped through the
 * address of a workload to its service. Conversations inside one service are its own business and
 * are left out; those with an end outside every service are counted, not shown, and the busiest
 * accepted ones from outside into a service are kept for change impact.
 */
export function observedDependencies(
  flows: readonly ObservedFlow[],
  serviceOfAddress: ReadonlyMap<string, string>,
  /** The addresses of services' workloads: outside conversations into anything else are not kept. */
  workloadAddresses: ReadonlySet<string> = new Set(serviceOfAddress.keys()),
): { edges: ObservedEdge[]; unattributed: number; outside: OutsideFlow[] } {
  const edges = new Map<
    string,
    { from: string; to: string; protocol: string; port: number | null; traffic: ObservedTraffic }
  >();
  let unattributed = 0;
  const fromOutside: ObservedFlow[] = [];
  for (const flow of flows) {
    const from = serviceOfAddress.get(flow.client);
    const to = serviceOfAddress.get(flow.server);
    if (from === undefined || to === undefined) {
      unattributed++;
      if (from === undefined && flow.action === 'ACCEPT' && workloadAddresses.has(flow.server))
        fromOutside.push(flow);
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
  const outside = firstBy(fromOutside, outsideFlowsKept, busier).map(
    (flow): OutsideFlow => ({
      client: flow.client,
      server: flow.server,
      service: serviceOfAddress.get(flow.server) as string,
      protocol: protocolName(flow.protocol),
      port: flow.serverPort,
      records: flow.records,
      lastSeen: flow.lastSeen,
    }),
  );
  return { edges: [...edges.values()], unattributed, outside };
}
