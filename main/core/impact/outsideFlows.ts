import { EndpointError, FlowError } from '../analysis/errors';
import type { ReachabilityEngine } from '../analysis/reachability';
import type { FlowVerdict } from '../analysis/verdict';
import type { OutsideFlow } from '../applications/model';
import type { Estate } from '../domain/estate';
import { whyVerdict } from './dependencyChanges';
import type { OutsideFlowChange } from './types';

interface Side {
  readonly estate: Estate;
  readonly engine: ReachabilityEngine;
}

/**
 * The conversations the flow logs saw from outside every service into an affected workload that the
 * change stops (denied after) or leaves undecidable, checked from the client's address as `faultline
 * check` would. No dependency names these clients, so without this an office losing its way in reads
 * as "nothing breaks". A client the engine cannot place (a private address outside the snapshot, on
 * premises behind a VPN) is not checked: its path is not in the export.
 */
export function diffOutsideFlows(
  before: Side,
  after: Side,
  flows: readonly OutsideFlow[],
  affected: ReadonlySet<string> | 'all',
  appOf: (service: string) => string | null,
): OutsideFlowChange[] {
  const workloadOf = new Map(
    before.estate.workloads.flatMap((w) => [...w.privateIps, ...w.ipv6Addresses].map((ip) => [ip, w.id])),
  );
  const present = new Set(after.estate.workloads.map((w) => w.id));
  return flows.flatMap((flow): OutsideFlowChange[] => {
    const workloadId = workloadOf.get(flow.server);
    if (workloadId === undefined || !present.has(workloadId)) return [];
    if (affected !== 'all' && !affected.has(workloadId)) return [];
    const query = { source: flow.client, destination: workloadId, protocol: flow.protocol, port: flow.port };
    const [was, now] = [check(before.engine, query), check(after.engine, query)];
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

function check(
  engine: ReachabilityEngine,
  query: Parameters<ReachabilityEngine['check']>[0],
): FlowVerdict | null {
  try {
    return engine.check(query);
  } catch (error) {
    if (error instanceof EndpointError || error instanceof FlowError) return null;
    throw error;
  }
}
