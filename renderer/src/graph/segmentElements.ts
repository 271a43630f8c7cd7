import type { ElementDefinition } from 'cytoscape';
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
  /** Some dependency flows through it, or none does. */
  readonly need: 'used' | 'unneeded' | 'covers';
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
  const used = new Set(
    index.data.topology.usedSegmentPairs.map((p) => `${p.fromGroup} ${p.toGroup} ${p.protocol}`),
  );
  const byPair = new Map<string, { fromGroup: string; toGroup: string; used: boolean; labels: string[] }>();
  for (const edge of index.data.segmentGraph.edges) {
    if (edge.fromGroup === edge.toGroup) continue;
    const id = `allow:${edge.fromGroup}->${edge.toGroup}`;
    let pair = byPair.get(id);
    if (!pair) {
      pair = { fromGroup: edge.fromGroup, toGroup: edge.toGroup, used: false, labels: [] };
      byPair.set(id, pair);
    }
    pair.used ||= used.has(`${edge.fromGroup} ${edge.toGroup} ${edge.protocol}`);
    pair.labels.push(portsLabel(edge.protocol, edge.ports));
  }
  const all = [...byPair].map(([id, pair]): AllowanceEdge => {
    const need = pair.used ? 'used' : 'unneeded';
    return {
      id,
      source: keyOf('segment', pair.fromGroup),
      target: keyOf('segment', pair.toGroup),
      label: joinLabels(pair.labels),
      need,
      classes: [need],
    };
  });
  allowancesOf.set(index, all);
  return all;
}

function portsLabel(protocol: string, ports: readonly { from: number; to: number }[]): string {
  if (protocol === '-1') return 'all';
  const first = ports[0];
  if (ports.length !== 1 || !first)
    return ports.length === 0 ? protocol : `${protocol} ${ports.length} ranges`;
  if (first.from === 0 && first.to === 65535) return `${protocol} all`;
  return first.from === first.to ? `${protocol}/${first.from}` : `${protocol}/${first.from}-${first.to}`;
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
