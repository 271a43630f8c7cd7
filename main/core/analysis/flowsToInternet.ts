import type { IpProtocol } from '../domain/estate';
import { formatIp, type IpAddress } from '../domain/ip';
import { publicIpOf } from '../domain/publicAddresses';
import { type AclCrossing, crossingLayers, legCrossings } from './aclCrossings';
import { type InternetUse, publicAccessBlock, wayUnderBlock } from './blockPublicAccess';
import { egressThroughTransitGateway } from './centralEgress';
import { type FlowEnd, internetEnd, resolveEndpoint } from './endpoints';
import type { EstateIndex } from './estateIndex';
import { notOnTheInternet, routeReference, withoutPublicAddress } from './explain';
import { throughNatGateway } from './natGateways';
import { networkAclLayer, networkAclReplyLayer } from './networkAclLayer';
import { isApplianceEndpoint } from './routeTargets';
import { routeOut } from './routing';
import { securityGroupLayer } from './securityGroupLayer';
import { combinedLayer, type FlowVerdict, flowVerdict, type LayerName, type LayerVerdict } from './verdict';
import { refused, repliesIn, stoppedAt, type ToServer, type WayOut } from './wayOut';

export interface OutToInternet {
  readonly verdict: FlowVerdict;
  /** The address the server sees the connection come from, once the way out reaches the internet. */
  readonly seenFrom: string | null;
}

/**
 * A workload opening a connection to a server on the internet: the same six layers as between two
 * workloads, with the server side's own filters absent, and, when the way out is a NAT gateway, the
 * network ACL of the gateway's subnet on the request's and the reply's way. See docs/semantics/aws.md,
 * "Flows to the internet".
 */
export function checkToInternet(
  index: EstateIndex,
  source: string,
  server: string,
  address: IpAddress,
  protocol: IpProtocol,
  port: number | null,
): OutToInternet {
  const client = resolveEndpoint(index, source, address.family);
  const outside = internetEnd(server, address);
  const way = routeToInternet(index, client, {
    protocol,
    server: address,
    serverText: outside.resolved.address,
  });
  const { route, nat, transit } = way;
  const notOurs = (layer: LayerName, what: string, more = ''): LayerVerdict => ({
    layer,
    verdict: 'not-applicable',
    reason: `the server is on the internet and has no ${what} of ours${more}`,
    rules: [],
  });
  const egress = securityGroupLayer(index, client, 'egress', outside, protocol, port);
  if (nat === null) {
    const explanation = [
      route,
      egress,
      networkAclLayer(index, client, outside, true, protocol, port),
      notOurs('nacl-inbound', 'subnet or network ACL'),
      notOurs('sg-ingress', 'security group'),
      networkAclReplyLayer(index, client, outside, protocol, port),
    ];
    return {
      verdict: flowVerdict(client.resolved, outside.resolved, protocol, port, explanation),
      seenFrom: way.seenFrom,
    };
  }
  // Between the NAT gateway and the client, the server's packets are still addressed from or to it.
  const atNat: FlowEnd = { ...outside, subnetId: nat.subnetId, vpcId: nat.vpcId, outside: false };
  const [outbound, inbound, onToClient] =
    transit === null
      ? [
          combinedLayer('nacl-outbound', [
            ["leaving the client's subnet", networkAclLayer(index, client, outside, true, protocol, port)],
            ["leaving the NAT gateway's subnet", networkAclLayer(index, nat, outside, true, protocol, port)],
          ]),
          // The request enters the NAT gateway's subnet still addressed from the client to the server.
          combinedLayer('nacl-inbound', [
            ["entering the NAT gateway's subnet", networkAclLayer(index, client, nat, false, protocol, port)],
          ]),
          networkAclReplyLayer(index, client, atNat, protocol, port),
        ]
      : throughEgressVpc(index, client, nat, outside, atNat, transit, protocol, port);
  const explanation = [
    route,
    egress,
    outbound,
    inbound,
    notOurs('sg-ingress', 'security group', ', and a NAT gateway has none'),
    combinedLayer('nacl-reply', [
      ['back to the NAT gateway', networkAclReplyLayer(index, nat, outside, protocol, port)],
      ['on to the client', onToClient],
    ]),
  ];
  return {
    verdict: flowVerdict(client.resolved, outside.resolved, protocol, port, explanation),
    seenFrom: way.seenFrom,
  };
}

/**
 * The ACLs whose entries look at a request's port on its way from a workload to a server on the
 * internet: the client subnet's outbound ones and, through a NAT gateway, the entries that the
 * nacl-outbound and nacl-inbound layers of `checkToInternet` pass it through (those of the transit
 * gateway's subnets of every way it may take, flattened). What comes back is not listed: a reply's
 * port is the client's own one.
 */
export function requestCrossings(
  index: EstateIndex,
  source: string,
  address: IpAddress,
  protocol: IpProtocol,
): AclCrossing[] {
  const client = resolveEndpoint(index, source, address.family);
  const outside = internetEnd(formatIp(address), address);
  const { nat, transit } = routeToInternet(index, client, {
    protocol,
    server: address,
    serverText: outside.resolved.address,
  });
  const out: AclCrossing = { place: client, egress: true, peer: outside, attachmentId: null };
  if (nat === null) return [out];
  const natOut: AclCrossing = { place: nat, egress: true, peer: outside, attachmentId: null };
  if (transit === null) return [out, { place: nat, egress: false, peer: client, attachmentId: null }, natOut];
  const atNat: FlowEnd = { ...outside, subnetId: nat.subnetId, vpcId: nat.vpcId, outside: false };
  return [...legCrossings(client, atNat, transit.request).flat(), natOut];
}

