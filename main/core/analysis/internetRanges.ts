import type { Estate } from '../domain/estate';
import { type Cidr, isInternetAddress, parseCidr, parseIp } from '../domain/ip';

/** An endpoint written as a CIDR (`198.51.100.0/24`, `::/0`); null for anything else. */
export function parseRangeEndpoint(written: string): Cidr | null {
  return parseCidr(written.trim());
}

/**
 * Every CIDR that can tell two internet addresses apart in a verdict: the rules', entries', routes' and
 * prefix lists' CIDRs, NetworkPolicy ipBlocks, and each address a workload holds (a public address is
 * followed back in to its workload; a workload's own address is not on the internet at all). Between
 * two consecutive boundaries of these, every address gets the same verdict.
 */
export function rangeCuts(estate: Estate): Cidr[] {
  const texts = new Set<string>();
  for (const { peer } of estate.securityGroupRules) {
    if (peer.kind === 'cidr4' || peer.kind === 'cidr6') texts.add(peer.cidr);
  }
  for (const entry of estate.networkAclEntries) texts.add(entry.cidr);
  for (const table of estate.routeTables) for (const route of table.routes) texts.add(route.destination);
  for (const list of estate.prefixLists) for (const entry of list.entries ?? []) texts.add(entry);
  for (const policy of estate.kubernetes?.networkPolicies ?? []) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind === 'ipBlock') for (const one of [peer.cidr, ...peer.except]) texts.add(one);
      }
    }
  }
  const cuts = [...texts].flatMap((text) => parseCidr(text) ?? []);
  const held = estate.workloads.flatMap((workload) => [
    ...workload.privateIps,
    ...workload.ipv6Addresses,
    ...(workload.publicIp === null ? [] : [workload.publicIp]),
  ]);
  for (const text of held) {
    // Private addresses are never a range's to check, and the private ranges' own ends already cut it.
    const address = parseIp(text);
    if (address !== null && isInternetAddress(address)) {
      cuts.push(parseCidr(`${text}/${address.family === 4 ? 32 : 128}`) as Cidr);
    }
  }
  return cuts;
}
