import type { Workload } from '../domain/estate';

/**
 * A NAT gateway translates the connections its VPC opens and lets in only their replies; it offers no
 * service of its own, so nothing can open a connection to it, whatever its (absent) groups would say.
 */
export function acceptsConnectionsTo(workload: Workload): boolean {
  return workload.kind !== 'nat-gateway';
}

/**
 * A VPC endpoint's interface never opens a connection from its own address. An interface endpoint
 * carries connections its consumers open to the service, and only their replies come back; a Gateway
 * Load Balancer endpoint hands traffic on with the original addresses, so what leaves it toward a
 * workload is the client's, not the endpoint's. Whatever its groups let out, no flow starts there.
 */
export function opensConnectionsFrom(workload: Workload): boolean {
  return workload.kind !== 'vpc-endpoint';
}
