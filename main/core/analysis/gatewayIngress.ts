import type { FlowEnd } from './endpoints';
import type { EstateIndex } from './estateIndex';
import { routeReference } from './explain';
import { longestMatch } from './routeMatch';
import { targetName } from './routeTargets';
import type { DecidingRule, LayerOutcome } from './verdict';

export interface GatewayIngress {
  readonly verdict: Exclude<LayerOutcome, 'not-applicable'>;
  readonly reason: string;
  readonly rules: readonly DecidingRule[];
}

/**
 * What enters a VPC through an internet gateway is routed by the gateway's own route table when one
 * is associated with it ("Gateway route tables", ingress routing): its local route delivers to the
 * address, and a more specific route, or a local route whose target was replaced, hands the traffic
 * to an inspection appliance (a network interface or a Gateway Load Balancer endpoint) first, whose
 * forwarding the export does not show. Null when the gateway has no such table: traffic goes straight
 * to the address. `end` is where the traffic is headed, at the private address the gateway translates to.
 */
export function throughGatewayTable(
  index: EstateIndex,
  end: FlowEnd,
  gatewayId: string,
): GatewayIngress | null {
  const found = index.gatewayRouteTable(end.vpcId, gatewayId);
  if (found === null) return null;
  const { table, routes } = found;
  const name = `${gatewayId}'s route table ${table.id}`;
  // A gateway route table takes CIDR routes only, so no prefix list can leave the match in doubt.
  const { best } = longestMatch(index, routes, end.address);
  const addressText = end.resolved.address;
  if (best === undefined) {
    return {
      verdict: 'deny',
      reason: `${name} has no route to ${addressText}, so the gateway drops it`,
      rules: [],
    };
  }
  const rules = [routeReference(table, best)];
  const { route } = best;
  const by = `${name} routes ${addressText} by ${route.destination}`;
  if (route.state !== 'active')
    return { verdict: 'deny', reason: `${by}, a route that is ${route.state}`, rules };
  if (route.targetKind === 'local')
    return { verdict: 'allow', reason: `${by} via local, straight to it`, rules };
  const reason = `${by} via ${targetName(route)}, an inspection appliance on the way in, whose forwarding is not in the export`;
  return { verdict: 'unknown', reason, rules };
}
