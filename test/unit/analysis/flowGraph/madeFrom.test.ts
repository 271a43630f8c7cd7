import { describe, expect, it } from 'vitest';
import { computeFlowGraph, type FlowGraph } from '../../../../main/core/analysis/flowGraph/index';
import type { PortSet } from '../../../../main/core/analysis/portSet';
import { readAwsExport } from '../../../../main/core/aws/readAwsExport';
import { applyChange } from '../../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../../main/core/impact/change';

/** Every edge as the workload pairs it stands for: graphs whose classes differ compare this way. */
function workloadEdges(graph: FlowGraph): string[] {
  const lines: string[] = [];
  graph.edges.forEach((from: number, to: number, protocol: string, allowed: PortSet, unknown: PortSet) => {
    for (const a of graph.classes[from]?.workloadIds ?? []) {
      for (const b of graph.classes[to]?.workloadIds ?? []) {
        lines.push(`${a}>${b} ${protocol} ${allowed} ? ${unknown}`);
      }
    }
  });
  return lines.sort();
}

const rule = (peer: string): ChangeEdit => ({
  op: 'add-rule',
  rule: {
    groupId: 'sg-0d94d013271114a85',
    direction: 'ingress',
    protocol: 'tcp',
    fromPort: 6443,
    toPort: 6443,
    peer,
  },
});

describe('the graph of an estate made from another', () => {
  it.each<[string, ChangeEdit, boolean]>([
    ['a rule from a CIDR around the subnets', rule('10.20.0.0/16'), true],
    // 10.20.16.224/28 lies strictly inside subnet 10.20.16.0/20 and holds 10.20.16.233: it splits a class.
    ['a rule from a CIDR inside a subnet', rule('10.20.16.224/28'), false],
    [
      'a workload given another group',
      { op: 'add-group', eni: 'eni-06b92985795909555', groupId: 'sg-0c79fbd2fa97c9242' },
      false,
    ],
  ])(
    'takes its classes only when they hold, and has the edges of its own either way: %s',
    async (_, edit, taken) => {
      const { estate: before } = await readAwsExport([{ kind: 'path', path: 'resources/sample/aws' }]);
      const beforeGraph = computeFlowGraph(before);
      const after = applyChange(before, { edits: [edit] });
      const graph = computeFlowGraph(after, { madeFrom: before });
      expect(graph.classes === beforeGraph.classes).toBe(taken);
      // A copy of the estate is a new object: its graph is worked out from nothing.
      const alone = computeFlowGraph({ ...after });
      expect(alone.classes).not.toBe(beforeGraph.classes);
      const edges = workloadEdges(graph);
      expect(edges).toEqual(workloadEdges(alone));
      expect(edges).not.toEqual(workloadEdges(beforeGraph));
    },
  );
});
