import { AddressIndex } from '../analysis/addressIndex';
import type { IndexedRule } from '../analysis/estateIndex';
import { referencingAcross } from '../analysis/groupReferences';
import { PrefixOwners } from '../domain/delegatedPrefixes';
import type { RuleDirection, Workload } from '../domain/estate';
import { type Cidr, type IpAddress, parseCidr, parseIp } from '../domain/ip';
import type { FindingContext } from './context';

/**
 * What one security group rule opens, measured on the snapshot's own workloads: the workloads on the
 * rule's side (the group's members) and those its peer admits, as far as routing lets them meet.
 */
export interface RuleReach {
  readonly own: readonly Workload[];
  readonly peers: readonly Workload[];
  /** Ordered pairs of different workloads the rule opens (own × peers, minus a workload with itself). */
  readonly workloadPairs: number;
  /** tcp/udp ports the rule opens (all traffic: both port spaces); 1 for other protocols. */
  readonly ports: number;
}

/** A peer that is the whole internet (0.0.0.0/0 or ::/0), or a prefix list holding it. */
export function isInternetWide(ctx: FindingContext, indexed: IndexedRule): boolean {
  return (peerCidrs(ctx, indexed) ?? []).some((cidr) => cidr.prefixLength === 0);
}

/**
 * The address ranges a rule's peer names: its CIDR, or its prefix list's entries (a rule naming a
 * list "matches any address in any of its entries", docs/semantics/aws.md). null for a group, and for
 * a list whose entries the export does not hold.
 */
export function peerCidrs(ctx: FindingContext, { peer }: IndexedRule): readonly Cidr[] | null {
  if (peer.kind === 'cidr') return [peer.cidr];
  if (peer.kind === 'group') return null;
  const entries = ctx.estate.prefixLists.find((list) => list.id === peer.prefixListId)?.entries ?? null;
  return entries?.flatMap((entry) => parseCidr(entry) ?? []) ?? null;
}

export function ruleReach(ctx: FindingContext, indexed: IndexedRule): RuleReach {
  const own = ofFamilies(ctx, indexed, ctx.members.get(indexed.rule.groupId) ?? []);
  const peers = reachablePeers(ctx, indexed, own);
  // Counted over the group's members, not over the peers: a wide CIDR names thousands.
  const both = own.filter((workload) => peers.ids.has(workload.id)).length;
  return {
    own,
    peers: peers.workloads,
    workloadPairs: own.length * peers.workloads.length - both,
    ports: portCount(indexed),
  };
}

/**
 * The members that have an address of a family the rule's ranges name: a rule naming ::/0 opens
 * nothing on a member without IPv6, whose peers could not address it. A group peer names members
 * of either family; a list without exported entries, none we can tell.
 */
function ofFamilies(
  ctx: FindingContext,
  indexed: IndexedRule,
  members: readonly Workload[],
): readonly Workload[] {
  const cidrs = peerCidrs(ctx, indexed);
  if (cidrs === null) return members;
  const families = new Set(cidrs.map((cidr) => cidr.family));
  const hasFamily = (text: string) => families.has(text.includes(':') ? 6 : 4);
  return members.filter((workload) =>
    [...workload.privateIps, ...workload.ipv6Addresses, ...(workload.prefixes ?? [])].some(hasFamily),
  );
}

interface Peers {
  readonly workloads: readonly Workload[];
  readonly ids: ReadonlySet<string>;
}

const reachableCache = new WeakMap<FindingContext, Map<string, Peers>>();

/**
 * The peer's workloads that the group's members can route to. Many rules name the same peer from
 * groups in the same VPCs: each such pair is filtered once, not once per rule.
 */
function reachablePeers(ctx: FindingContext, indexed: IndexedRule, own: readonly Workload[]): Peers {
  const vpcs = [...new Set(own.map((workload) => workload.vpcId))].sort();
  const key = `${peerKey(indexed)}\t${indexed.rule.direction}\t${vpcs.join(',')}`;
  const known = cacheFor(reachableCache, ctx);
  let peers = known.get(key);
  if (!peers) {
    const byGroup = indexed.peer.kind === 'group' ? indexed.rule.direction : null;
    const workloads = peerWorkloads(ctx, indexed).filter((peer) =>
      vpcs.some((vpc) => routable(ctx, vpc, peer, byGroup)),
    );
    peers = { workloads, ids: new Set(workloads.map((workload) => workload.id)) };
    known.set(key, peers);
  }
  return peers;
}

function peerKey({ peer }: IndexedRule): string {
  if (peer.kind === 'group') return `group ${peer.groupId}`;
  return peer.kind === 'cidr' ? `cidr ${peer.cidr.text}` : `prefix-list ${peer.prefixListId}`;
}

