import type {
  Estate,
  NetworkAclEntry,
  PublicAccessExclusion,
  RouteTable,
  SecurityGroupRule,
  TransitGatewayAttachment,
  Workload,
} from '../domain/estate';
import { diffCluster } from './clusterDiff';
import { EgressReach } from './egressReach';
import { diffByLine } from './lineDiff';
import { changedPrefixLists, diffPrefixListEntries, groupsNaming } from './prefixListDiff';
import { entryKey, entryLine, ruleLine, transitGatewayRouteLine } from './ruleText';
import { aclFilteredSubnets, aclOfSubnet, subnetsMovedInNetwork } from './subnetChanges';
import type { EstateChanges, WorkloadChange } from './types';

/**
 * What differs between two estates of one network, object by object. Rules are matched by what they
 * admit first, so a rule that only moved in the export (its position-based key changed) is not a
 * change; a rule whose key stays and whose traffic differs is `changed`.
 */
export function diffEstates(before: Estate, after: Estate): EstateChanges {
  return {
    rules: diffByLine(
      before.securityGroupRules,
      after.securityGroupRules,
      (rule: SecurityGroupRule) => rule.key,
      (rule) => rule.groupId,
      ruleLine,
    ),
    aclEntries: diffByLine(
      before.networkAclEntries,
      after.networkAclEntries,
      entryKey,
      (entry: NetworkAclEntry) => entry.aclId,
      entryLine,
    ),
    aclAssociations: diffAclAssociations(before, after),
    prefixListEntries: diffPrefixListEntries(before, after),
    workloads: diffWorkloads(before.workloads, after.workloads),
    ...diffCluster(before.kubernetes, after.kubernetes),
    routes: [...diffRoutes(before, after), ...diffRouteTableAssociations(before, after)],
    transitGateways: [
      ...diffTransitGatewayRoutes(before, after),
      ...diffAttachments(before, after),
      ...diffAssociations(before, after),
      ...diffReferencing(before, after),
    ],
  };
}

/** The network ACL each subnet of both estates is filtered by, where it differs. */
function diffAclAssociations(before: Estate, after: Estate): EstateChanges['aclAssociations'] {
  const [was, now] = [aclOfSubnet(before), aclOfSubnet(after)];
  const defaults = new Set(
    [...before.networkAcls, ...after.networkAcls].filter((acl) => acl.isDefault).map((acl) => acl.id),
  );
  const text = (id: string | undefined) =>
    id === undefined ? 'no ACL' : defaults.has(id) ? `${id} (default)` : id;
  const subnets = new Set(before.subnets.map((subnet) => subnet.id));
  return after.subnets.flatMap((subnet) => {
    const [old, next] = [was.get(subnet.id), now.get(subnet.id)];
    if (!subnets.has(subnet.id) || old === next) return [];
    return [
      {
        id: subnet.id,
        aclIds: [old, next].filter((id): id is string => id !== undefined),
        text: `${subnet.id}: filtered by ${text(old)}, now ${text(next)}`,
      },
    ];
  });
}

/** Routes of VPC route tables, by table and destination. */
function diffRoutes(before: Estate, after: Estate): EstateChanges['routes'] {
  const routes = (estate: Estate) =>
    new Map(
      estate.routeTables.flatMap((table) =>
        table.routes.map((route) => [
          `${table.id} ${route.destination}${route.propagated ? ' propagated' : ''}`,
          {
            table,
            line: `${route.destination} → ${route.targetId}${route.propagated ? ' (propagated)' : ''}${route.state === 'active' ? '' : ` (${route.state})`}`,
          },
        ]),
      ),
    );
  const [was, now] = [routes(before), routes(after)];
  const lines: EstateChanges['routes'][number][] = [];
  const push = (id: string, table: RouteTable, change: 'added' | 'removed' | 'changed', text: string) =>
    lines.push({
      id,
      what: 'route',
      routeTableId: table.id,
      vpcId: table.vpcId,
      change,
      text: `${table.id}: route ${text}`,
    });
  for (const [id, { table, line }] of was) if (!now.has(id)) push(id, table, 'removed', line);
  for (const [id, { table, line }] of now) {
    const old = was.get(id);
    if (old === undefined) push(id, table, 'added', line);
    else if (old.line !== line)
      push(id, table, 'changed', `${old.line}, now ${line.slice(line.indexOf('→') + 2)}`);
  }
  return lines;
}

/**
 * The table each subnet of both estates is routed by, where it differs: its own, or its VPC's main
 * table when associated with none.
 */
