import type { Route } from '../domain/estate';

/**
 * A `vpce-` target is a gateway endpoint (S3, DynamoDB) only when the route's destination is its
 * service's prefix list, the only destination AWS gives those routes. With a CIDR destination it is a
 * Gateway Load Balancer endpoint (AWS Network Firewall's endpoints are ones too): the traffic goes to
 * inspection appliances, and where they send it on is not in the export.
 */
export function isApplianceEndpoint(route: Route): boolean {
  return route.targetKind === 'gateway-endpoint' && !route.destination.startsWith('pl-');
}

/** An active route whose target passes traffic on to somewhere the export does not show. */
export function forwardsOutOfSight(route: Route): boolean {
  return (
    route.state === 'active' &&
    (route.targetKind === 'transit-gateway' || route.targetKind === 'other' || isApplianceEndpoint(route))
  );
}

/** `vpce-0f…, a Gateway Load Balancer endpoint`, `tgw-0a…, a transit gateway`, `eni-0b…`. */
export function targetName(route: Route): string {
  const id = route.targetId || 'that target';
  if (isApplianceEndpoint(route)) return `${id}, a Gateway Load Balancer endpoint`;
  return route.targetKind === 'transit-gateway' ? `${id}, a transit gateway` : id;
}

/**
 * A virtual private gateway (a VPN or Direct Connect) or a Cloud WAN core network: ways private
 * addresses leave a VPC for networks whose routing the export does not hold, which may lead on into
 * another VPC of the snapshot.
 */
export function isPrivateGateway(route: Route): boolean {
  return route.targetId.startsWith('vgw-') || route.targetId.includes(':core-network/');
}
