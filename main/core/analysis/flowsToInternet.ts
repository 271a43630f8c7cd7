import type { IpProtocol } from '../domain/estate';
import type { IpAddress } from '../domain/ip';
import { publicIpOf } from '../domain/publicAddresses';
import { type FlowEnd, internetEnd, resolveEndpoint } from './endpoints';
import type { EstateIndex } from './estateIndex';
import { routeReference, withoutPublicAddress } from './explain';
import { throughGatewayTable } from './gatewayIngress';
import { networkAclLayer, networkAclReplyLayer } from './networkAclLayer';
import { isApplianceEndpoint } from './routeTargets';
import { type RouteOut, routeOut } from './routing';
import { securityGroupLayer } from './securityGroupLayer';
import {
  combinedLayer,
  type DecidingRule,
  type FlowVerdict,
  flowVerdict,
  type LayerName,
  type LayerVerdict,
} from './verdict';

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
  const { route, nat, seenFrom } = routeToInternet(index, client, address, outside.resolved.address);
  const notOurs = (layer: LayerName, what: string, more = ''): LayerVerdict => ({
    layer,
    verdict: 'not-applicable',
    reason: `the server is on the internet and has no ${what} of ours${more}`,
    rules: [],
  });
  const explanation =
    nat === null
      ? [
          route,
          securityGroupLayer(index, client, 'egress', outside, protocol, port),
          networkAclLayer(index, client, outside, true, protocol, port),
          notOurs('nacl-inbound', 'subnet or network ACL'),
          notOurs('sg-ingress', 'security group'),
          networkAclReplyLayer(index, client, outside, protocol, port),
        ]
      : [
          route,
          securityGroupLayer(index, client, 'egress', outside, protocol, port),
          combinedLayer('nacl-outbound', [
            ["leaving the client's subnet", networkAclLayer(index, client, outside, true, protocol, port)],
            ["leaving the NAT gateway's subnet", networkAclLayer(index, nat, outside, true, protocol, port)],
          ]),
          // The request enters the NAT gateway's subnet still addressed from the client to the server.
          combinedLayer('nacl-inbound', [
            ["entering the NAT gateway's subnet", networkAclLayer(index, client, nat, false, protocol, port)],
          ]),
          notOurs('sg-ingress', 'security group', ', and a NAT gateway has none'),
          combinedLayer('nacl-reply', [
            ['back to the NAT gateway', networkAclReplyLayer(index, nat, outside, protocol, port)],
            // Passed on from the server's address to the client's port: the server seen from the NAT's subnet.
            [
              'on to the client',
              networkAclReplyLayer(
                index,
                client,
                { ...outside, subnetId: nat.subnetId, vpcId: nat.vpcId, outside: false },
                protocol,
                port,
              ),
            ],
          ]),
        ];
  return { verdict: flowVerdict(client.resolved, outside.resolved, protocol, port, explanation), seenFrom };
}

interface WayOut {
  readonly route: LayerVerdict;
  /** The NAT gateway's interface, when the client's subnet routes the server through one. */
  readonly nat: FlowEnd | null;
  /** The address the connection reaches the internet with, when it does. */
  readonly seenFrom: string | null;
}

/**
 * IPv4 leaves through an internet gateway only from a public address (its public or Elastic IP, which
 * the gateway translates), or through a NAT gateway whose own subnet routes to an internet gateway; IPv6
 * through an internet gateway or an egress-only internet gateway.
 */
