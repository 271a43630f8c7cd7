import type { Estate } from '../../domain/estate';
import { clusterSegments } from '../../kubernetes/clusterSegments';
import type { PortSet } from '../portSet';
import type { FlowGraph, ProgressListener, Segment, SegmentGraph } from './types';

/** Edges between progress reports: a report per edge would cost more than the edge. */
const edgesPerReport = 1 << 16;

interface Accumulated {
  readonly fromGroup: string;
  readonly toGroup: string;
  readonly protocol: string;
  ports: PortSet;
  pairs: number;
}

/**
 * The graph seen by security group: an allowed class edge S→D adds its allowed ports to every pair
 * (g of S, h of D) and its ordered workload pairs, |S|·|D|, or |S|·(|S|-1) within one class. Unknown
 * ports are left out: a segment edge says what is surely open. `onProgress` counts class edges walked.
 */
export function aggregateBySegment(
  estate: Estate,
  graph: FlowGraph,
  onProgress?: ProgressListener,
): SegmentGraph {
  const groups = new Map(estate.securityGroups.map((group) => [group.id, group]));
  const members = new Map<string, number>();
  for (const one of graph.classes) {
    for (const groupId of one.groupIds) {
      members.set(groupId, (members.get(groupId) ?? 0) + one.workloadIds.length);
    }
  }
  const segments: Segment[] = [...new Set([...groups.keys(), ...members.keys()])].sort().map((groupId) => ({
    groupId,
    name: groups.get(groupId)?.name ?? groupId,
    vpcId: groups.get(groupId)?.vpcId ?? null,
    members: members.get(groupId) ?? 0,
  }));
  // Numeric keys (group, group) in a map per protocol: millions of class edges make string keys the
  // cost, and a key that also held the protocol would pass 2^31 (a heap number to allocate and hash)
  // on an estate of a few thousand groups; this one does past 46,000.
  const groupIndex = new Map(segments.map((segment, at) => [segment.groupId, at]));
  const byProtocol = new Map<string, Map<number, Accumulated>>();
  const classGroups = graph.classes.map((one) => one.groupIds.map((id) => groupIndex.get(id) as number));
  /** In the order first met, as the views and the stored graph have them. */
  const accumulated: Accumulated[] = [];
  const total = graph.edges.count;
  let walked = 0;
  graph.edges.forEach((fromClass, toClass, protocolName, allowed) => {
    if (++walked % edgesPerReport === 0) onProgress?.(walked, total);
    if (allowed.isEmpty()) return;
    const from = graph.classes[fromClass];
    const to = graph.classes[toClass];
    if (from === undefined || to === undefined) return;
    const size = from.workloadIds.length;
    const pairs = size * (fromClass === toClass ? size - 1 : to.workloadIds.length);
    let edges = byProtocol.get(protocolName);
    if (edges === undefined) {
      edges = new Map();
      byProtocol.set(protocolName, edges);
    }
    for (const g of classGroups[fromClass] ?? []) {
      for (const h of classGroups[toClass] ?? []) {
        const key = g * segments.length + h;
        const found = edges.get(key);
        if (found === undefined) {
          const [fromGroup, toGroup] = [segments[g]?.groupId ?? '', segments[h]?.groupId ?? ''];
          const edge = { fromGroup, toGroup, protocol: protocolName, ports: allowed, pairs };
          edges.set(key, edge);
          accumulated.push(edge);
        } else {
          if (found.ports !== allowed) found.ports = found.ports.union(allowed);
          found.pairs += pairs;
        }
      }
    }
  });
  onProgress?.(total, total);
  // A cluster's namespaces and NetworkPolicies are segments too, with the edges NetworkPolicy allows.
  const cluster = estate.kubernetes ? clusterSegments(estate.kubernetes) : { segments: [], edges: [] };
  return {
    segments: [...segments, ...cluster.segments],
    edges: [
      ...accumulated.map(({ fromGroup, toGroup, protocol, ports, pairs }) => ({
        fromGroup,
        toGroup,
        protocol,
        ports: ports.ranges().map(({ from, to }) => ({ from, to })),
        workloadPairs: pairs,
      })),
      ...cluster.edges,
    ],
  };
}
