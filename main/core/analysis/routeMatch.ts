import type { Cidr, IpAddress } from '../domain/ip';
import { cidrContains } from '../domain/ip';
import type { EstateIndex, IndexedRoute } from './estateIndex';

type Destination = { readonly cidr: Cidr } | { readonly prefixListId: string };

/**
 * The route whose destination holds the address with the highest rank, given the length of the
 * prefix that holds it; and the routes to a prefix list whose entries are not exported, which might
 * hold it too: doubtful rather than guessed.
 */
export function rankedMatch<R extends { readonly destination: Destination }>(
  index: EstateIndex,
  routes: readonly R[],
  address: IpAddress,
  rank: (route: R, prefixLength: number) => number,
): { best: R | undefined; doubtful: R[] } {
  let best: R | undefined;
  let bestRank = -1;
  const doubtful: R[] = [];
  for (const route of routes) {
    const { destination } = route;
    let length = -1;
    if ('cidr' in destination) {
      if (cidrContains(destination.cidr, address)) length = destination.cidr.prefixLength;
    } else {
      const match = index.prefixListMatch(destination.prefixListId, address);
      if (typeof match === 'string') doubtful.push(route);
      else if (match.length > 0) length = Math.max(...match.map((cidr) => cidr.prefixLength));
    }
    const ranked = length < 0 ? -1 : rank(route, length);
    if (ranked > bestRank) {
      best = route;
      bestRank = ranked;
    }
  }
  return { best, doubtful };
}

/**
 * Longest prefix wins; at equal length a static CIDR route, then a prefix-list route, then a route a
 * virtual private gateway propagated ("How route priority works" in the VPC guide).
 */
export function longestMatch(
  index: EstateIndex,
  routes: readonly IndexedRoute[],
  address: IpAddress,
): { best: IndexedRoute | undefined; doubtful: IndexedRoute[] } {
  return rankedMatch(
    index,
    routes,
    address,
    (route, length) => length * 3 + (route.route.propagated ? 0 : 'cidr' in route.destination ? 2 : 1),
  );
}
