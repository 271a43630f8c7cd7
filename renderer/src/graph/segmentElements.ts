import type { ElementDefinition } from 'cytoscape';
import type { PackedSegmentGraph } from '../../../preload/contract';
import {
  type CollapseLimits,
  collapse,
  defaultCollapsed,
  flip,
  type GraphEdge,
  type GraphNode,
  joinLabels,
  mergeLabels,
} from './collapse';
import { toElements } from './elements';
import { keyOf } from './keys';
import type { Scope } from './scope';
import type { ViewIndex } from './viewData';

export interface AllowanceEdge extends GraphEdge {
  /**
   * Some dependency flows through it, or none does; or it is no allowance but a NACL covering a
   * subnet, or a peering or transit gateway attachment joining VPCs.
   */
  readonly need: 'used' | 'unneeded' | 'covers' | 'joins';
}

export interface SegmentViewOptions {
  readonly scope: Scope;
  readonly showAcls: boolean;
  readonly showUnneeded: boolean;
  readonly toggled: ReadonlySet<string>;
}

/** A VPC of a hundred groups still reads as one box of tiles; beyond that, or a thousand nodes, it collapses. */
export const segmentViewLimits: CollapseLimits = { maxChildren: 200, maxNodes: 1000 };

/**
 * VPCs holding subnets; a security group sits in the subnet all its members share, or in its VPC
 * when they span several (a group is a VPC-wide object). Edges are what one group allows to another.
 */
export function segmentGraph(
  index: ViewIndex,
  options: SegmentViewOptions,
): { nodes: GraphNode[]; edges: AllowanceEdge[] } {
  const { topology, segmentGraph: allowances } = index.data;
  const { scope } = options;
  const segments = topology.segments.filter((s) => scope.segments?.has(s.groupId) ?? true);
  const vpcsWanted = new Set(segments.flatMap((s) => (s.vpcId ? [s.vpcId] : [])));
  const vpcs = topology.vpcs.filter(
    (v) => (scope.vpcs?.has(v.id) ?? true) && (scope.segments === null || vpcsWanted.has(v.id)),
  );
  const vpcShown = new Set(vpcs.map((v) => v.id));
  const memberCount = new Map(allowances.segments.map((s) => [s.groupId, s.members]));
  const nodes: GraphNode[] = vpcs.map((vpc) => ({
    id: keyOf('vpc', vpc.id),
    kind: 'vpc',
    label: vpc.name ?? vpc.id,
    detail: vpc.cidrBlocks.join(', '),
  }));
  const subnets = topology.subnets.filter((s) => vpcShown.has(s.vpcId));
  const subnetsWithGroups = new Set<string>();
  const segmentNodes: GraphNode[] = [];
  for (const segment of segments) {
    if (segment.vpcId && !vpcShown.has(segment.vpcId)) continue;
    const members = index.members.get(segment.groupId) ?? [];
    const homes = new Set(members.map((id) => index.workloads.get(id)?.subnetId));
    const [onlySubnet] = homes.size === 1 ? [...homes] : [];
    if (onlySubnet) subnetsWithGroups.add(onlySubnet);
    const count = memberCount.get(segment.groupId) ?? members.length;
    segmentNodes.push({
      id: keyOf('segment', segment.groupId),
      kind: 'segment',
      label: segment.name,
      parent: onlySubnet
        ? keyOf('subnet', onlySubnet)
        : segment.vpcId
          ? keyOf('vpc', segment.vpcId)
          : undefined,
      owner: segment.owner,
      detail: String(count),
      flags: count === 0 ? ['empty'] : [],
    });
  }
  for (const subnet of subnets) {
    const workloads = index.subnetWorkloads.get(subnet.id)?.length ?? 0;
    nodes.push({
      id: keyOf('subnet', subnet.id),
      kind: 'subnet',
      label: subnet.name ?? subnet.id,
      parent: keyOf('vpc', subnet.vpcId),
      // A namespace box has no CIDR and holds pods, not ENIs.
      detail: subnet.cidrBlock
        ? `${subnet.cidrBlock} · ${workloads} ENI${workloads === 1 ? '' : 's'}`
        : `${workloads} pod${workloads === 1 ? '' : 's'}`,
      flags: subnetsWithGroups.has(subnet.id) ? [] : ['leaf'],
    });
  }
  nodes.push(...segmentNodes);
  const shown = new Set(nodes.map((n) => n.id));
  const edges = allowanceEdges(index, shown, options.showUnneeded);
  const joins = joiningVpcs(index, vpcShown);
  nodes.push(...joins.nodes);
  edges.push(...joins.edges);
  if (options.showAcls) {
    for (const acl of topology.networkAcls.filter((a) => vpcShown.has(a.vpcId))) {
      const id = keyOf('acl', acl.id);
      nodes.push({
        id,
        kind: 'acl',
        label: acl.name ?? (acl.isDefault ? 'default NACL' : acl.id),
        parent: keyOf('vpc', acl.vpcId),
        detail: acl.id,
      });
      for (const subnetId of acl.subnetIds) {
        const subnet = keyOf('subnet', subnetId);
        if (shown.has(subnet))
          edges.push({
            id: `${id}->${subnet}`,
            source: id,
            target: subnet,
            need: 'covers',
            classes: ['covers'],
          });
      }
    }
  }
  return { nodes, edges };
}

