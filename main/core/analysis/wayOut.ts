import type { IpProtocol } from '../domain/estate';
import type { IpAddress } from '../domain/ip';
import type { FlowEnd } from './endpoints';
import type { EstateIndex } from './estateIndex';
import { throughGatewayTable } from './gatewayIngress';
import type { LegWay, RouteOut } from './routing';
import type { DecidingRule, LayerVerdict } from './verdict';

/** How a workload's connection to a server on the internet leaves, as far as the export tells. */
export interface WayOut {
  readonly route: LayerVerdict;
  /** The NAT gateway's interface, when the connection is routed through one. */
  readonly nat: FlowEnd | null;
  /** The address the connection reaches the internet with, when it does. */
  readonly seenFrom: string | null;
  /**
   * The ways to an egress VPC's NAT gateway through a transit gateway and back from it, when the
   * client's subnet routes the server there and the NAT gateway is found.
   */
  readonly transit: { readonly request: LegWay; readonly reply: LegWay } | null;
}

/**
 * A connection on its way to a server on the internet: the server's address, as parsed and as
 * written, how it got this far (the start of the route layer's reason) and the routes that took it.
 */
export interface ToServer {
  readonly protocol: IpProtocol;
  readonly server: IpAddress;
  readonly serverText: string;
  readonly via: string;
  readonly rules: readonly DecidingRule[];
}

/** A way that ends at the route layer, as far as it got. */
export function stoppedAt(route: LayerVerdict, nat: FlowEnd | null = null): WayOut {
  return { route, nat, seenFrom: null, transit: null };
}

export function refused(found: Extract<RouteOut, { kind: 'none' }>): LayerVerdict {
  return { layer: 'route', verdict: found.verdict, reason: found.reason, rules: found.rules };
}

/**
 * The replies to a connection out through an internet gateway come back in through it, to the private
 * address it translated (the client's, or its NAT gateway's): the gateway's own route table, if it
 * has one, routes them there or through an appliance first.
 */
export function repliesIn(index: EstateIndex, end: FlowEnd, gatewayId: string, way: WayOut): WayOut {
  const entering = throughGatewayTable(index, end, gatewayId);
  if (entering === null) return way;
  const reason = `${way.route.reason}; the replies come back in through it, and ${entering.reason}`;
  const route = {
    ...way.route,
    verdict: entering.verdict,
    reason,
    rules: [...way.route.rules, ...entering.rules],
  };
  return { ...way, route };
}