function diffRouteTableAssociations(before: Estate, after: Estate): EstateChanges['routes'] {
  const routedBy = (estate: Estate) => {
    const explicit = new Map(estate.routeTables.flatMap((table) => table.subnetIds.map((id) => [id, table])));
    const main = new Map(
      estate.routeTables.filter((table) => table.isMain).map((table) => [table.vpcId, table]),
    );
    return (subnet: Estate['subnets'][number]) => {
      const table = explicit.get(subnet.id);
      if (table !== undefined) return { table, text: table.id };
      const fallback = main.get(subnet.vpcId);
      return { table: fallback, text: fallback ? `${fallback.id} (main, no association)` : 'no route table' };
    };
  };
  const [was, now] = [routedBy(before), routedBy(after)];
  const subnets = new Set(before.subnets.map((subnet) => subnet.id));
  return after.subnets.flatMap((subnet) => {
    const [old, next] = [was(subnet), now(subnet)];
    if (!subnets.has(subnet.id) || old.text === next.text) return [];
    return [
      {
        id: subnet.id,
        what: 'association' as const,
        routeTableId: next.table?.id ?? '',
        vpcId: subnet.vpcId,
        change: 'changed' as const,
        text: `${subnet.id}: routed by ${old.text}, now ${next.text}`,
      },
    ];
  });
}

/** Routes of transit gateway route tables, by table, type and destination. */
function diffTransitGatewayRoutes(before: Estate, after: Estate): EstateChanges['transitGateways'] {
  const routes = (estate: Estate) =>
    new Map<string, { table: string; type: string; line: string }>(
      estate.transitGatewayRouteTables.flatMap((table) =>
        table.routes.map((route) => [
          `${table.id} ${route.type} ${route.destination}`,
          { table: table.id, type: route.type, line: transitGatewayRouteLine(route) },
        ]),
      ),
    );
  const [was, now] = [routes(before), routes(after)];
  // A table names no transit gateway; the attachments associated with it do.
  const gatewayIds = (table: string) => [
    ...new Set(
      [...before.transitGatewayAttachments, ...after.transitGatewayAttachments]
        .filter((attachment) => attachment.routeTableId === table)
        .map((attachment) => attachment.transitGatewayId),
    ),
  ];
  const text = ({ table, type, line }: { table: string; type: string; line: string }) =>
    `${table}: ${type} route ${line}`;
  const lines: EstateChanges['transitGateways'][number][] = [];
  const push = (id: string, table: string, change: 'added' | 'removed' | 'changed', line: string) =>
    lines.push({ id, gatewayIds: gatewayIds(table), what: 'routes', change, text: line });
  for (const [id, route] of was) if (!now.has(id)) push(id, route.table, 'removed', text(route));
  for (const [id, route] of now) {
    const old = was.get(id);
    if (old === undefined) push(id, route.table, 'added', text(route));
    else if (old.line !== route.line) push(id, route.table, 'changed', `${text(old)}, now ${route.line}`);
  }
  return lines;
}

/** Attachments on one side only: a VPC attached to a transit gateway, or one no longer. */
function diffAttachments(before: Estate, after: Estate): EstateChanges['transitGateways'] {
  const ids = (estate: Estate) => new Set(estate.transitGatewayAttachments.map((one) => one.id));
  const [was, now] = [ids(before), ids(after)];
  const line = (attachment: TransitGatewayAttachment, change: 'added' | 'removed') => {
    const where = attachment.vpc ? ` in ${attachment.vpc.subnetIds.join(', ')}` : '';
    const what = `${attachment.resourceType} ${attachment.resourceId}`;
    const table = attachment.routeTableId ? `, associated with ${attachment.routeTableId}` : '';
    return {
      id: attachment.id,
      gatewayIds: [attachment.transitGatewayId],
      what: 'attachments' as const,
      change,
      text:
        change === 'added'
          ? `${attachment.id}: ${what} attached to ${attachment.transitGatewayId}${where}${table}`
          : `${attachment.id}: ${what} no longer attached to ${attachment.transitGatewayId}`,
    };
  };
  return [
    ...before.transitGatewayAttachments.filter((one) => !now.has(one.id)).map((one) => line(one, 'removed')),
    ...after.transitGatewayAttachments.filter((one) => !was.has(one.id)).map((one) => line(one, 'added')),
  ];
}

