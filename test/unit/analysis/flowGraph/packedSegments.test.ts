import { describe, expect, it } from 'vitest';
import {
  aggregateBySegment,
  computeFlowGraph,
  packSegmentGraph,
} from '../../../../main/core/analysis/flowGraph';
import type { SegmentGraph } from '../../../../main/core/analysis/flowGraph/types';
import { createService } from '../../../../main/service/createService';
import { unpackSegmentEdges } from '../../helpers/segmentEdges';
import { tempDbFile } from '../../helpers/tempWorkspace';

const segment = (groupId: string) => ({ groupId, name: groupId, vpcId: 'vpc-1', members: 2 });

describe('the packed segment graph', () => {
  it('gives back every edge of the sample, its cluster too: groups, protocol, ports and pairs', async () => {
    const { workspace, close } = await createService({
      dbFile: tempDbFile(),
      seedSampleFrom: 'resources/sample',
    });
    const estate = workspace.snapshots.loadEstate(workspace.snapshots.newestId());
    close();
    const graph = aggregateBySegment(estate, computeFlowGraph(estate));
    expect(graph.edges.some((edge) => edge.fromGroup.startsWith('namespace/'))).toBe(true);
    const packed = packSegmentGraph(graph);
    expect(graph.edges.length).toBeGreaterThan(10);
    expect(packed.segments).toBe(graph.segments);
    expect(unpackSegmentEdges(packed)).toEqual(graph.edges);
    // Numbers only: no object per edge crosses to the window.
    expect(Object.values(packed.edges).every((column) => Array.isArray(column))).toBe(true);
    expect(packed.edges.portStart).toHaveLength(graph.edges.length + 1);
  });

  it('keeps several ranges, none, and each protocol apart', () => {
    const graph: SegmentGraph = {
      segments: [segment('sg-a'), segment('sg-b')],
      edges: [
        {
          fromGroup: 'sg-a',
          toGroup: 'sg-b',
          protocol: 'tcp',
          ports: [
            { from: 22, to: 22 },
            { from: 8000, to: 8080 },
          ],
          workloadPairs: 4,
        },
        { fromGroup: 'sg-b', toGroup: 'sg-a', protocol: '50', ports: [], workloadPairs: 4 },
        {
          fromGroup: 'sg-b',
          toGroup: 'sg-b',
          protocol: 'tcp',
          ports: [{ from: 0, to: 65535 }],
          workloadPairs: 2,
        },
      ],
    };
    const packed = packSegmentGraph(graph);
    expect(packed.edges.protocols).toEqual(['tcp', '50']);
    expect(packed.edges.portStart).toEqual([0, 2, 2, 3]);
    expect(unpackSegmentEdges(packed)).toEqual(graph.edges);
  });

  it('refuses an edge between groups that are not segments of the graph', () => {
    const graph: SegmentGraph = {
      segments: [segment('sg-a')],
      edges: [{ fromGroup: 'sg-a', toGroup: 'sg-x', protocol: 'tcp', ports: [], workloadPairs: 1 }],
    };
    expect(() => packSegmentGraph(graph)).toThrow('sg-x');
  });
});
