import { PrefixOwners } from '../domain/delegatedPrefixes';
import type { Workload } from '../domain/estate';
import { type Cidr, cidrKey, parseCidr, parseIp } from '../domain/ip';
import { AddressSet } from '../flowlogs/index';

/** A service's name, or null for a workload of none (unassigned, contested, a transit gateway's). */
export type Owner = string | null;

/** A VPC's id; null for pods whose address no ENI holds (an overlay network's). */
type Vpc = string | null;

export interface Holder {
  /** The ENI's id, or a pod's `namespace/name`. */
  readonly id: string;
  readonly kind: string;
  /** Null for a pod. */
  readonly vpcId: string | null;
  readonly addresses: readonly string[];
  readonly prefixes: readonly Cidr[];
}

/** Who holds an address in one VPC. */
export interface Held {
  readonly owner: Owner;
  /** The ENI holding the address (for a pod, its node's), or null for a pod no ENI holds. */
  readonly eni: string | null;
  /**
   * An interface that only passes other workloads' traffic (a transit or NAT gateway's): its address
   * in a conversation stands for some workload behind it, never for a client of its own.
   */
  readonly relays: boolean;
}

/** The kinds of ENI that only pass other workloads' traffic (domain/workloadKind.ts tells them by InterfaceType). */
const relayKinds: ReadonlySet<string> = new Set(['transit-gateway', 'nat-gateway']);

interface Delegation {
  readonly cidr: Cidr;
  readonly owners: Map<Vpc, Held>;
}

/**
 * Who holds each address, per VPC. VPCs of different accounts often use the same ranges, and since
 * such VPCs cannot be peered nothing stops a workload in each from having the same address: the
 * address alone does not say whose it is, the VPC it was seen in does (docs/flow-logs.md).
 */
export class AddressOwners {
  private readonly exact = new Map<string, Map<Vpc, Held>>();
  private readonly delegated = new PrefixOwners<Delegation>();
  private readonly delegations = new Map<string, Delegation>();

  /**
   * A holder's addresses and prefixes, in its VPC. A pod (no VPC) holds its address in the VPCs of the
   * ENIs holding it (the VPC CNI gives pods their node's secondary addresses or prefixes), over them:
   * it is the more precise holder. Pods come after every ENI.
   */
  hold(holder: Holder, owner: Owner): void {
    const { vpcId, addresses, prefixes } = holder;
    const relays = relayKinds.has(holder.kind);
    for (const address of addresses) {
      const held = this.holders(address);
      const vpcs = vpcId !== null ? [vpcId] : [...(held?.keys() ?? [null])];
      for (const vpc of vpcs) {
        const eni = vpcId !== null ? holder.id : (held?.get(vpc)?.eni ?? null);
        this.holdIn(vpc, address, { owner, eni, relays });
      }
    }
    for (const cidr of prefixes) this.delegate(vpcId, cidr, { owner, eni: holder.id, relays });
  }

  /**
   * The owner of an address seen from a VPC (undefined when none is known): that VPC's holder first,
   * else the address's holder elsewhere if all its holders agree. Undefined also when nobody holds it,
   * or holders in several VPCs disagree and the VPC does not decide: guessing would draw a dependency
   * between services that may never have talked.
   */
  ownerOf(address: string, vpc: string | undefined): Owner | undefined {
    const holders = this.holders(address);
    if (holders === undefined) return undefined;
    if (vpc !== undefined && holders.has(vpc)) return holders.get(vpc)?.owner;
    let owner: Owner | undefined;
    for (const held of holders.values()) {
      if (owner === undefined) owner = held.owner;
      else if (held.owner !== owner) return undefined;
    }
    return owner;
  }

  /**
   * Whether holders in several VPCs give the address to different services (or to a service and to a
   * workload of none) and the VPC does not decide: the case `ownerOf` leaves undefined rather than guess.
   */
  isContested(address: string, vpc: string | undefined): boolean {
    const holders = this.holders(address);
    if (holders === undefined || (vpc !== undefined && holders.has(vpc))) return false;
    return new Set([...holders.values()].map((held) => held.owner)).size > 1;
  }

  /**
   * Who holds an address seen from a VPC: that VPC's holder, else its only holder. Undefined when
   * nobody holds it, or holders in several VPCs do and the VPC does not say which is meant (even when
   * they agree on the service, they are several ENIs).
   */
  holderOf(address: string, vpc: string | undefined): Held | undefined {
    const holders = this.holders(address);
    if (holders === undefined) return undefined;
    if (vpc !== undefined && holders.has(vpc)) return holders.get(vpc);
    return holders.size === 1 ? holders.values().next().value : undefined;
  }

  /** Whether ENIs (or pods) of more than one VPC hold the address. */
  isHeldInSeveralVpcs(address: string): boolean {
    return (this.holders(address)?.size ?? 0) > 1;
  }

  /** Addresses and prefixes held in more than one VPC: the flow-log reader keeps their records' interface. */
  ambiguous(): AddressSet {
    const addresses = [...this.exact.keys()].filter((address) => this.isHeldInSeveralVpcs(address));
    const prefixes = [...this.delegations.values()].filter((d) => d.owners.size > 1).map((d) => d.cidr);
    return new AddressSet(addresses, prefixes);
  }

  private holdIn(vpc: Vpc, address: string, held: Held): void {
    const owners = this.exact.get(address) ?? new Map<Vpc, Held>();
    this.exact.set(address, owners.set(vpc, held));
  }

  private delegate(vpc: Vpc, cidr: Cidr, held: Held): void {
    const key = cidrKey(cidr);
    let delegation = this.delegations.get(key);
    if (delegation === undefined) {
      delegation = { cidr, owners: new Map() };
      this.delegations.set(key, delegation);
      this.delegated.add(cidr, delegation);
    }
    delegation.owners.set(vpc, held);
  }

  /** Per VPC, the workload listing the address itself, or else the one it lies in a prefix of. */
  private holders(address: string): ReadonlyMap<Vpc, Held> | undefined {
    const listed = this.exact.get(address);
    if (this.delegated.isEmpty) return listed;
    const ip = parseIp(address);
    const delegation = ip === null ? undefined : this.delegated.ownerOf(ip);
    if (delegation === undefined) return listed;
    return listed === undefined ? delegation.owners : new Map([...delegation.owners, ...listed]);
  }
}

/** The addresses an ENI holds: its own, and every one in a prefix delegated to it. */
export function heldBy(workload: Workload): Holder {
  return {
    id: workload.id,
    kind: workload.kind,
    vpcId: workload.vpcId,
    addresses: [...workload.privateIps, ...workload.ipv6Addresses],
    prefixes: (workload.prefixes ?? []).flatMap((text) => parseCidr(text) ?? []),
  };
}

/** The addresses ENIs of several VPCs hold, whose flow-log records must keep the interface they were logged on. */
export function ambiguousAddresses(workloads: readonly Workload[]): AddressSet {
  const owners = new AddressOwners();
  for (const workload of workloads) owners.hold(heldBy(workload), null);
  return owners.ambiguous();
}
