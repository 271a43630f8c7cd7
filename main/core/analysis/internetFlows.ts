import type { IpProtocol, Route } from '../domain/estate';
import {
  addressBits,
  type Cidr,
  type IpAddress,
  isInternetAddress,
  notInternet,
  parseIp,
} from '../domain/ip';
import { publicAddresses, publicIpOf } from '../domain/publicAddresses';
import { publicAccessBlock, underBlock } from './blockPublicAccess';
import { endpointAt, type FlowEnd, internetEnd, resolveEndpoint } from './endpoints';
import type { AddressOwner, EstateIndex } from './estateIndex';
import { notOnTheInternet, routeReference, withoutPublicAddress } from './explain';
import { throughGatewayTable } from './gatewayIngress';
import { networkAclLayer, networkAclReplyLayer } from './networkAclLayer';
import { forwardsOutOfSight, targetName } from './routeTargets';
import { routeOut } from './routing';
import { securityGroupLayer } from './securityGroupLayer';
import { type FlowVerdict, flowVerdict, type LayerVerdict } from './verdict';

/**
 * One internet address from each stretch of `within` that `cuts` treat alike. Every ACL entry, route
 * and rule matches whole CIDRs, so between two consecutive CIDR boundaries their verdicts cannot
 * change: checking one address of each stretch checks them all. That is the first address of the
 * stretch no workload holds (`held`): a workload's own global IPv6 address is not on the internet,
 * and a stretch of nothing else (an entry's /128 naming one) has no internet address to check.
 */
