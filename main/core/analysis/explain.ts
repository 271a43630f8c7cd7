import type { NetworkAcl, RouteTable, Workload } from '../domain/estate';
import { isInternetAddress } from '../domain/ip';
import { publicAddresses } from '../domain/publicAddresses';
import type { FlowEnd } from './endpoints';
import type { EstateIndex, IndexedEntry, IndexedRoute, IndexedRule } from './estateIndex';
import type { DecidingRule } from './verdict';

/** `sg-0a1 (web)`: the id to search the console with, the name to recognise it by. */
export function describeGroup(index: EstateIndex, groupId: string): string {
  const name = index.group(groupId)?.name;
  return name === undefined ? groupId : `${groupId} (${name})`;
}

export function describePeer({ peer }: IndexedRule): string {
  if (peer.kind === 'cidr') return peer.cidr.text;
  return peer.kind === 'group' ? peer.groupId : peer.prefixListId;
}

export function ruleReference(indexed: IndexedRule): DecidingRule {
  const { rule } = indexed;
  return {
    kind: 'security-group-rule',
    groupId: rule.groupId,
    ruleKey: rule.key,
    direction: rule.direction,
    protocol: rule.protocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    peer: describePeer(indexed),
    source: rule.source,
  };
}

export function entryReference({ entry }: IndexedEntry): DecidingRule {
  return {
    kind: 'network-acl-entry',
    aclId: entry.aclId,
    ruleNumber: entry.ruleNumber,
    egress: entry.egress,
    action: entry.action,
    protocol: entry.protocol,
    cidr: entry.cidr,
    portRange: entry.portRange,
    source: entry.source,
  };
}

/** Routes carry no place of their own: the importer reads them in order from the table's Routes list. */
export function routeReference(table: RouteTable, { route, position }: IndexedRoute): DecidingRule {
  return {
    kind: 'route',
    routeTableId: table.id,
    destination: route.destination,
    target: route.targetId,
    source: { file: table.source.file, path: `${table.source.path}.Routes[${position}]` },
  };
}

/** Who has no public IPv4: the ENI, or its one address when Elastic IPs sit on its others. */
export function withoutPublicAddress(
  workloadId: string,
  workload: Workload | undefined,
  address: string,
): string {
  return workload && publicAddresses(workload).length > 0 ? `${address} of ${workloadId}` : workloadId;
}

/** `a`, `a and b`, `a, b and c`. */
export function listInEnglish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `acl-0a1 (prod-data-nacl)` when it has a Name tag. */
export function describeAcl(acl: NetworkAcl): string {
  const name = acl.tags.Name;
  return name === undefined ? acl.id : `${acl.id} (${name})`;
}

/**
 * Why the internet cannot reach, or be reached from, an IPv6 address that is not global unicast (a
 * unique local address, fc00::/7, which RFC 4193 keeps off the internet) or lies in a VPC range
 * marked private; null for one it routes.
 */
export function notOnTheInternet(index: EstateIndex, end: FlowEnd): string | null {
  if (end.address.family !== 6) return null;
  if (!isInternetAddress(end.address))
    return `${end.resolved.address} is not a global unicast IPv6 address (2000::/3; a unique local address, fc00::/7, is for use within a site, RFC 4193), so the internet does not route it`;
  const block = index.privateIpv6Block(end.address);
  if (block === null) return null;
  return `${end.resolved.address} is in ${block.text}, an IPv6 range of ${block.vpcId} marked private (Ipv6AddressAttribute), which AWS does not advertise on the internet`;
}
