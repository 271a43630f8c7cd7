import type { EstateIndex, IndexedRule } from '../analysis/estateIndex';
import { listInEnglish } from '../analysis/explain';
import { referencingAcross } from '../analysis/groupReferences';

/** A rule naming a group of another VPC that it can never reach, and why. */
export interface StaleReference {
  readonly groupId: string;
  readonly vpcId: string;
  /** The transit gateways that join the two VPCs and let no such rule match. */
  readonly gatewayIds: readonly string[];
  readonly why: string;
  readonly fix: string;
}

/**
 * A rule naming a group of a VPC joined to its own only by transit gateways, where AWS lets no such
 * rule match: outbound rules never, inbound ones not where referencing is disabled (docs/semantics/aws.md,
 * "Group references across a transit gateway"). AWS keeps these rules and calls them stale. Only what
 * the export shows counts: a setting it does not print, or VPCs it shows no way between, say nothing.
 */
export function staleReference(index: EstateIndex, { rule, peer }: IndexedRule): StaleReference | null {
  if (peer.kind !== 'group') return null;
  const own = index.group(rule.groupId)?.vpcId;
  const named = index.group(peer.groupId)?.vpcId;
  if (!own || !named || own === named) return null;
  if (index.peerings(own, named).some((peering) => peering.status === 'active')) return null;
  const gateways = index.sharedTransitGateways(own, named);
  if (gateways.length === 0) return null;
  const through = listInEnglish(gateways);
  const base = { groupId: peer.groupId, vpcId: named, gatewayIds: gateways };
  if (rule.direction === 'egress') {
    return {
      ...base,
      why: `no active peering joins ${own} and ${named}, only ${through}, and outbound rules do not match groups across a transit gateway`,
      fix: `name ${named}'s addresses instead`,
    };
  }
  if (!gateways.every((gateway) => referencingAcross(index, gateway, [own, named]) === 'off')) return null;
  return {
    ...base,
    why: `no active peering joins ${own} and ${named}, only ${through}, where security group referencing is disabled`,
    fix: `enable security group referencing on ${through} and on its attachments of ${own} and ${named}, or name ${named}'s addresses instead`,
  };
}