/** Which table each attachment in both estates is associated with, where it differs. */
function diffAssociations(before: Estate, after: Estate): EstateChanges['transitGateways'] {
  const was = new Map(
    before.transitGatewayAttachments.map((attachment) => [attachment.id, attachment.routeTableId]),
  );
  return after.transitGatewayAttachments.flatMap((attachment) => {
    const old = was.get(attachment.id);
    if (!was.has(attachment.id) || old === attachment.routeTableId) return [];
    const table = (id: string | null | undefined) =>
      id === undefined ? 'a table not exported' : (id ?? 'no route table');
    return [
      {
        id: attachment.id,
        gatewayIds: [attachment.transitGatewayId],
        what: 'association' as const,
        change: 'changed' as const,
        text: `${attachment.id}: associated with ${table(old)}, now ${table(attachment.routeTableId)}`,
      },
    ];
  });
}

/** Security group referencing of transit gateways and VPC attachments in both estates, where it differs. */
function diffReferencing(before: Estate, after: Estate): EstateChanges['transitGateways'] {
  const said = (on: boolean | null | undefined) =>
    on === true ? 'enabled' : on === false ? 'disabled' : 'not exported';
  const settings = (estate: Estate) =>
    new Map<string, { on: boolean | null | undefined; gatewayId: string }>([
      ...estate.transitGateways.map(
        (gateway) => [gateway.id, { on: gateway.securityGroupReferencing, gatewayId: gateway.id }] as const,
      ),
      ...estate.transitGatewayAttachments.map(
        (attachment) =>
          [
            attachment.id,
            { on: attachment.vpc?.securityGroupReferencing, gatewayId: attachment.transitGatewayId },
          ] as const,
      ),
    ]);
  const was = settings(before);
  return [...settings(after)].flatMap(([id, { on, gatewayId }]) =>
    was.has(id) && was.get(id)?.on !== on
      ? [
          {
            id,
            gatewayIds: [gatewayId],
            what: 'security group referencing' as const,
            change: 'changed' as const,
            text: `${id}: security group referencing ${said(was.get(id)?.on)} → ${said(on)}`,
          },
        ]
      : [],
  );
}

function diffWorkloads(before: readonly Workload[], after: readonly Workload[]): WorkloadChange[] {
  const old = new Map(before.map((w) => [w.id, w]));
  const next = new Map(after.map((w) => [w.id, w]));
  const changes: WorkloadChange[] = [];
  const none: readonly string[] = [];
  for (const workload of before) {
    if (!next.has(workload.id))
      changes.push({
        workloadId: workload.id,
        change: 'removed',
        text: `${workload.id} is gone`,
        groupsAdded: none,
        groupsRemoved: none,
      });
  }
  for (const workload of after) {
    const was = old.get(workload.id);
    if (was === undefined) {
      changes.push({
        workloadId: workload.id,
        change: 'added',
        text: `${workload.id} is new in ${workload.subnetId}`,
        groupsAdded: none,
        groupsRemoved: none,
      });
      continue;
    }
    const groupsAdded = workload.groupIds.filter((id) => !was.groupIds.includes(id));
    const groupsRemoved = was.groupIds.filter((id) => !workload.groupIds.includes(id));
    const moved = was.subnetId !== workload.subnetId || was.privateIps[0] !== workload.privateIps[0];
    if (!moved && groupsAdded.length === 0 && groupsRemoved.length === 0) continue;
    const groups = `${was.groupIds.join(', ') || 'no group'} → ${workload.groupIds.join(', ') || 'no group'}`;
    const place = (w: Workload) => `${w.subnetId} ${w.privateIps[0] ?? ''}`.trim();
    changes.push({
      workloadId: workload.id,
      change: moved ? 'moved' : 'groups',
      text: moved ? `${place(was)} → ${place(workload)}; groups ${groups}` : groups,
      groupsAdded,
      groupsRemoved,
    });
  }
  return changes;
}

/**
 * Workloads that are an end of every flow whose verdict may differ. A flow's verdict depends on its
 * ends' groups, subnets and addresses, the rules of those groups (a group peer matches through the
 * other end's membership) and the ACLs of the two subnets, and of a transit gateway's subnets on the
 * way (which affect the VPCs attached to that transit gateway); on routing, which `routedVpcs`
 * narrows to VPCs; and on the NAT gateways on the way out, which serve their VPC and those a transit
 * gateway carries to it (`EgressReach`). A subnet's ACL counts whether its entries or its association
 * changed; a subnet moved in the network makes every workload affected (`all`), while VPCs (but for
 * their Block Public Access), tags and the order of the export route nothing. A prefix list counts through the rules that name it, and
 * through the route tables that route it.
 */