/**
 * What joins the VPCs shown, the only ways private addresses leave one (docs/semantics/aws.md):
 * active peerings between two of them, and transit gateways with the attachments to them. Whether
 * a flow takes either is the route tables' to say, which the allowances already account for.
 */
function joiningVpcs(
  index: ViewIndex,
  vpcShown: ReadonlySet<string>,
): { nodes: GraphNode[]; edges: AllowanceEdge[] } {
  const { peerings, transitGateways } = index.data.topology;
  const nodes: GraphNode[] = [];
  const edges: AllowanceEdge[] = [];
  // A node of its own, not a line between the two boxes: the layout often sets joined VPCs side by side.
  const joining = (node: GraphNode, how: 'peering' | 'attachment', links: readonly [string, string][]) => {
    nodes.push(node);
    for (const [id, vpcId] of links)
      edges.push({
        id,
        source: node.id,
        target: keyOf('vpc', vpcId),
        // An attachment has an id of its own, shown like ports when an end is hovered or selected.
        ...(how === 'attachment' ? { label: id } : {}),
        need: 'joins',
        classes: ['joins', how],
      });
  };
  // Transit gateways first: the layout sets joining nodes in this order, and they join the most.
  for (const gateway of transitGateways) {
    const attachments = gateway.attachments.filter((a) => vpcShown.has(a.vpcId));
    if (attachments.length === 0) continue;
    const node = {
      id: keyOf('tgw', gateway.id),
      kind: 'tgw' as const,
      label: gateway.name ?? gateway.id,
      owner: gateway.owner,
      detail: `${attachments.length} VPC${attachments.length === 1 ? '' : 's'}`,
    };
    joining(
      node,
      'attachment',
      attachments.map((a) => [a.id, a.vpcId]),
    );
  }
  for (const { id, vpcIds } of peerings) {
    if (!vpcIds.every((vpcId) => vpcShown.has(vpcId))) continue;
    const node = { id: keyOf('pcx', id), kind: 'pcx' as const, label: id, detail: 'peering' };
    joining(
      node,
      'peering',
      vpcIds.map((vpcId) => [`${id}>${vpcId}`, vpcId]),
    );
  }
  return { nodes, edges };
}

/**
 * Unneeded allowances are drawn hidden, shown next to the selection; when there are so many that
 * merely holding them slows the canvas, they are left out until asked for.
 */
const maxHiddenUnneeded = 2000;

/** One edge per ordered pair of groups, whatever the protocols, among the nodes shown. */
function allowanceEdges(
  index: ViewIndex,
  shown: ReadonlySet<string>,
  showUnneeded: boolean,
): AllowanceEdge[] {
  const edges = allAllowances(index).filter((edge) => shown.has(edge.source) && shown.has(edge.target));
  const unneeded = edges.filter((edge) => edge.need === 'unneeded').length;
  return showUnneeded || unneeded <= maxHiddenUnneeded ? edges : edges.filter((edge) => edge.need === 'used');
}

