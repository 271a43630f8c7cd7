import { tagValue } from '../applications/tagKeys';
import type { NetworkAclEntry, SecurityGroupRule } from '../domain/estate';
import { isIcmp } from '../domain/ipProtocol';
import { isAwsManaged } from '../domain/prefixLists';
import { publicAddresses } from '../domain/publicAddresses';
import { transitGatewaysOfTable } from '../domain/transitGatewayTables';
import type { FindingContext } from '../findings/context';
import { type DependencyPairs, dependencyPairs } from '../findings/dependencyPairs';
import { clusterTopology } from './clusterTopology';
import type {
  DependencyVerdict,
  RuleLine,
  Topology,
  TopologyPrefixList,
  TopologyTransitGateway,
  UsedSegmentPair,
} from './types';

/**
 * The estate as the views draw it, with every dependency's verdict. Verdicts come from the same
 * workload-pair checks the findings rest on, so a red edge and a blocked-dependency finding agree.
 */
export function buildTopology(ctx: FindingContext): Topology {
  const { estate, tagKeys } = ctx;
  const name = (tags: Readonly<Record<string, string>>) => tags.Name ?? null;
  const aclOfSubnet = new Map(estate.networkAcls.flatMap((acl) => acl.subnetIds.map((s) => [s, acl.id])));
  const rulesOf = groupBy(estate.securityGroupRules, (rule) => rule.groupId);
  const entriesOf = groupBy(estate.networkAclEntries, (entry) => entry.aclId);
  const checked = dependencyPairs(ctx);
  const checkedOf = new Map(checked.map((c) => [c.dependency, c]));
  const cluster = estate.kubernetes ? clusterTopology(ctx, estate.kubernetes) : null;
  const workloads = [
    ...estate.workloads.map((workload) => {
      const service = ctx.serviceOf.get(workload.id);
      return {
        id: workload.id,
        name: name(workload.tags),
        kind: workload.kind,
        vpcId: workload.vpcId,
        subnetId: workload.subnetId,
        groupIds: workload.groupIds,
        privateIp: workload.privateIps[0] ?? null,
        publicIp: publicAddresses(workload)[0]?.publicIp ?? null,
        app: service?.app ?? null,
        service: service?.name ?? null,
        tags: workload.tags,
      };
    }),
    ...(cluster?.workloads ?? []),
  ];
  return {
    vpcs: [
      ...estate.vpcs.map((vpc) => ({ id: vpc.id, name: name(vpc.tags), cidrBlocks: vpc.cidrBlocks })),
      ...(cluster?.vpcs ?? []),
    ],
    subnets: [
      ...estate.subnets.map((subnet) => ({
        id: subnet.id,
        vpcId: subnet.vpcId,
        name: name(subnet.tags),
        cidrBlock: subnet.cidrBlock,
        availabilityZone: subnet.availabilityZone,
        networkAclId: aclOfSubnet.get(subnet.id) ?? null,
      })),
      ...(cluster?.subnets ?? []),
    ],
    segments: [
      ...estate.securityGroups.map((group) => ({
        groupId: group.id,
        name: group.name,
        description: group.description,
        vpcId: group.vpcId,
        owner: tagValue(group.tags, tagKeys.owner),
        tags: group.tags,
        rules: (rulesOf.get(group.id) ?? []).map(ruleLine),
      })),
      ...(cluster?.segments ?? []),
    ],
    networkAcls: estate.networkAcls.map((acl) => ({
      id: acl.id,
      vpcId: acl.vpcId,
      name: name(acl.tags),
      isDefault: acl.isDefault,
      subnetIds: acl.subnetIds,
      entries: [...(entriesOf.get(acl.id) ?? [])].sort(byEntryOrder).map(entryLine),
    })),
    prefixLists: prefixLists(estate),
    routeTables: estate.routeTables.map((table) => ({
      id: table.id,
      name: name(table.tags),
      vpcId: table.vpcId,
      isMain: table.isMain,
      subnetIds: table.subnetIds,
      routes: table.routes.map(({ destination, targetId, state }) => ({
        destination,
        target: targetId,
        state,
      })),
    })),
    transitGateways: transitGateways(ctx),
    transitGatewayRouteTables: estate.transitGatewayRouteTables.map((table) => ({
      id: table.id,
      transitGatewayIds: transitGatewaysOfTable(table, estate.transitGatewayAttachments),
      complete: table.complete,
      routes: table.routes.map((route) => ({
        destination: route.destination,
        type: route.type,
        state: route.state,
        attachmentIds: route.targets.map((one) => one.attachmentId),
      })),
    })),
    peerings: estate.peeringConnections
      .filter((peering) => peering.status === 'active')
      .map((peering) => ({
        id: peering.id,
        vpcIds: [peering.requesterVpcId, peering.accepterVpcId] as const,
      })),
    workloads,
    dependencies: ctx.applications.dependencies.map((dependency) =>
      dependencyVerdict(dependency, checkedOf.get(dependency)),
    ),
    usedSegmentPairs: usedSegmentPairs(new Map(workloads.map((w) => [w.id, w.groupIds])), checked),
  };
}