export function affectedWorkloads(
  before: Estate,
  after: Estate,
  changes: EstateChanges,
): ReadonlySet<string> | 'all' {
  if (subnetsMovedInNetwork(before, after)) return 'all';
  const lists = changedPrefixLists(before, after);
  const egress = new EgressReach(before, after);
  const vpcs = routedVpcs(before, after, lists, egress);
  const affected = new Set([
    ...changes.workloads.map((one) => one.workloadId),
    ...readdressed(before.workloads, after.workloads),
  ]);
  // A NAT gateway carries the internet traffic of the workloads that route to it.
  for (const id of affected) for (const vpc of egress.throughNatGateway(id)) vpcs.add(vpc);
  const ruleIds = new Set(
    [...changes.rules.added, ...changes.rules.removed, ...changes.rules.changed].map((one) => one.id),
  );
  const groups = new Set([
    ...[...before.securityGroupRules, ...after.securityGroupRules]
      .filter((rule) => ruleIds.has(rule.key))
      .map((rule) => rule.groupId),
    ...groupsNaming(before, after, lists),
  ]);
  const entryIds = new Set(
    [...changes.aclEntries.added, ...changes.aclEntries.removed, ...changes.aclEntries.changed].map(
      (one) => one.id,
    ),
  );
  const acls = new Set(
    [...before.networkAclEntries, ...after.networkAclEntries]
      .filter((entry) => entryIds.has(entryKey(entry)))
      .map((entry) => entry.aclId),
  );
  const subnets = aclFilteredSubnets(before, after, acls);
  // A transit gateway's subnets filter flows between workloads of the VPCs attached to it, and a NAT
  // gateway's subnet the internet traffic of those that reach it through one.
  for (const estate of [before, after])
    for (const attachment of estate.transitGatewayAttachments)
      if (attachment.vpc?.subnetIds.some((subnet) => subnets.has(subnet)))
        for (const vpc of attachedVpcs(estate, attachment.transitGatewayId)) vpcs.add(vpc);
  for (const subnet of subnets) for (const vpc of egress.throughNatSubnet(subnet)) vpcs.add(vpc);
  for (const workload of [...before.workloads, ...after.workloads]) {
    if (
      vpcs.has(workload.vpcId) ||
      subnets.has(workload.subnetId) ||
      workload.groupIds.some((id) => groups.has(id))
    )
      affected.add(workload.id);
  }
  return affected;
}

/**
 * The VPCs whose workloads' flows routing may change: a route table decides the flows of its VPC's
 * workloads, to each other's VPCs and to the internet (a NAT gateway's subnet routes for the
 * subnets that send to it); and, when it routes a subnet where a transit gateway delivers into the
 * VPC, the flows of every VPC attached to that transit gateway, which may pass through; when it
 * routes a NAT gateway's subnet or its VPC's internet gateway, the internet traffic of every VPC that
 * NAT gateway serves. A peering
 * decides those of its two VPCs; a transit gateway, its route tables and attachments, those of the
 * VPCs attached to a transit gateway, the only ones whose traffic can enter one. docs/impact.md,
 * "Affected workloads".
 */
