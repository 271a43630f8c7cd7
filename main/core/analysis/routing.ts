import type { PeeringConnection, RouteTable } from '../domain/estate';
import { cidrContains, type IpAddress } from '../domain/ip';
import type { FlowEnd } from './endpoints';
import type { EstateIndex, IndexedRoute } from './estateIndex';
import { listInEnglish, routeReference } from './explain';
import {
  allMustPass,
  type DecidingRule,
  distinctRules,
  type LayerOutcome,
  type LayerVerdict,
} from './verdict';

/** Where the flow must be routed: within the VPC, or over the one active peering between the two VPCs. */
type Way = { readonly kind: 'local' } | { readonly kind: 'peering'; readonly peering: PeeringConnection };

interface Leg {
  readonly verdict: LayerOutcome;
  readonly reason: string;
  readonly rules: readonly DecidingRule[];
}

/**
 * Private addresses stay inside their VPC unless an active peering connects the two VPCs and both
 * sides route the other's address over it: the source subnet's table toward the destination, the
 * destination subnet's table back to the source (replies need a route too).
 */
export function routeLayer(index: EstateIndex, source: FlowEnd, destination: FlowEnd): LayerVerdict {
  const layer = 'route';
  const way = wayBetween(index, source.vpcId, destination.vpcId);
  if (way === null) {
    const others = index
      .peerings(source.vpcId, destination.vpcId)
      .map((peering) => `${peering.id} is ${peering.status}`);
    const note = others.length === 0 ? '' : ` (${listInEnglish(others)})`;
    const reason = `${source.vpcId} and ${destination.vpcId} are different VPCs with no active peering connection${note}, and private addresses do not leave a VPC otherwise`;
    return { layer, verdict: 'deny', reason, rules: [] };
  }
  const legs = [leg(index, source, destination, way), leg(index, destination, source, way)];
  const verdict = allMustPass(legs.map((one) => one.verdict));
  return {
    layer,
    verdict,
    // Both ends in one VPC without exported tables give the same sentence twice.
    reason: [...new Set(legs.map((one) => one.reason))].join('; '),
    rules: distinctRules(legs.flatMap((one) => one.rules)),
  };
}

function wayBetween(index: EstateIndex, from: string, to: string): Way | null {
  if (from === to) return { kind: 'local' };
  const peering = index.peerings(from, to).find((candidate) => candidate.status === 'active');
  return peering === undefined ? null : { kind: 'peering', peering };
}

/** How `from`'s subnet routes `to`'s address. */
function leg(index: EstateIndex, from: FlowEnd, to: FlowEnd, way: Way): Leg {
  const lookup = index.routeTableOf(from.subnetId, from.vpcId);
  const address = to.resolved.address;
  if (lookup.kind === 'not-exported') {
    const reason =
      way.kind === 'local'
        ? `no route table of ${from.vpcId} is in the export, and the local route every route table has carries traffic within the VPC`
        : `no route table of ${from.vpcId} is in the export, so the active peering ${way.peering.id} is taken to route ${address} (an active peering suffices when route tables are not exported)`;
    return { verdict: 'allow', reason, rules: [] };
  }
  if (lookup.kind === 'missing-main') {
    const reason = `${from.subnetId} has no explicit route table association and the main route table of ${from.vpcId} is not in the export`;
    return { verdict: 'unknown', reason, rules: [] };
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
    };
  }
  if (best === undefined) return { verdict: 'deny', reason: `${name} has no route to ${address}`, rules: [] };
  const { verdict, why } = judge(best, way, from.vpcId);
  const { destination, targetId } = best.route;
  const reason = `${name} routes ${address} by ${destination} via ${targetId || 'an unnamed target'}: ${why}`;
  return { verdict, reason, rules: [routeReference(table, best)] };
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
  end: FlowEnd,
  address: IpAddress,
  addressName: string,
): RouteOut {
  const lookup = index.routeTableOf(end.subnetId, end.vpcId);
  if (lookup.kind !== 'table') {
    const reason = `the route table of ${end.subnetId} is not in the export, so whether it routes to an internet gateway cannot be told`;
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

/**
 * Longest prefix wins ("Route priority" in the VPC guide); at equal length a CIDR route wins over a
 * prefix-list route. Routes to a prefix list whose entries are not exported might cover the address:
 * they are returned as doubtful rather than guessed.
 */
export function longestMatch(
  index: EstateIndex,
  routes: readonly IndexedRoute[],
  address: IpAddress,
): { best: IndexedRoute | undefined; doubtful: IndexedRoute[] } {
  let best: IndexedRoute | undefined;
  let bestRank = -1;
  const doubtful: IndexedRoute[] = [];
  for (const route of routes) {
    const { destination } = route;
    // Twice the prefix length, plus one for a CIDR route: at equal length it beats a prefix-list route.
    let rank = -1;
    if ('cidr' in destination) {
      if (cidrContains(destination.cidr, address)) rank = destination.cidr.prefixLength * 2 + 1;
    } else {
      const match = index.prefixListMatch(destination.prefixListId, address);
      if (typeof match === 'string') doubtful.push(route);
      else if (match.length > 0) rank = Math.max(...match.map((cidr) => cidr.prefixLength)) * 2;
    }
    if (rank > bestRank) {
      best = route;
      bestRank = rank;
    }
  }
  return { best, doubtful };
}

function judge({ route }: IndexedRoute, way: Way, vpcId: string): { verdict: LayerOutcome; why: string } {
  if (route.state !== 'active') {
    return { verdict: 'deny', why: `the route is ${route.state}, so traffic to it is dropped` };
  }
  if (way.kind === 'local') {
    return route.targetKind === 'local'
      ? { verdict: 'allow', why: 'the local route of the VPC' }
      : {
          verdict: 'unknown',
          why: `a route more specific than the local one sends it through ${route.targetId}, whose forwarding is not in the export`,
        };
  }
  const { peering } = way;
  if (route.targetKind === 'vpc-peering') {
    return route.targetId === peering.id
      ? {
          verdict: 'allow',
          why: `the active peering between ${peering.requesterVpcId} and ${peering.accepterVpcId}`,
        }
      : { verdict: 'deny', why: `a different peering than ${peering.id}, the one between the two VPCs` };
  }
  if (route.targetKind === 'local') {
    return { verdict: 'deny', why: `the address is inside ${vpcId}'s own range, so it never leaves the VPC` };
  }
  if (route.targetKind === 'internet-gateway') {
    return { verdict: 'deny', why: 'an internet gateway does not carry traffic to private addresses' };
  }
  return {
    verdict: 'unknown',
    why: `where ${route.targetId || 'that target'} forwards it is not in the export`,
  };
}
