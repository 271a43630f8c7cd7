import type { PeeringConnection, RouteTable } from '../domain/estate';
import type { IpAddress } from '../domain/ip';
import type { FlowEnd } from './endpoints';
import type { EstateIndex, IndexedRoute } from './estateIndex';
import { listInEnglish, routeReference } from './explain';
import { longestMatch } from './routeMatch';
import { isPrivateGateway } from './routeTargets';
import { crossTransitGateway, type TransitGatewayPath } from './transitGateways';
import {
  allMustPass,
  type DecidingRule,
  distinctRules,
  type LayerOutcome,
  type LayerVerdict,
} from './verdict';

/** Where the flow is routed: within one VPC, or between two, over their active peering if they have one. */
type Way =
  | { readonly kind: 'local' }
  | { readonly kind: 'remote'; readonly peering: PeeringConnection | null };

/**
 * How one direction of a flow crosses the network: straight from one end's subnet to the other's
 * (within a VPC or over a peering), or through a transit gateway, by the subnets of its attachments
 * when the route says which (the network ACLs of those subnets filter it too).
 */
export type LegWay =
  | { readonly kind: 'direct' }
  | {
      readonly kind: 'transit-gateway';
      /** null when the route that leads there is not in the export. */
      readonly transitGatewayId: string | null;
      readonly path: TransitGatewayPath | null;
    };

export interface RoutedFlow {
  readonly layer: LayerVerdict;
  /** The request's way, and the reply's: routes may send them different ways. */
  readonly request: LegWay;
  readonly reply: LegWay;
}

interface Leg {
  readonly verdict: LayerOutcome;
  readonly reason: string;
  readonly rules: readonly DecidingRule[];
  readonly way: LegWay;
}

const direct: LegWay = { kind: 'direct' };

/**
 * Private addresses stay inside their VPC unless an active peering or a transit gateway connects the
 * two VPCs and both sides route the other's address that way: the source subnet's table toward the
 * destination, the destination subnet's table back to the source (replies need a route too).
 */
export function routeFlow(index: EstateIndex, source: FlowEnd, destination: FlowEnd): RoutedFlow {
  const layer = 'route';
  let way: Way = { kind: 'local' };
  if (source.vpcId !== destination.vpcId) {
    const peerings = index.peerings(source.vpcId, destination.vpcId);
    const peering = peerings.find((candidate) => candidate.status === 'active') ?? null;
    const gateway = index.mayLeaveVpc(source.vpcId) || index.mayLeaveVpc(destination.vpcId);
    if (peering === null && !gateway) {
      const others = peerings.map((one) => `${one.id} is ${one.status}`);
      const note = others.length === 0 ? '' : ` (${listInEnglish(others)})`;
      const reason = `${source.vpcId} and ${destination.vpcId} are different VPCs with no active peering connection${note} and no transit gateway attachment in the export, nor a route to a virtual private gateway or a Cloud WAN core network, and private addresses do not leave a VPC otherwise`;
      return { layer: { layer, verdict: 'deny', reason, rules: [] }, request: direct, reply: direct };
    }
    way = { kind: 'remote', peering };
  }
  const there = leg(index, source, destination, way);
  const back = leg(index, destination, source, way);
  return {
    layer: {
      layer,
      verdict: allMustPass([there.verdict, back.verdict]),
      // Both ends in one VPC without exported tables give the same sentence twice.
      reason: [...new Set([there.reason, back.reason])].join('; '),
      rules: distinctRules([...there.rules, ...back.rules]),
    },
    request: there.way,
    reply: back.way,
  };
}

export function routeLayer(index: EstateIndex, source: FlowEnd, destination: FlowEnd): LayerVerdict {
  return routeFlow(index, source, destination).layer;
}

/** How `from`'s subnet routes `to`'s address. */
function leg(index: EstateIndex, from: FlowEnd, to: FlowEnd, way: Way): Leg {
  const lookup = index.routeTableOf(from.subnetId, from.vpcId);
  const address = to.resolved.address;
  if (lookup.kind === 'not-exported') {
    if (way.kind === 'local') {
      const reason = `no route table of ${from.vpcId} is in the export, and the local route every route table has carries traffic within the VPC`;
      return { verdict: 'allow', reason, rules: [], way: direct };
    }
    if (way.peering === null) {
      if (!index.mayUseTransitGateway(from.vpcId)) {
        const reason = `no route table of ${from.vpcId} is in the export, nor an attachment of it to a transit gateway, and without a peering private addresses leave a VPC only through one`;
        return { verdict: 'deny', reason, rules: [], way: direct };
      }
      const reason = `no route table of ${from.vpcId} is in the export, so whether it routes ${address} to a transit gateway cannot be told`;
      return {
        verdict: 'unknown',
        reason,
        rules: [],
        way: { kind: 'transit-gateway', transitGatewayId: null, path: null },
      };
    }
    const reason = `no route table of ${from.vpcId} is in the export, so the active peering ${way.peering.id} is taken to route ${address} (an active peering suffices when route tables are not exported)`;
    return { verdict: 'allow', reason, rules: [], way: direct };
  }
  if (lookup.kind === 'missing-main') {
    const reason = `${from.subnetId} has no explicit route table association and the main route table of ${from.vpcId} is not in the export`;
    return { verdict: 'unknown', reason, rules: [], way: direct };
  }
  const { table, routes } = lookup;
  const name = `${table.id} (the ${table.subnetIds.includes(from.subnetId) ? '' : 'main '}route table of ${from.subnetId})`;
  const { best, doubtful } = longestMatch(index, routes, to.address);
  const unsure = doubtful.filter((route) => route.route.targetId !== best?.route.targetId);
  if (unsure.length > 0) {
    const lists = listInEnglish(unsure.map((route) => route.route.destination));
    const reason = `${name} has routes to ${lists}, whose entries are not in the export: one may be the most specific route for ${address}`;
    return {
      verdict: 'unknown',
      reason,
      rules: [...(best ? [best] : []), ...unsure].map((route) => routeReference(table, route)),
      way: direct,
    };
  }
  if (best === undefined) {
    return { verdict: 'deny', reason: `${name} has no route to ${address}`, rules: [], way: direct };
  }
  const judged = judge(index, best, way, from, to);
  const { destination, targetId } = best.route;
  const reason = `${name} routes ${address} by ${destination} via ${targetId || 'an unnamed target'}: ${judged.why}`;
  return {
    verdict: judged.verdict,
    reason,
    rules: [routeReference(table, best), ...judged.rules],
    way: judged.way,
  };
}

