import type { IpAddress } from '../domain/ip';
import { cidrContains } from '../domain/ip';
import type { EstateIndex, IndexedRoute } from './estateIndex';

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
