import type { EstateIndex } from './estateIndex';
import type { LayerVerdict } from './verdict';
import type { WayOut } from './wayOut';

/**
 * How a connection uses a VPC's internet gateway: opened from the internet (`in`), opened out
 * through the gateway from the workload's own public address (`out`), or out through a NAT gateway or
 * an egress-only internet gateway, which open connections out only (`out-only`).
 */
export type InternetUse = 'in' | 'out' | 'out-only';

/**
 * Why VPC Block Public Access may drop the connection at the VPC's gateway, or null where it lets it
 * pass. `block-bidirectional` blocks all traffic to and from internet gateways and egress-only
 * internet gateways; `block-ingress` blocks all but the traffic of NAT gateways and egress-only
 * internet gateways (BlockPublicAccessStates, EC2 API Reference). Either spares the VPCs and subnets
 * an exclusion names, which describe-vpcs does not print: so the verdict is unknown, not a deny.
 */
export function publicAccessBlock(index: EstateIndex, vpcId: string, use: InternetUse): string | null {
  const mode = index.blockPublicAccess(vpcId);
  if (mode === null || (mode === 'block-ingress' && use === 'out-only')) return null;
  return `VPC Block Public Access is ${mode} in the Region of ${vpcId}, which drops this at its internet gateway unless an exclusion exempts ${vpcId} or the subnet (aws ec2 describe-vpc-block-public-access-exclusions, which Faultline does not read)`;
}

/** The layer as it stands, or unknown where it would pass and Block Public Access may drop it. */
export function underBlock(layer: LayerVerdict, block: string | null): LayerVerdict {
  if (block === null || layer.verdict === 'deny') return layer;
  return { ...layer, verdict: 'unknown', reason: `${layer.reason}; but ${block}` };
}

export function wayUnderBlock(way: WayOut, block: string | null): WayOut {
  return { ...way, route: underBlock(way.route, block) };
}
