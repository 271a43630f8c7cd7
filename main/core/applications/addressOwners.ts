import { PrefixOwners } from '../domain/delegatedPrefixes';
import type { Workload } from '../domain/estate';
import { type Cidr, cidrKey, parseCidr, parseIp } from '../domain/ip';
import { AddressSet } from '../flowlogs/index';

/** A service's name, or null for a workload of none (unassigned, contested, a transit gateway's). */
export type Owner = string | null;

/** A VPC's id; null for pods whose address no ENI holds (an overlay network's). */
type Vpc = string | null;

export interface Holder {
  /** Null for a pod. */
  readonly vpcId: string | null;
  readonly addresses: readonly string[];
  readonly prefixes: readonly Cidr[];
}

interface Delegation {
  readonly cidr: Cidr;
  readonly owners: Map<Vpc, Owner>;
}

/**
 * Who holds each address, per VPC. VPCs of different accounts often use the same ranges, and since
 * such VPCs cannot be peered nothing stops a workload in each from having the same address: the
 * address alone does not say whose it is, the VPC it was seen in does (docs/flow-logs.md).
 */
export class AddressOwners {
  private readonly exact = new Map<string, Map<Vpc, Owner>>();
  private readonly delegated = new PrefixOwners<Delegation>();
  private readonly delegations = new Map<string, Delegation>();

  /**
   * A holder's addresses and prefixes, in its VPC. A pod (no VPC) holds its address in the VPCs of the
   * ENIs holding it (the VPC CNI gives pods their node's secondary addresses or prefixes), over them:
   * it is the more precise holder. Pods come after every ENI.
   */
  hold(holder: Holder, owner: Owner): void {
    const { vpcId, addresses, prefixes } = holder;
    for (const address of addresses) {
      const vpcs = vpcId !== null ? [vpcId] : [...(this.holders(address)?.keys() ?? [null])];
      for (const vpc of vpcs) this.holdIn(vpc, address, owner);
    }
    for (const cidr of prefixes) this.delegate(vpcId, cidr, owner);
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
    if (vpc !== undefined && holders.has(vpc)) return holders.get(vpc);
    let owner: Owner | undefined;
    for (const held of holders.values()) {
      if (owner === undefined) owner = held;
      else if (held !== owner) return undefined;
    }
    return owner;
  }

  /** Addresses and prefixes held in more than one VPC: the flow-log reader keeps their records' interface. */
  ambiguous(): AddressSet {
    const addresses = [...this.exact.keys()].filter((address) => (this.holders(address)?.size ?? 0) > 1);
    const prefixes = [...this.delegations.values()].filter((d) => d.owners.size > 1).map((d) => d.cidr);
    return new AddressSet(addresses, prefixes);
  }

  private holdIn(vpc: Vpc, address: string, owner: Owner): void {
    const owners = this.exact.get(address) ?? new Map<Vpc, Owner>();
    this.exact.set(address, owners.set(vpc, owner));
  }

  private delegate(vpc: Vpc, cidr: Cidr, owner: Owner): void {
    const key = cidrKey(cidr);
    let delegation = this.delegations.get(key);
    if (delegation === undefined) {
      delegation = { cidr, owners: new Map() };
      this.delegations.set(key, delegation);
      this.delegated.add(cidr, delegation);
    }
    delegation.owners.set(vpc, owner);
  }

  /** Per VPC, the workload listing the address itself, or else the one it lies in a prefix of. */
  private holders(address: string): ReadonlyMap<Vpc, Owner> | undefined {
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
