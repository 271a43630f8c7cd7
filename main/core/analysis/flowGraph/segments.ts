import type { Estate } from '../../domain/estate';
import { clusterSegments } from '../../kubernetes/clusterSegments';
import { joinSegmentGraphs, type PackedSegmentGraph, SegmentEdgeSums } from './packedSegments';
import type { FlowGraph, ProgressListener, Segment, WorkloadClass } from './types';

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
  const sets = groupSets(graph.classes, groupIndex);
  // Summed by the classes' group sets first, then each pair of sets spread over its pairs of groups
  // once: classes that differ only in their subnet carry the same groups, and spreading every class
  // edge was most of the aggregation. A pair of groups is first met at the same edge either way,
  // so the edges come out in the same order.
  const bySet = new SegmentEdgeSums(sets.groups.length);
  const total = graph.edges.count;
  let walked = 0;
  graph.edges.forEach((fromClass, toClass, protocol, allowed) => {
    if (++walked % edgesPerReport === 0) onProgress?.(walked, total);
    if (allowed.isEmpty()) return;
    const from = graph.classes[fromClass];
    const to = graph.classes[toClass];
    if (from === undefined || to === undefined) return;
    const size = from.workloadIds.length;
    const pairs = size * (fromClass === toClass ? size - 1 : to.workloadIds.length);
    const [fromSet, toSet] = [sets.setOf[fromClass] as number, sets.setOf[toClass] as number];
    bySet.add(fromSet, toSet, bySet.protocolIndex(protocol), allowed, pairs);
  });
  const sums = new SegmentEdgeSums(segments.length);
  bySet.forEach((fromSet, toSet, protocolName, ports, pairs) => {
    const protocol = sums.protocolIndex(protocolName);
    for (const g of sets.groups[fromSet] ?? []) {
      for (const h of sets.groups[toSet] ?? []) sums.add(g, h, protocol, ports, pairs);
    }
  });
  onProgress?.(total, total);
  // A cluster's namespaces and NetworkPolicies are segments too, with the edges NetworkPolicy allows.
  const packed = sums.packed(segments);
  return estate.kubernetes ? joinSegmentGraphs(packed, clusterSegments(estate.kubernetes)) : packed;
}

/** Each class's set of groups as a number, and each set's groups as segment indexes. */
function groupSets(
  classes: readonly WorkloadClass[],
  groupIndex: ReadonlyMap<string, number>,
): { setOf: number[]; groups: number[][] } {
  const idOf = new Map<string, number>();
  const groups: number[][] = [];
  const setOf = classes.map((one) => {
    // groupIds are sorted, so equal sets have equal keys.
    const key = one.groupIds.join(' ');
    let id = idOf.get(key);
    if (id === undefined) {
      id = groups.push(one.groupIds.map((groupId) => groupIndex.get(groupId) as number)) - 1;
      idOf.set(key, id);
    }
    return id;
  });
  return { setOf, groups };
}
