import type { Estate } from '../../domain/estate';
import type { PortSet } from '../portSet';
import type { FlowGraph, Segment, SegmentEdge, SegmentGraph } from './types';

/**
 * The graph seen by security group: an allowed class edge S→D adds its allowed ports to every pair
 * (g of S, h of D) and its ordered workload pairs, |S|·|D|, or |S|·(|S|-1) within one class. Unknown
 * ports are left out: a segment edge says what is surely open.
 */
export function aggregateBySegment(estate: Estate, graph: FlowGraph): SegmentGraph {
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
  const edges = new Map<
    string,
    { fromGroup: string; toGroup: string; protocol: string; ports: PortSet; pairs: number }
  >();
  for (const edge of graph.edges) {
    if (edge.allowed.isEmpty()) continue;
    const from = graph.classes[edge.from];
    const to = graph.classes[edge.to];
    if (from === undefined || to === undefined) continue;
    const size = from.workloadIds.length;
    const pairs = size * (edge.from === edge.to ? size - 1 : to.workloadIds.length);
    for (const fromGroup of from.groupIds) {
      for (const toGroup of to.groupIds) {
        const key = `${fromGroup}\t${toGroup}\t${edge.protocol}`;
        const found = edges.get(key);
        if (found === undefined) {
          edges.set(key, { fromGroup, toGroup, protocol: edge.protocol, ports: edge.allowed, pairs });
        } else {
          found.ports = found.ports.union(edge.allowed);
          found.pairs += pairs;
        }
      }
    }
  }
  const segmentEdges: SegmentEdge[] = [...edges.values()].map((edge) => ({
    fromGroup: edge.fromGroup,
    toGroup: edge.toGroup,
    protocol: edge.protocol,
    ports: edge.ports.ranges().map(({ from, to }) => ({ from, to })),
    workloadPairs: edge.pairs,
  }));
  return { segments, edges: segmentEdges };
}