export function internetRepresentatives(
  within: Cidr,
  cuts: readonly Cidr[],
  held: (address: IpAddress) => boolean = () => false,
): IpAddress[] {
  const family = within.family;
  const end = (cidr: Cidr) => cidr.network + (1n << BigInt(addressBits[cidr.family] - cidr.prefixLength));
  const last = end(within);
  const starts = new Set<bigint>([within.network]);
  for (const cut of [...cuts, ...notInternet]) {
    if (cut.family !== family) continue;
    for (const boundary of [cut.network, end(cut)]) {
      if (boundary > within.network && boundary < last) starts.add(boundary);
    }
  }
  const sorted = [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.flatMap((start, at) => {
    const stop = sorted[at + 1] ?? last;
    // Each held address is stepped over once, so this walks no more than the workloads' addresses.
    for (let value = start; value < stop; value++) {
      const address = { family, value };
      if (!isInternetAddress(address)) return [];
      if (!held(address)) return [address];
    }
    return [];
  });
}

/**
 * A client on the internet opening a connection to a workload: the same six layers as between two
 * workloads, with the client side's own filters absent. See docs/semantics/aws.md, "Flows from the internet".
 */
export function checkFromInternet(
  index: EstateIndex,
  client: string,
  address: IpAddress,
  destination: string,
  protocol: IpProtocol,
  port: number | null,
): FlowVerdict {
  const target = atPublicAddress(index, resolveEndpoint(index, destination, address.family));
  return fromInternet(index, client, address, target, protocol, port);
}

/**
 * The same, to the workload that owns a public address, at the private address the internet gateway
 * translates it to; `input` is how the query named the destination.
 */
export function checkFromInternetTo(
  index: EstateIndex,
  client: string,
  address: IpAddress,
  owner: AddressOwner,
  input: string,
  protocol: IpProtocol,
  port: number | null,
): FlowVerdict {
  const target = endpointAt(owner.workload, owner.text, input);
  return fromInternet(index, client, address, target, protocol, port);
}

function fromInternet(
  index: EstateIndex,
  client: string,
  address: IpAddress,
  target: FlowEnd,
  protocol: IpProtocol,
  port: number | null,
): FlowVerdict {
  const source = internetEnd(client, address);
  const outside = (layer: 'sg-egress' | 'nacl-outbound', what: string): LayerVerdict => ({
    layer,
    verdict: 'not-applicable',
    reason: `the client is on the internet and has no ${what} of its own`,
    rules: [],
  });
  const explanation = [
    underBlock(internetRouteLayer(index, target, address), publicAccessBlock(index, target, 'in')),
    outside('sg-egress', 'security group'),
    outside('nacl-outbound', 'subnet or network ACL'),
    networkAclLayer(index, source, target, false, protocol, port),
    securityGroupLayer(index, target, 'ingress', source, protocol, port),
    networkAclReplyLayer(index, source, target, protocol, port),
  ];
  return flowVerdict(source.resolved, target.resolved, protocol, port, explanation);
}

/**
 * An ENI named by its id (or its instance's) is reached from the internet at its public address: the
 * primary private address's, else the first secondary one's with an Elastic IP. A named address stays.
 */
function atPublicAddress(index: EstateIndex, end: FlowEnd): FlowEnd {
  const workload = index.workload(end.resolved.workloadId);
  if (workload === undefined || end.address.family !== 4 || parseIp(end.resolved.input.trim()) !== null)
    return end;
  const [first] = publicAddresses(workload);
  if (first === undefined || first.privateIp === end.resolved.address) return end;
  return endpointAt(workload, first.privateIp, end.resolved.input);
}

/** Route targets that carry connections out of a subnet and never in. */
const outOnly: Partial<Record<Route['targetKind'], string>> = {
  'nat-gateway': 'a NAT gateway',
  'egress-only-internet-gateway': 'an egress-only internet gateway',
};

/**
 * The internet reaches a workload only at a public address (IPv4: its public or Elastic IP, which the
 * internet gateway translates; IPv6 addresses are global), and only when its subnet's route table sends
 * the client's address to an internet gateway: that is the way replies leave, and what makes a subnet public.
 */
function internetRouteLayer(index: EstateIndex, target: FlowEnd, client: IpAddress): LayerVerdict {
  const layer = 'route';
  const workload = index.workload(target.resolved.workloadId);
  if (
    client.family === 4 &&
    (workload === undefined || publicIpOf(workload, target.resolved.address) === null)
  ) {
    const { workloadId, address } = target.resolved;
    const reason = `${withoutPublicAddress(workloadId, workload, address)} has no public IPv4 address, and the internet reaches a VPC only at public addresses`;
    return { layer, verdict: 'deny', reason, rules: [] };
  }
  const unrouted = notOnTheInternet(index, target);
  if (unrouted !== null) return { layer, verdict: 'deny', reason: unrouted, rules: [] };
  const found = routeOut(index, target, client, "the client's address");
  if (found.kind === 'none')
    return { layer, verdict: found.verdict, reason: found.reason, rules: found.rules };
  const { table, route: best, name } = found;
  const rules = [routeReference(table, best)];
  const via = `${name} routes the client's address by ${best.route.destination} via ${best.route.targetId}`;
  if (best.route.targetKind === 'internet-gateway' && best.route.state === 'active') {
    const entering = throughGatewayTable(index, target, best.route.targetId);
    if (entering === null) return { layer, verdict: 'allow', reason: `${via}, an internet gateway`, rules };
    const reason = `${via}, an internet gateway; on the way in, ${entering.reason}`;
    return { layer, verdict: entering.verdict, reason, rules: [...entering.rules, ...rules] };
  }
  if (forwardsOutOfSight(best.route)) {
    const reason = `${via}: the replies go to ${targetName(best.route)}, and whether what it passes them on to reaches an internet gateway is not in the export`;
    // The request itself still enters through the VPC's internet gateway, whose own table may drop it.
    const gatewayId = index.routedInternetGateway(target.vpcId);
    const entering = gatewayId === null ? null : throughGatewayTable(index, target, gatewayId);
    if (entering === null) return { layer, verdict: 'unknown', reason, rules };
    if (entering.verdict === 'deny')
      return { layer, verdict: 'deny', reason: `on the way in, ${entering.reason}`, rules: entering.rules };
    const both = `${reason}; on the way in, ${entering.reason}`;
    return { layer, verdict: 'unknown', reason: both, rules: [...entering.rules, ...rules] };
  }
  const gateway = outOnly[best.route.targetKind];
  const why =
    gateway === undefined
      ? 'not an active internet gateway'
      : `${gateway} lets the subnet open connections out, never in`;
  return { layer, verdict: 'deny', reason: `${via}: ${why}`, rules };
}
