import type { Workload, WorkloadKind } from '../domain/estate';

const transitGateway =
  "a transit gateway attachment's interface: the transit gateway routes traffic between networks through it, under the addresses of their own workloads";

/** Kinds that no connection can be opened to, whatever their groups say, and why. */
const refusingConnections: Partial<Record<WorkloadKind, string>> = {
  // A NAT gateway translates the connections its VPC opens and lets in only their replies; it offers
  // no service of its own.
  'nat-gateway':
    "a NAT gateway's interface: a NAT gateway opens connections for its VPC and accepts none opened to it",
  'transit-gateway': `${transitGateway}, and offers no service at its own`,
  // Lambda's Hyperplane ENIs translate the connections functions open into the VPC; a function is
  // invoked through Lambda's API, never at an address of the VPC.
  lambda:
    "a Lambda function's Hyperplane interface: the function connects out through it, and nothing reaches the function at it (Lambda functions are invoked through Lambda's API)",
};

/** Kinds that never open a connection from their own address, whatever their groups let out, and why. */
const openingNone: Partial<Record<WorkloadKind, string>> = {
  // An interface endpoint carries connections its consumers open to the service, and only their
  // replies come back; a Gateway Load Balancer endpoint hands traffic on with the original addresses,
  // so what leaves it toward a workload is the client's, not the endpoint's.
  'vpc-endpoint':
    "a VPC endpoint's interface: it carries connections others open, under their addresses or as replies, and opens none of its own",
  'transit-gateway': `${transitGateway}, and opens none of its own`,
};

/** Why nothing can open a connection to this workload; undefined when its groups decide. */
export function whyNoConnectionsTo(workload: Workload): string | undefined {
  return refusingConnections[workload.kind];
}

/** Why no connection starts at this workload's own address; undefined when its groups decide. */
export function whyNoConnectionsFrom(workload: Workload): string | undefined {
  return openingNone[workload.kind];
}

export const acceptsConnectionsTo = (workload: Workload): boolean =>
  whyNoConnectionsTo(workload) === undefined;

export const opensConnectionsFrom = (workload: Workload): boolean =>
  whyNoConnectionsFrom(workload) === undefined;