/**
 * The ACLs of centralized egress: the client's subnet, the transit gateway's subnets on the way, and
 * the NAT gateway's subnet, going out; and back from the NAT gateway through the transit gateway's
 * subnets of the reply's way to the client's subnet.
 */
function throughEgressVpc(
  index: EstateIndex,
  client: FlowEnd,
  nat: FlowEnd,
  outside: FlowEnd,
  atNat: FlowEnd,
  transit: NonNullable<WayOut['transit']>,
  protocol: IpProtocol,
  port: number | null,
): [LayerVerdict, LayerVerdict, LayerVerdict] {
  const natOut: AclCrossing = { place: nat, egress: true, peer: outside, attachmentId: null };
  const request = legCrossings(client, atNat, transit.request).map((crossings) => [...crossings, natOut]);
  const reply = legCrossings(atNat, client, transit.reply);
  return crossingLayers(index, client, atNat, request, reply, protocol, port);
}

/**
 * IPv4 leaves through an internet gateway only from a public address (its public or Elastic IP, which
 * the gateway translates), or through a NAT gateway whose own subnet routes to an internet gateway; IPv6
 * through an internet gateway or an egress-only internet gateway.
 */
function routeToInternet(
  index: EstateIndex,
  client: FlowEnd,
  toServer: Omit<ToServer, 'via' | 'rules'>,
): WayOut {
  const { server, serverText } = toServer;
  const layer = 'route';
  const found = routeOut(index, client, server, serverText);
  if (found.kind === 'none') return stoppedAt(refused(found));
  const { table, route, name } = found;
  const rules = [routeReference(table, route)];
  const via = `${name} routes ${serverText} by ${route.route.destination} via ${route.route.targetId}`;
  const decided = (
    verdict: LayerVerdict['verdict'],
    reason: string,
    seenFrom: string | null = null,
  ): WayOut => ({ ...stoppedAt({ layer, verdict, reason, rules }), seenFrom });
  if (route.route.state !== 'active') return decided('deny', `${via}: the route is ${route.route.state}`);
  const blocked = (way: WayOut, use: InternetUse) =>
    wayUnderBlock(way, publicAccessBlock(index, client, use));
  switch (route.route.targetKind) {
    case 'internet-gateway': {
      const workload = index.workload(client.resolved.workloadId);
      const { workloadId, address } = client.resolved;
      const gateway = route.route.targetId;
      if (server.family === 6) {
        const unrouted = notOnTheInternet(index, client);
        if (unrouted !== null) return decided('deny', `${via}, an internet gateway, but ${unrouted}`);
        const way = decided('allow', `${via}, an internet gateway`, address);
        return blocked(repliesIn(index, client, gateway, way), 'out');
      }
      // The connection leaves from one private address: the Elastic IP of another is no use to it.
      const publicIp = workload === undefined ? null : publicIpOf(workload, address);
      if (publicIp === null) {
        return decided(
          'deny',
          `${via}, an internet gateway, but ${withoutPublicAddress(workloadId, workload, address)} has no public IPv4 address for it to translate to, so its traffic is dropped`,
        );
      }
      const way = decided('allow', `${via}, an internet gateway`, publicIp);
      return blocked(repliesIn(index, client, gateway, way), 'out');
    }
    case 'egress-only-internet-gateway': {
      const unrouted = server.family === 6 ? notOnTheInternet(index, client) : null;
      if (unrouted !== null)
        return decided('deny', `${via}, an egress-only internet gateway, but ${unrouted}`);
      if (server.family !== 6)
        return decided('deny', `${via}, an egress-only internet gateway, which carries IPv6 only`);
      const way = decided(
        'allow',
        `${via}, an egress-only internet gateway, which carries IPv6 connections out`,
        client.resolved.address,
      );
      return blocked(way, 'out-only');
    }
    case 'nat-gateway':
      return server.family === 4
        ? throughNatGateway(index, route.route.targetId, { ...toServer, via, rules }, client)
        : decided('unknown', `${via}, a NAT gateway: NAT64 is not modelled`);
    case 'local':
      return decided(
        'deny',
        `${via}: the address is inside ${client.vpcId}'s own range, so it never leaves the VPC`,
      );
    case 'gateway-endpoint':
      if (isApplianceEndpoint(route.route)) {
        return decided(
          'unknown',
          `${via}, a Gateway Load Balancer endpoint (a vpce- target of a CIDR route): where its appliances send the connection on is not in the export`,
        );
      }
      return decided(
        'allow',
        `${via}, a gateway endpoint, which carries it to the AWS service whose prefix list holds the address`,
      );
    case 'transit-gateway':
      return egressThroughTransitGateway(index, client, route.route.targetId, { ...toServer, via, rules });
    case 'vpc-peering':
      return decided(
        'deny',
        `${via}, a VPC peering connection, which does not carry traffic on to the internet (no edge-to-edge routing)`,
      );
    default:
      return decided(
        'unknown',
        `${via}: where ${route.route.targetId || 'that target'} forwards it is not in the export`,
      );
  }
}
