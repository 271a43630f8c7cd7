import type { Estate } from '../../domain/estate';
import { clusterSegments } from '../../kubernetes/clusterSegments';
import { joinSegmentGraphs, type PackedSegmentGraph, SegmentEdgeSums } from './packedSegments';
import type { FlowGraph, ProgressListener, Segment } from './types';

/** Edges between progress reports: a report per edge would cost more than the edge. */
const edgesPerReport = 1 << 16;

/**
 * The graph seen by security group: an allowed class edge S→D adds its allowed ports to every pair
 * (g of S, h of D) and its ordered workload pairs, |S|·|D|, or |S|·(|S|-1) within one class. Unknown
 * ports are left out: a segment edge says what is surely open. `onProgress` counts class edges walked.
 */
export function aggregateBySegment(
  estate: Estate,
  graph: FlowGraph,
  onProgress?: ProgressListener,
): PackedSegmentGraph {
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
  const groupIndex = new Map(segments.map((segment, at) => [segment.groupId, at]));
  const sums = new SegmentEdgeSums(segments.length);
  const classGroups = graph.classes.map((one) => one.groupIds.map((id) => groupIndex.get(id) as number));
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
    const protocol = sums.protocolIndex(protocolName);
    for (const g of classGroups[fromClass] ?? []) {
      for (const h of classGroups[toClass] ?? []) sums.add(g, h, protocol, allowed, pairs);
    }
  });
  onProgress?.(total, total);
  // A cluster's namespaces and NetworkPolicies are segments too, with the edges NetworkPolicy allows.
  const packed = sums.packed(segments);
  return estate.kubernetes ? joinSegmentGraphs(packed, clusterSegments(estate.kubernetes)) : packed;
}
