import { holderBeside } from '../analysis/endpoints';
import type { ReachabilityEngine } from '../analysis/reachability';
import type { OutsideFlow } from '../applications/model';
import { parseIp } from '../domain/ip';
import { whyVerdict } from './dependencyChanges';
import type { OutsideFlowChange } from './types';

/**
 * The conversations the flow logs saw from outside every service into a workload that the change
 * stops (denied after) or leaves undecidable, checked from the client's address as `faultline
 * check` would. No dependency names these clients, so without this an office losing its way in reads
 * as "nothing breaks". A client the engine cannot place (a private address outside the snapshot, on
 * premises behind a VPN) is not checked: its path is not in the export. Only conversations with an
 * affected end can change: the server, or a client that is a workload of no service.
 */
export function diffOutsideFlows(
  before: ReachabilityEngine,
  after: ReachabilityEngine,
  flows: readonly OutsideFlow[],
  affected: ReadonlySet<string> | 'all',
  appOf: (service: string) => string | null,
): OutsideFlowChange[] {
  return flows.flatMap((flow): OutsideFlowChange[] => {
    // The server as the application model resolved it: an address map of the whole estate would
    // give an address several VPCs hold to whichever ENI it lists last.
    const { workloadId } = flow;
    const server = workloadId === null ? undefined : after.index.workload(workloadId);
    if (workloadId === null || server === undefined) return [];
    // A client outside every service may still be a workload of the snapshot, one without an app:
    // the one `check` takes the address for, in the server's VPC where several VPCs hold it.
    const client = parseIp(flow.client);
    const clientId = client && holderBeside(before.index, client, server.vpcId)?.id;
    if (affected !== 'all' && !affected.has(workloadId) && !(clientId && affected.has(clientId))) return [];
    const query = { source: flow.client, destination: workloadId, protocol: flow.protocol, port: flow.port };
    const [was, now] = [before.checkIfPlaced(query), after.checkIfPlaced(query)];
    if (was?.allowed !== true || now === null || now.allowed === true) return [];
    return [
      {
        client: flow.client,
        workloadId,
        service: flow.service,
        app: appOf(flow.service),
        protocol: flow.protocol,
        port: flow.port,
        records: flow.records,
        after: now.allowed,
        ...whyVerdict(now),
      },
    ];
  });
}
