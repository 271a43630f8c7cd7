import type { IpAddress } from '../domain/ip';
import type { FlowEnd } from './endpoints';
import type { EstateIndex } from './estateIndex';
import { listInEnglish, routeReference } from './explain';
import { throughNatGateway } from './natGateways';
import { isApplianceEndpoint } from './routeTargets';
import { type LegWay, routeOut } from './routing';
import {
  type AttachmentSubnet,
  crossTransitGateway,
  type Delivery,
  intoTransitGateway,
  type TransitGatewayLeg,
} from './transitGateways';
import { allMustPass, type LayerVerdict } from './verdict';
import { stoppedAt, type ToServer, type WayOut } from './wayOut';

/**
 * Centralized egress: the client's subnet routes the server to a transit gateway, whose route table
 * sends it to one VPC's attachment (the egress VPC); the subnet it enters that VPC through routes it
 * to a NAT gateway, whose own subnet routes it to an internet gateway. The replies come back to the
 * NAT gateway, which passes them on to the client's address: its subnet must route that to a transit
 * gateway, which delivers them into the client's VPC. docs/semantics/aws.md, "Centralized egress".
 */
export function egressThroughTransitGateway(
  index: EstateIndex,
  client: FlowEnd,
  transitGatewayId: string,
  toServer: ToServer,
): WayOut {
  const { protocol, server, serverText, via, rules } = toServer;
  const layer = 'route';
  if (server.family === 6) {
    const reason = `${via}, a transit gateway: IPv6 connections out through another VPC are not followed`;
    return stoppedAt({ layer, verdict: 'unknown', reason, rules });
  }
  // The NAT gateways the subnets it may enter through send it to, as each is asked.
  const natIds = new Set<string>();
  const there = intoTransitGateway(index, client, transitGatewayId, {
    address: server,
    text: serverText,
    vpcId: null,
    deliver: (entry) => {
      const delivery = toNatGateway(index, entry, server, serverText);
      if (delivery.natId !== undefined) natIds.add(delivery.natId);
      return delivery;
    },
  });
  const sent = `${via}: ${there.why}`;
  const so = [...rules, ...there.rules];
  if (there.verdict !== 'allow' || there.path === null) {
    return stoppedAt({ layer, verdict: there.verdict, reason: sent, rules: so });
  }
  const nats = [...natIds];
  const [natId] = nats;
  if (natId === undefined || nats.length > 1) {
    const reason = `${sent}; those subnets send it to different NAT gateways (${listInEnglish(nats)}), so which one the server sees is not known`;
    return stoppedAt({ layer, verdict: 'unknown', reason, rules: so });
  }
  const out = throughNatGateway(index, natId, { protocol, server, serverText, via: sent, rules: so }, client);
  if (out.nat === null) return out;
  const request: LegWay = { kind: 'transit-gateway', transitGatewayId, path: there.path };
  // Stopped at the NAT gateway, the request has still passed the subnets on its way there.
  if (out.route.verdict === 'deny') return { ...out, transit: { request, reply: unseen } };
  const back = repliesBack(index, out.nat, client);
  const route: LayerVerdict = {
    layer,
    verdict: allMustPass([out.route.verdict, back.verdict]),
    reason: `${out.route.reason}; the replies go back from ${out.nat.resolved.workloadId} to ${client.resolved.address}: ${back.why}`,
    rules: [...out.route.rules, ...back.rules],
  };
  return { ...out, route, transit: { request, reply: back.way } };
}

/** The route the subnet traffic enters the egress VPC through takes toward the server: a NAT gateway's. */
function toNatGateway(
  index: EstateIndex,
  entry: AttachmentSubnet,
  server: IpAddress,
  text: string,
): Delivery & { readonly natId?: string } {
  const found = routeOut(index, entry, server, text);
  if (found.kind === 'none') return { verdict: found.verdict, why: found.reason, rules: found.rules };
  const { route } = found.route;
  const rules = [routeReference(found.table, found.route)];
  const by = `${found.name} routes it by ${route.destination} via ${route.targetId}`;
  const dropped = (why: string): Delivery => ({ verdict: 'deny', why: `${by}, ${why}`, rules });
  if (route.state !== 'active') return dropped(`a route that is ${route.state}`);
  switch (route.targetKind) {
    case 'nat-gateway':
      return { verdict: 'allow', why: by, rules, natId: route.targetId };
    case 'internet-gateway':
      // An internet gateway translates the addresses of its own VPC's ENIs that have a public one.
      return dropped(
        `an internet gateway, which has no public address to translate another VPC's private address to, so it drops the traffic`,
      );
    case 'local':
      return dropped(`the VPC's own range, so it never leaves the VPC`);
    case 'vpc-peering':
      return dropped(
        `a peering, which does not carry traffic on from another network (no edge-to-edge routing)`,
      );
    case 'gateway-endpoint':
      if (!isApplianceEndpoint(route))
        return dropped(
          'a gateway endpoint, which serves only its own VPC: traffic from a transit gateway cannot use it',
        );
      break;
  }
  return { verdict: 'unknown', why: `${by}, whose forwarding is not in the export`, rules };
}

/** A way through a transit gateway not known past the sender's subnet. */
const unseen: LegWay = { kind: 'transit-gateway', transitGatewayId: null, path: null };

interface RepliesBack extends Pick<TransitGatewayLeg, 'verdict' | 'why' | 'rules'> {
  readonly way: LegWay;
}

/**
 * The NAT gateway passes the replies on to the client's private address, which its subnet must route
 * back to a transit gateway: a peering would not take traffic from the internet on
 * ("Edge to edge routing through a gateway or private connection").
 */
function repliesBack(index: EstateIndex, nat: FlowEnd, client: FlowEnd): RepliesBack {
  const found = routeOut(index, nat, client.address, client.resolved.address);
  if (found.kind === 'none')
    return { verdict: found.verdict, why: found.reason, rules: found.rules, way: unseen };
  const { route } = found.route;
  const rules = [routeReference(found.table, found.route)];
  const by = `${found.name} routes ${client.resolved.address} by ${route.destination} via ${route.targetId}`;
  if (route.state !== 'active')
    return { verdict: 'deny', why: `${by}, a route that is ${route.state}`, rules, way: unseen };
  if (route.targetKind === 'transit-gateway') {
    const crossed = crossTransitGateway(index, nat, client, route.targetId);
    const way: LegWay = { kind: 'transit-gateway', transitGatewayId: route.targetId, path: crossed.path };
    return {
      verdict: crossed.verdict,
      why: `${by}: ${crossed.why}`,
      rules: [...rules, ...crossed.rules],
      way,
    };
  }
  const known = ['local', 'vpc-peering', 'internet-gateway', 'nat-gateway', 'egress-only-internet-gateway'];
  if (known.includes(route.targetKind)) {
    const why = `${by}, which does not take the replies back to ${client.vpcId}, so they are lost`;
    return { verdict: 'deny', why, rules, way: unseen };
  }
  return { verdict: 'unknown', why: `${by}, whose forwarding is not in the export`, rules, way: unseen };
}
