import type { IndexedRule } from '../analysis/estateIndex';
import { describePeer } from '../analysis/explain';
import { referencingAcross } from '../analysis/groupReferences';
import { describeSelector } from '../analysis/protocol';
import { tagValue } from '../applications/tagKeys';
import type { RuleDirection } from '../domain/estate';
import type { FindingContext } from './context';
import type { FindingObject } from './types';

/** `sg-0a1 (web) ingress tcp 8080 from sg-0b2`: what the console shows for one rule. */
export function ruleText(ctx: FindingContext, indexed: IndexedRule): string {
  const { rule, selector } = indexed;
  const toward = rule.direction === 'ingress' ? 'from' : 'to';
  const peer = describePeer(indexed);
  const named = peer.startsWith('sg-') ? ctx.groupLabel(peer) : peer;
  return `${ctx.groupLabel(rule.groupId)} ${rule.direction} ${describeSelector(selector)} ${toward} ${named}`;
}

/**
 * The group to name as a service's peer in a suggested rule: one every workload of the service
 * carries, preferring one no other app's workloads carry (so the rule admits nobody else), then the
 * one with fewest members. null when the workloads share no group.
 */
export function preferredGroup(ctx: FindingContext, workloadIds: readonly string[]): string | null {
  const [first, ...rest] = workloadIds.map((id) => ctx.workloads.get(id)?.groupIds ?? []);
  if (first === undefined) return null;
  const common = first.filter((groupId) => rest.every((groups) => groups.includes(groupId)));
  const app = ctx.serviceOf.get(workloadIds[0] ?? '')?.app;
  const foreignApps = (groupId: string) => ctx.appsInSegment(groupId).filter((name) => name !== app).length;
  const size = (groupId: string) => ctx.members.get(groupId)?.length ?? 0;
  const [best] = [...common].sort(
    (a, b) => foreignApps(a) - foreignApps(b) || size(a) - size(b) || a.localeCompare(b),
  );
  return best ?? null;
}

/**
 * The peer a suggested `direction` rule on the group of `own` names to let `peers` through: the group
 * they all carry (`preferredGroup`) where a rule naming it surely matches them from every VPC of `own`,
 * else each peer's host: a workload's primary private IPv4 /32, an internet address's /32 or /128.
 * Across a transit gateway AWS matches a named group only in inbound rules, and only while the
 * transit gateway and both attachments enable security group referencing (docs/semantics/aws.md,
 * "Group references across a transit gateway"); a rule naming the group there would match nothing.
 */
export function peerText(
  ctx: FindingContext,
  own: readonly string[],
  peers: readonly string[],
  direction: RuleDirection,
): string {
  const group = preferredGroup(ctx, peers);
  const vpcsOf = (ids: readonly string[]) => [
    ...new Set(ids.flatMap((id) => ctx.workloads.get(id)?.vpcId ?? [])),
  ];
  const ownVpcs = vpcsOf(own);
  const peerVpcs = vpcsOf(peers);
  if (group && ownVpcs.every((vpc) => peerVpcs.every((peer) => groupMatches(ctx, vpc, peer, direction))))
    return ctx.groupLabel(group);
  const hosts = peers.flatMap((id) => {
    const workload = ctx.workloads.get(id);
    return workload ? workload.privateIps.slice(0, 1) : [id];
  });
  return hosts.map(hostCidr).join(', ');
}

/** An address as a rule or entry names the one host. */
export const hostCidr = (address: string): string => `${address}/${address.includes(':') ? 128 : 32}`;

/**
 * Whether a rule of a group in `vpcId` naming a group of `peerVpcId` matches its members whichever way
 * the traffic takes: within a VPC, over a peering when no transit gateway joins them too, and through
 * transit gateways only inbound with referencing surely on for each of them.
 */
function groupMatches(
  ctx: FindingContext,
  vpcId: string,
  peerVpcId: string,
  direction: RuleDirection,
): boolean {
  if (vpcId === peerVpcId) return true;
  const { index } = ctx.engine;
  const gateways = index.sharedTransitGateways(vpcId, peerVpcId);
  if (gateways.length === 0)
    return index.peerings(vpcId, peerVpcId).some((peering) => peering.status === 'active');
  return (
    direction === 'ingress' &&
    gateways.every((gateway) => referencingAcross(index, gateway, [vpcId, peerVpcId]) === 'on')
  );
}

/** The owners of the app a service belongs to. */
export function appOwners(ctx: FindingContext, serviceName: string): readonly string[] {
  const app = ctx.services.get(serviceName)?.app;
  return ctx.applications.apps.find((node) => node.name === app)?.owners ?? [];
}

/** A network ACL's owner tag (the workspace's owner keys), like `segmentOwner` for groups. */
export function aclOwner(ctx: FindingContext, aclId: string): string | null {
  const acl = ctx.estate.networkAcls.find((one) => one.id === aclId);
  return acl ? tagValue(acl.tags, ctx.tagKeys.owner) : null;
}

export function groupObject(ctx: FindingContext, groupId: string): FindingObject {
  return { type: 'security-group', id: groupId, label: ctx.groupLabel(groupId) };
}

export function workloadObject(ctx: FindingContext, workloadId: string): FindingObject {
  const name = ctx.workloads.get(workloadId)?.tags.Name;
  return { type: 'workload', id: workloadId, label: name ? `${workloadId} (${name})` : workloadId };
}

export function serviceObjects(ctx: FindingContext, serviceNames: readonly string[]): FindingObject[] {
  const services = [...new Set(serviceNames)];
  const apps = [...new Set(services.map((name) => ctx.services.get(name)?.app ?? name))];
  return [
    ...services.map((id): FindingObject => ({ type: 'service', id, label: id })),
    ...apps.map((id): FindingObject => ({ type: 'app', id, label: id })),
  ];
}

/** Sorted, without blanks and repeats. */
export function ownerList(owners: Iterable<string | null | undefined>): string[] {
  return [...new Set([...owners].filter((owner): owner is string => !!owner))].sort();
}