function routeToInternet(index: EstateIndex, client: FlowEnd, server: IpAddress, serverText: string): WayOut {
  const layer = 'route';
  const found = routeOut(index, client, server, serverText);
  if (found.kind === 'none') return { route: refused(found), nat: null, seenFrom: null };
  const { table, route, name } = found;
  const rules = [routeReference(table, route)];
  const via = `${name} routes ${serverText} by ${route.route.destination} via ${route.route.targetId}`;
  const decided = (
    verdict: LayerVerdict['verdict'],
    reason: string,
    seenFrom: string | null = null,
  ): WayOut => ({
    route: { layer, verdict, reason, rules },
    nat: null,
    seenFrom,
  });
  if (route.route.state !== 'active') return decided('deny', `${via}: the route is ${route.route.state}`);
  switch (route.route.targetKind) {
    case 'internet-gateway': {
      const workload = index.workload(client.resolved.workloadId);
      const { workloadId, address } = client.resolved;
      const gateway = route.route.targetId;
      if (server.family === 6) {
        return repliesIn(index, client, gateway, decided('allow', `${via}, an internet gateway`, address));
      }
      // The connection leaves from one private address: the Elastic IP of another is no use to it.
      const publicIp = workload === undefined ? null : publicIpOf(workload, address);
      if (publicIp === null) {
        return decided(
          'deny',
          `${via}, an internet gateway, but ${withoutPublicAddress(workloadId, workload, address)} has no public IPv4 address for it to translate to, so its traffic is dropped`,
        );
      }
      return repliesIn(index, client, gateway, decided('allow', `${via}, an internet gateway`, publicIp));
    }
    case 'egress-only-internet-gateway':
      return server.family === 6
        ? decided(
            'allow',
            `${via}, an egress-only internet gateway, which carries IPv6 connections out`,
            client.resolved.address,
          )
        : decided('deny', `${via}, an egress-only internet gateway, which carries IPv6 only`);
    case 'nat-gateway':
      return server.family === 4
        ? throughNatGateway(index, route.route.targetId, server, serverText, via, rules)
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

/**
 * The replies to a connection out through an internet gateway come back in through it, to the private
 * address the gateway translates to (the client's, or its NAT gateway's): the gateway's own route table,
 * if it has one, routes them there or through an appliance first.
 */
function repliesIn(index: EstateIndex, end: FlowEnd, gatewayId: string, way: WayOut): WayOut {
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

function refused(found: Extract<RouteOut, { kind: 'none' }>): LayerVerdict {
  return { layer: 'route', verdict: found.verdict, reason: found.reason, rules: found.rules };
}

/**
 * A public NAT gateway sends the connection on from its own address; its subnet's table must route
 * the server to an internet gateway. A private NAT gateway (no public address) never reaches the internet.
 */
function throughNatGateway(
  index: EstateIndex,
  natId: string,
  server: IpAddress,
  serverText: string,
  via: string,
  rules: readonly DecidingRule[],
): WayOut {
  const layer = 'route';
  const eni = index.natGatewayInterface(natId);
  if (eni === undefined || eni.privateIps.length === 0) {
    const reason = `${via}, a NAT gateway whose interface ("Interface for NAT Gateway ${natId}" in describe-network-interfaces) is not in the export, so its own way to the internet cannot be checked`;
    return { route: { layer, verdict: 'unknown', reason, rules }, nat: null, seenFrom: null };
  }
  const nat = resolveEndpoint(index, eni.id, 4);
  const gateway = `${via}, a NAT gateway in ${nat.subnetId}`;
  if (!eni.publicIp) {
    const reason = `${gateway}, a private NAT gateway (its interface ${eni.id} has no public address): it reaches other networks, never the internet`;
    return { route: { layer, verdict: 'deny', reason, rules }, nat, seenFrom: null };
  }
  const onward = routeOut(index, nat, server, serverText);
  if (onward.kind === 'none') {
    const reason = `${gateway}; ${onward.reason}`;
    const route: LayerVerdict = {
      layer,
      verdict: onward.verdict,
      reason,
      rules: [...rules, ...onward.rules],
    };
    return { route, nat, seenFrom: null };
  }
  const hop = onward.route.route;
  const both = [...rules, routeReference(onward.table, onward.route)];
  const onwardVia = `${onward.name} routes it by ${hop.destination} via ${hop.targetId}`;
  if (hop.state === 'active' && hop.targetKind === 'internet-gateway') {
    const reason = `${gateway}, whose ${onwardVia}, an internet gateway; the server sees the NAT gateway's address ${eni.publicIp}`;
    const way: WayOut = {
      route: { layer, verdict: 'allow', reason, rules: both },
      nat,
      seenFrom: eni.publicIp,
    };
    return repliesIn(index, nat, hop.targetId, way);
  }
  const known =
    hop.state !== 'active' ||
    ['local', 'nat-gateway', 'egress-only-internet-gateway', 'vpc-peering'].includes(hop.targetKind);
  const reason = known
    ? `${gateway}, but ${onwardVia}: not an active internet gateway`
    : `${gateway}, whose ${onwardVia}: where that forwards it is not in the export`;
  return { route: { layer, verdict: known ? 'deny' : 'unknown', reason, rules: both }, nat, seenFrom: null };
}