/** The route a subnet's table takes toward an address outside the VPC, or why that cannot be told. */
export type RouteOut =
  | {
      readonly kind: 'route';
      readonly table: RouteTable;
      readonly route: IndexedRoute;
      readonly name: string;
    }
  | {
      readonly kind: 'none';
      readonly verdict: 'deny' | 'unknown';
      readonly reason: string;
      readonly rules: readonly DecidingRule[];
    };

/** `addressName` says whose address it is in the reasons: "the client's address", "8.8.8.8". */
export function routeOut(
  index: EstateIndex,
  end: Pick<FlowEnd, 'subnetId' | 'vpcId'>,
  address: IpAddress,
  addressName: string,
): RouteOut {
  const lookup = index.routeTableOf(end.subnetId, end.vpcId);
  if (lookup.kind !== 'table') {
    const reason = `the route table of ${end.subnetId} is not in the export, so where it sends ${addressName} cannot be told`;
    return { kind: 'none', verdict: 'unknown', reason, rules: [] };
  }
  const { table, routes } = lookup;
  const { best, doubtful } = longestMatch(index, routes, address);
  const name = `${table.id} (route table of ${end.subnetId})`;
  const unsure = doubtful.filter((route) => route.route.targetId !== best?.route.targetId);
  if (unsure.length > 0) {
    const lists = listInEnglish(unsure.map(({ route }) => `${route.destination} via ${route.targetId}`));
    const reason = `${name} routes ${lists}, a prefix list whose entries are not in the export, so ${addressName} may take that route instead (aws ec2 describe-prefix-lists prints the entries of AWS service lists)`;
    return {
      kind: 'none',
      verdict: 'unknown',
      reason,
      rules: unsure.map((route) => routeReference(table, route)),
    };
  }
  if (best === undefined) {
    return { kind: 'none', verdict: 'deny', reason: `${name} has no route to ${addressName}`, rules: [] };
  }
  return { kind: 'route', table, route: best, name };
}

interface Judged {
  readonly verdict: LayerOutcome;
  readonly why: string;
  readonly rules: readonly DecidingRule[];
  readonly way: LegWay;
}

function judge(index: EstateIndex, { route }: IndexedRoute, way: Way, from: FlowEnd, to: FlowEnd): Judged {
  const plain = (verdict: LayerOutcome, why: string): Judged => ({ verdict, why, rules: [], way: direct });
  if (route.state !== 'active')
    return plain('deny', `the route is ${route.state}, so traffic to it is dropped`);
  if (way.kind === 'local') {
    return route.targetKind === 'local'
      ? plain('allow', 'the local route of the VPC')
      : plain(
          'unknown',
          `a route more specific than the local one sends it through ${route.targetId}, whose forwarding is not in the export`,
        );
  }
  const { peering } = way;
  if (route.targetKind === 'local') {
    return plain('deny', `the address is inside ${from.vpcId}'s own range, so it never leaves the VPC`);
  }
  if (route.targetKind === 'internet-gateway' && index.isGlobalIpv6(to.address)) {
    // Only a leg the connection does not start gets here (the request over the internet is followed
    // by publicAddressFlows): its packets would take another way than the request's.
    return plain(
      'unknown',
      `${to.resolved.address} is a global IPv6 address, so this takes it over the internet to ${to.vpcId}, not the way between the two VPCs; whether it gets there that way is not followed`,
    );
  }
  if (route.targetKind === 'transit-gateway') {
    const crossed = crossTransitGateway(index, from, to, route.targetId);
    return {
      ...crossed,
      way: { kind: 'transit-gateway', transitGatewayId: route.targetId, path: crossed.path },
    };
  }
  if (peering === null) {
    if (route.state === 'active' && isPrivateGateway(route))
      return plain(
        'unknown',
        `${route.targetId} leads to a VPN, Direct Connect or Cloud WAN network, and whether that network routes it on into ${to.vpcId} is not in the export`,
      );
    return plain(
      'deny',
      `no active peering connects ${from.vpcId} and ${to.vpcId}, and without one private addresses leave a VPC only through a transit gateway (or a VPN, Direct Connect or Cloud WAN network)`,
    );
  }
  if (route.targetKind === 'vpc-peering') {
    return route.targetId === peering.id
      ? plain('allow', `the active peering between ${peering.requesterVpcId} and ${peering.accepterVpcId}`)
      : plain('deny', `a different peering than ${peering.id}, the one between the two VPCs`);
  }
  if (route.targetKind === 'internet-gateway') {
    return plain('deny', 'an internet gateway does not carry traffic to private addresses');
  }
  return plain('unknown', `where ${route.targetId || 'that target'} forwards it is not in the export`);
}
