import type { Estate } from '../domain/estate';
import { type Cidr, formatIp, isInternetAddress, parseCidr, parseIp } from '../domain/ip';
import { publicAddresses } from '../domain/publicAddresses';
import { EndpointError } from './errors';
import type { EstateIndex } from './estateIndex';
import { internetRepresentatives } from './internetFlows';
import type { FlowQuery, FlowVerdict } from './verdict';

/**
 * A flow with a CIDR at one end, as RangeOutcome says: one address per part of it that `cuts` leave
 * alike, each checked by `check`. Null when neither end is a CIDR.
 */
export function checkRange(
  flow: FlowQuery,
  cuts: () => readonly Cidr[],
  index: EstateIndex,
  check: (flow: FlowQuery) => FlowVerdict,
): FlowVerdict | null {
  const sourceRange = rangeEnd(flow.source);
  const destinationRange = rangeEnd(flow.destination);
  if (sourceRange === null && destinationRange === null) return null;
  if (sourceRange !== null && destinationRange !== null) {
    throw new EndpointError(
      `${flow.source} and ${flow.destination} are both CIDRs: one end must be in the snapshot`,
    );
  }
  const end = sourceRange === null ? 'destination' : 'source';
  const written = flow[end].trim();
  const addresses = internetRepresentatives(
    (sourceRange ?? destinationRange) as Cidr,
    cuts(),
    (address) => index.holders(address).length > 0,
  );
  if (addresses.length === 0) {
    throw new EndpointError(
      `${written} holds no address on the internet: a CIDR stands for clients or servers there (name a workload by its ENI, instance or address)`,
    );
  }
  let chosen: FlowVerdict | undefined;
  let allowed = 0;
  let unknown = 0;
  for (const address of addresses) {
    const verdict = check({ ...flow, [end]: formatIp(address) });
    if (verdict.allowed === true) allowed++;
    if (verdict.allowed === 'unknown') unknown++;
    if (chosen === undefined || rank(verdict) > rank(chosen)) chosen = verdict;
  }
  const picked = chosen as FlowVerdict;
  return {
    ...picked,
    [end]: { ...picked[end], input: written },
    range: { end, cidr: written, addresses: addresses.length, allowed, unknown },
  };
}

/** An end written as a CIDR, refused when its address is one but the rest is no prefix length. */
function rangeEnd(written: string): Cidr | null {
  // Every check passes here: most ends have no slash, and `namespace/pod` has no address before it.
  const slash = written.indexOf('/');
  const ip = slash === -1 ? null : parseIp(written.slice(0, slash).trim());
  if (ip === null) return null;
  const text = written.trim();
  const cidr = parseCidr(text);
  if (cidr === null) {
    throw new EndpointError(
      `${text} is not a CIDR: an IPv${ip.family} prefix length is a number from 0 to ${ip.family === 4 ? 32 : 128}`,
    );
  }
  return cidr;
}

/** Which verdict of a range's addresses speaks for the range: anything that gets through first. */
const rank = ({ allowed }: FlowVerdict): number => (allowed === true ? 2 : allowed === 'unknown' ? 1 : 0);

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
    ...workload.ipv6Addresses,
    ...publicAddresses(workload).map((pair) => pair.publicIp),
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