function routedVpcs(
  before: Estate,
  after: Estate,
  lists: ReadonlySet<string>,
  egress: EgressReach,
): Set<string> {
  const vpcs = new Set<string>();
  const attachments = [...before.transitGatewayAttachments, ...after.transitGatewayAttachments].filter(
    (attachment) => attachment.resourceType === 'vpc',
  );
  const attachedTo = (gatewayId: string) =>
    attachments.filter((one) => one.transitGatewayId === gatewayId).map((one) => one.resourceId);
  const routes = (table: RouteTable, estate: Estate) => {
    vpcs.add(table.vpcId);
    const routed = new Set(routedSubnets(table, estate));
    for (const attachment of attachments)
      if (attachment.vpc?.subnetIds.some((id) => routed.has(id)))
        for (const vpc of attachedTo(attachment.transitGatewayId)) vpcs.add(vpc);
    // Where a NAT gateway sends the internet, and where the replies entering through an internet
    // gateway go, decide the internet traffic of every VPC that reaches that NAT gateway.
    if ((table.gatewayIds?.length ?? 0) > 0)
      for (const vpc of egress.throughInternetGatewayOf(table.vpcId)) vpcs.add(vpc);
    for (const subnet of routed) for (const vpc of egress.throughNatSubnet(subnet)) vpcs.add(vpc);
  };
  const changed = new Set(changedById(before.routeTables, after.routeTables).map((table) => table.id));
  for (const estate of [before, after])
    for (const table of estate.routeTables) {
      if (changed.has(table.id) || table.routes.some((route) => lists.has(route.destination)))
        routes(table, estate);
    }
  for (const peering of changedById(before.peeringConnections, after.peeringConnections))
    for (const vpc of [peering.requesterVpcId, peering.accepterVpcId]) vpcs.add(vpc);
  // Block Public Access, its mode and the exclusions of the VPC and its subnets, decides what passes
  // the VPC's internet gateway, also for the VPCs whose connections out leave through it (centralized egress).
  const blocks = (estate: Estate) => {
    const exclusions = new Map<string, string[]>();
    for (const subnet of estate.subnets) {
      if (subnet.blockPublicAccessExclusion === undefined) continue;
      const state = `${subnet.id} ${exclusionState(subnet.blockPublicAccessExclusion)}`;
      exclusions.set(subnet.vpcId, [...(exclusions.get(subnet.vpcId) ?? []), state]);
    }
    return new Map(
      estate.vpcs.map((vpc) => [
        vpc.id,
        JSON.stringify([
          vpc.blockPublicAccess ?? null,
          vpc.blockPublicAccessExclusion === undefined
            ? 'unread'
            : exclusionState(vpc.blockPublicAccessExclusion),
          exclusions.get(vpc.id)?.sort() ?? [],
        ]),
      ]),
    );
  };
  const [blockedBefore, blockedAfter] = [blocks(before), blocks(after)];
  for (const vpc of new Set([...blockedBefore.keys(), ...blockedAfter.keys()]))
    if (blockedBefore.get(vpc) !== blockedAfter.get(vpc)) {
      vpcs.add(vpc);
      for (const through of egress.throughInternetGatewayOf(vpc)) vpcs.add(through);
    }
  const transitChanged =
    changedById(before.transitGateways, after.transitGateways).length > 0 ||
    changedById(before.transitGatewayAttachments, after.transitGatewayAttachments).length > 0 ||
    changedById(before.transitGatewayRouteTables, after.transitGatewayRouteTables).length > 0;
  if (transitChanged) for (const attachment of attachments) vpcs.add(attachment.resourceId);
  return vpcs;
}

/** What of an exclusion decides verdicts: not where it was read. */
function exclusionState(exclusion: PublicAccessExclusion | null): string | null {
  return exclusion === null ? null : `${exclusion.mode} ${exclusion.state}`;
}

/**
 * Workloads on both sides whose addresses differ otherwise than by a move: public and Elastic IPs
 * decide their way to and from the internet, secondary addresses and prefixes the flows to them.
 */
function readdressed(before: readonly Workload[], after: readonly Workload[]): string[] {
  const addresses = (w: Workload) =>
    JSON.stringify([w.privateIps, w.ipv6Addresses, w.publicIp, w.secondaryPublicIps ?? [], w.prefixes ?? []]);
  const was = new Map(before.map((workload) => [workload.id, workload]));
  // A what-if shares every workload it did not edit with the snapshot: those are not printed.
  return after
    .filter((workload) => {
      const old = was.get(workload.id);
      return old !== undefined && old !== workload && addresses(old) !== addresses(workload);
    })
    .map((workload) => workload.id);
}

/** The VPCs attached to a transit gateway. */
function attachedVpcs(estate: Estate, gatewayId: string): string[] {
  return estate.transitGatewayAttachments
    .filter((one) => one.resourceType === 'vpc' && one.transitGatewayId === gatewayId)
    .map((one) => one.resourceId);
}

/** The subnets a table routes: those associated with it, and for a main table those associated with none. */
function routedSubnets(table: RouteTable, estate: Estate): string[] {
  if (!table.isMain) return [...table.subnetIds];
  const associated = new Set(estate.routeTables.flatMap((one) => one.subnetIds));
  return [
    ...table.subnetIds,
    ...estate.subnets.filter((s) => s.vpcId === table.vpcId && !associated.has(s.id)).map((s) => s.id),
  ];
}

/**
 * Objects of either side whose id is on one side only, or whose content differs: what routes, not
 * where the export put it (`source`, of the object or of its routes: another export of the same
 * network is in another file) or how it is tagged (names and owners route nothing).
 */
function changedById<T extends { readonly id: string }>(before: readonly T[], after: readonly T[]): T[] {
  const text = (item: T) =>
    JSON.stringify(item, (key, value) => (key === 'source' || key === 'tags' ? undefined : value));
  const was = new Map(before.map((item) => [item.id, text(item)]));
  const now = new Map(after.map((item) => [item.id, text(item)]));
  return [
    ...before.filter((item) => now.get(item.id) !== was.get(item.id)),
    ...after.filter((item) => was.get(item.id) !== now.get(item.id)),
  ];
}