function transitGateways({ estate, tagKeys }: FindingContext): TopologyTransitGateway[] {
  const vpcAttachments = estate.transitGatewayAttachments.filter(
    (attachment) => attachment.resourceType === 'vpc',
  );
  const ids = [...new Set(vpcAttachments.map((attachment) => attachment.transitGatewayId))].sort();
  return ids.map((id) => {
    const gateway = estate.transitGateways.find((one) => one.id === id);
    return {
      id,
      name: gateway?.tags.Name ?? null,
      owner: gateway ? tagValue(gateway.tags, tagKeys.owner) : null,
      securityGroupReferencing: gateway?.securityGroupReferencing ?? null,
      exported: gateway !== undefined,
      attachments: vpcAttachments
        .filter((attachment) => attachment.transitGatewayId === id)
        .map((attachment) => ({
          id: attachment.id,
          vpcId: attachment.resourceId,
          securityGroupReferencing: attachment.vpc?.securityGroupReferencing ?? null,
          exported: attachment.vpc !== undefined,
          routeTableId: attachment.routeTableId ?? null,
        })),
    };
  });
}

function prefixLists(estate: FindingContext['estate']): TopologyPrefixList[] {
  const namedBy = new Map<string, Set<string>>();
  for (const rule of estate.securityGroupRules) {
    if (rule.peer.kind !== 'prefix-list') continue;
    const groups = namedBy.get(rule.peer.prefixListId) ?? new Set();
    namedBy.set(rule.peer.prefixListId, groups.add(rule.groupId));
  }
  return estate.prefixLists.flatMap((list) => {
    const groups = namedBy.get(list.id);
    if (groups === undefined) return [];
    return [
      {
        id: list.id,
        name: list.name,
        entries: list.entries,
        managedByAws: isAwsManaged(list.name),
        namedBy: [...groups].sort(),
      },
    ];
  });
}

function dependencyVerdict(
  dependency: FindingContext['applications']['dependencies'][number],
  checked: DependencyPairs | undefined,
): DependencyVerdict {
  const { from, to, protocol, port, source } = dependency;
  const pairs = checked?.pairs ?? [];
  const deniedPairs = pairs.filter((pair) => pair.verdict?.allowed === false).length;
  const verdict =
    pairs.length === 0 ? 'unchecked' : deniedPairs > 0 ? 'blocked' : checked?.allowed ? 'allowed' : 'unknown';
  return { from, to, protocol, port, source, verdict, pairs: pairs.length, deniedPairs };
}

/** Every segment of the source × every segment of the destination of an allowed pair carries its flow. */
function usedSegmentPairs(
  segmentsOf: ReadonlyMap<string, readonly string[]>,
  checked: readonly DependencyPairs[],
): UsedSegmentPair[] {
  const used = new Map<string, UsedSegmentPair>();
  for (const { dependency, pairs } of checked) {
    const protocol = dependency.protocol;
    if (protocol === null) continue;
    for (const pair of pairs) {
      if (pair.verdict?.allowed !== true) continue;
      for (const fromGroup of segmentsOf.get(pair.source) ?? []) {
        for (const toGroup of segmentsOf.get(pair.destination) ?? []) {
          used.set(`${fromGroup} ${toGroup} ${protocol}`, { fromGroup, toGroup, protocol });
        }
      }
    }
  }
  return [...used.values()];
}

function ruleLine(rule: SecurityGroupRule): RuleLine {
  const peer = rule.peer;
  const peerText =
    peer.kind === 'group' ? peer.groupId : peer.kind === 'prefix-list' ? peer.prefixListId : peer.cidr;
  // A rule's FromPort and ToPort are an ICMP rule's type and code.
  const traffic = isIcmp(rule.protocol)
    ? icmpText(rule.protocol, rule.fromPort, rule.toPort)
    : protocolText(rule.protocol, rule.fromPort, rule.toPort);
  const text = `${rule.direction} ${traffic} ${rule.direction === 'ingress' ? 'from' : 'to'} ${peerText}`;
  return { key: rule.key, text, description: rule.description };
}

function entryLine(entry: NetworkAclEntry): RuleLine {
  const traffic = isIcmp(entry.protocol)
    ? icmpText(entry.protocol, entry.icmp?.type ?? null, entry.icmp?.code ?? null)
    : protocolText(entry.protocol, entry.portRange?.from ?? null, entry.portRange?.to ?? null);
  const text = `#${entry.ruleNumber} ${entry.egress ? 'outbound' : 'inbound'} ${entry.action} ${traffic} ${entry.egress ? 'to' : 'from'} ${entry.cidr}`;
  return {
    key: `${entry.aclId}/${entry.egress ? 'egress' : 'ingress'}/${entry.ruleNumber}`,
    text,
    description: null,
  };
}

function protocolText(protocol: string, from: number | null, to: number | null): string {
  if (protocol === '-1') return 'all traffic';
  if (from === null || (protocol !== 'tcp' && protocol !== 'udp')) return protocol;
  if (from === 0 && to === 65535) return `${protocol} all ports`;
  return from === to ? `${protocol}/${from}` : `${protocol}/${from}-${to}`;
}

/**
 * `icmp type 8`, `icmp type 3 code 4`, `icmpv6 all types`, as the reports name them: an echo-only rule
 * must not read like one for every type (-1 or absent is every type, or every code).
 */
function icmpText(protocol: string, type: number | null, code: number | null): string {
  if (type === null || type === -1) return `${protocol} all types`;
  return `${protocol} type ${type}${code === null || code === -1 ? '' : ` code ${code}`}`;
}

function byEntryOrder(a: NetworkAclEntry, b: NetworkAclEntry): number {
  return Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