/** The snapshot's workloads the rule's peer names: a group's members, or addresses inside a CIDR or prefix list. */
function peerWorkloads(ctx: FindingContext, indexed: IndexedRule): readonly Workload[] {
  const { peer } = indexed;
  if (peer.kind === 'group') return ctx.members.get(peer.groupId) ?? [];
  // Many rules name the same CIDR or prefix list: each is matched against the workloads once.
  const key = peerKey(indexed);
  const known = cacheFor(peerCache, ctx);
  const cached = known.get(key);
  if (cached) return cached;
  const { index } = ctx.engine;
  const parsed = addressesOf(ctx);
  const found =
    peer.kind === 'cidr'
      ? ownersOverlapping(parsed, peer.cidr).map((at) => ctx.estate.workloads[at] as Workload)
      : parsed.workloads
          .filter(({ addresses }) =>
            addresses.some((address) => {
              const match = index.prefixListMatch(peer.prefixListId, address);
              return typeof match !== 'string' && match.length > 0;
            }),
          )
          .map(({ workload }) => workload);
  known.set(key, found);
  return found;
}

const peerCache = new WeakMap<FindingContext, Map<string, readonly Workload[]>>();
interface ParsedAddresses {
  readonly workloads: readonly { workload: Workload; addresses: IpAddress[] }[];
  /** Owners are positions in `ctx.estate.workloads`; a delegated prefix is there by its first address. */
  readonly index: AddressIndex;
  readonly prefixes: PrefixOwners<number>;
}

/**
 * Workloads with an address in the CIDR, or a delegated prefix overlapping it. Two CIDRs overlap only
 * by nesting: the CIDR holds the prefix's first address, or the prefix holds the CIDR's.
 */
function ownersOverlapping(parsed: ParsedAddresses, cidr: Cidr): number[] {
  const holder = parsed.prefixes.ownerOf({ family: cidr.family, value: cidr.network });
  const owners = parsed.index.ownersWithin(cidr);
  return holder === undefined || owners.includes(holder) ? owners : [...owners, holder].sort((a, b) => a - b);
}

const addressCache = new WeakMap<FindingContext, ParsedAddresses>();

/** A context's entry of a per-context cache, made on first use. */
function cacheFor<V>(caches: WeakMap<FindingContext, Map<string, V>>, ctx: FindingContext): Map<string, V> {
  let known = caches.get(ctx);
  if (!known) {
    known = new Map();
    caches.set(ctx, known);
  }
  return known;
}

/** Every workload's addresses, parsed and indexed once per context rather than once per rule. */
function addressesOf(ctx: FindingContext): ParsedAddresses {
  let parsed = addressCache.get(ctx);
  if (!parsed) {
    const workloads = ctx.estate.workloads.map((workload) => ({
      workload,
      addresses: [...workload.privateIps, ...workload.ipv6Addresses].flatMap((text) => parseIp(text) ?? []),
    }));
    const prefixes = new PrefixOwners<number>();
    const firstAddresses = ctx.estate.workloads.map((workload, at) =>
      (workload.prefixes ?? []).flatMap((text) => {
        const cidr = parseCidr(text);
        if (cidr === null) return [];
        prefixes.add(cidr, at);
        return [{ family: cidr.family, value: cidr.network }];
      }),
    );
    const index = new AddressIndex(workloads.length, (at) => [
      ...(workloads[at]?.addresses ?? []),
      ...(firstAddresses[at] ?? []),
    ]);
    parsed = { workloads, index, prefixes };
    addressCache.set(ctx, parsed);
  }
  return parsed;
}

/**
 * Private addresses meet inside one VPC, across an active peering, or through a transit gateway both
 * VPCs use. A rule naming a group (`byGroup`, its direction) reaches that group's members through a
 * transit gateway only inbound, and only where referencing is surely enabled (docs/semantics/aws.md).
 */
function routable(
  ctx: FindingContext,
  vpcId: string,
  peer: Workload,
  byGroup: RuleDirection | null,
): boolean {
  if (peer.vpcId === vpcId) return true;
  const { index } = ctx.engine;
  if (index.peerings(vpcId, peer.vpcId).some((peering) => peering.status === 'active')) return true;
  if (byGroup === 'egress') return false;
  return index
    .sharedTransitGateways(vpcId, peer.vpcId)
    .some((gateway) => byGroup === null || referencingAcross(index, gateway, [vpcId, peer.vpcId]) === 'on');
}

/** tcp and udp ports; a rule of another protocol opens one "port", all traffic both ports spaces. */
function portCount({ rule, selector }: IndexedRule): number {
  if (selector.ports) return selector.ports.to - selector.ports.from + 1;
  if (rule.protocol === '-1') return 2 * 65536;
  return rule.protocol === 'tcp' || rule.protocol === 'udp' ? 65536 : 1;
}