/**
 * Every pair's edge is the same whatever the filters show, and a large estate has hundreds of
 * thousands: they are built once per snapshot, not on every filter change or toggle.
 */
const allowancesOf = new WeakMap<ViewIndex, readonly AllowanceEdge[]>();

/** A group's allowance to itself is no edge. */
function allAllowances(index: ViewIndex): readonly AllowanceEdge[] {
  const known = allowancesOf.get(index);
  if (known) return known;
  const { segments, edges } = index.data.segmentGraph;
  // Pairs and (pair, protocol) keyed by number: string keys for every edge were most of the cost.
  const width = segments.length;
  const protocolCount = edges.protocols.length;
  const segmentAt = new Map(segments.map((segment, at) => [segment.groupId, at]));
  const protocolAt = new Map(edges.protocols.map((protocol, at) => [protocol, at]));
  const used = new Set<number>();
  for (const { fromGroup, toGroup, protocol } of index.data.topology.usedSegmentPairs) {
    const [from, to, p] = [segmentAt.get(fromGroup), segmentAt.get(toGroup), protocolAt.get(protocol)];
    if (from !== undefined && to !== undefined && p !== undefined)
      used.add((from * width + to) * protocolCount + p);
  }
  const byPair = new Map<number, { used: boolean; labels: string[] }>();
  // Column by column, without an object per edge: a large estate has hundreds of thousands.
  for (let i = 0; i < edges.from.length; i++) {
    const [from, to, protocol] = [
      edges.from[i] as number,
      edges.to[i] as number,
      edges.protocol[i] as number,
    ];
    if (from === to) continue;
    const key = from * width + to;
    let pair = byPair.get(key);
    if (!pair) {
      pair = { used: false, labels: [] };
      byPair.set(key, pair);
    }
    pair.used ||= used.has(key * protocolCount + protocol);
    pair.labels.push(portsLabel(edges.protocols[protocol] as string, edges, i));
  }
  const all = [...byPair].map(([key, pair]): AllowanceEdge => {
    const fromGroup = segments[Math.floor(key / width)]?.groupId as string;
    const toGroup = segments[key % width]?.groupId as string;
    const need = pair.used ? 'used' : 'unneeded';
    return {
      id: `allow:${fromGroup}->${toGroup}`,
      source: keyOf('segment', fromGroup),
      target: keyOf('segment', toGroup),
      label: joinLabels(pair.labels),
      need,
      classes: [need],
    };
  });
  allowancesOf.set(index, all);
  return all;
}

/** Edge `i`'s label, read from the columns: building its ranges first cost more than the rest. */
function portsLabel(protocol: string, edges: PackedSegmentGraph['edges'], i: number): string {
  if (protocol === '-1') return 'all';
  const first = edges.portStart[i] as number;
  const count = (edges.portStart[i + 1] as number) - first;
  if (count !== 1) return count === 0 ? protocol : `${protocol} ${count} ranges`;
  const [from, to] = [edges.ports[2 * first] as number, edges.ports[2 * first + 1] as number];
  if (from === 0 && to === 65535) return `${protocol} all`;
  return from === to ? `${protocol}/${from}` : `${protocol}/${from}-${to}`;
}

export function mergeAllowances(a: AllowanceEdge, b: AllowanceEdge): AllowanceEdge {
  const need = a.need === 'used' || b.need === 'used' ? 'used' : a.need;
  return { ...a, need, label: mergeLabels(a.label, b.label), classes: [need] };
}

export function segmentElements(index: ViewIndex, options: SegmentViewOptions): ElementDefinition[] {
  const { nodes, edges } = segmentGraph(index, options);
  const collapsed = flip(defaultCollapsed(nodes, segmentViewLimits), options.toggled);
  return toElements(collapse(nodes, edges, collapsed, mergeAllowances));
}
