import { describe, expect, it } from 'vitest';
import { aggregateBySegment, computeFlowGraph } from '../../../../main/core/analysis/flowGraph';
import { joinSegmentGraphs, SegmentEdgeSums } from '../../../../main/core/analysis/flowGraph/packedSegments';
import { PortSet } from '../../../../main/core/analysis/portSet';
import { createService } from '../../../../main/service/createService';
import { segmentEdgesByDefinition, unpackSegmentEdges } from '../../helpers/segmentEdges';
import { tempDbFile } from '../../helpers/tempWorkspace';

const segment = (groupId: string) => ({ groupId, name: groupId, vpcId: 'vpc-1', members: 2 });
/** An unpacked segment edge, its ports as [from, to] ranges. */
const edge = (
  fromGroup: string,
  toGroup: string,
  protocol: string,
  ranges: [number, number][],
  pairs: number,
) => ({
  fromGroup,
  toGroup,
  protocol,
  ports: ranges.map(([from, to]) => ({ from, to })),
  workloadPairs: pairs,
});
describe('the packed segment graph', () => {
  it('sums every class edge of the sample into its group pairs, and adds the cluster', async () => {
    const { workspace, close } = await createService({
      dbFile: tempDbFile(),
      seedSampleFrom: 'resources/sample',
    });
    const estate = workspace.snapshots.loadEstate(workspace.snapshots.newestId());
    close();
    const graph = computeFlowGraph(estate);
    const packed = aggregateBySegment(estate, graph);
    const edges = unpackSegmentEdges(packed);
    const ofGroups = edges.filter((edge) => edge.fromGroup.startsWith('sg-'));
    expect(ofGroups.length).toBeGreaterThan(10);
    // In the order first met, as the views and the stored graph have them.
    expect(ofGroups).toEqual(segmentEdgesByDefinition(graph));
    expect(edges.some((edge) => edge.fromGroup.startsWith('namespace/'))).toBe(true);
    // Numbers only: no object per edge crosses to the window.
    expect(Object.values(packed.edges).every((column) => Array.isArray(column))).toBe(true);
    expect(packed.edges.portStart).toHaveLength(edges.length + 1);
  });

  it('sums ports and pairs per edge, keeps protocols apart, and edges in the order first added', () => {
    const sums = new SegmentEdgeSums(2);
    const tcp = sums.protocolIndex('tcp');
    const esp = sums.protocolIndex('50');
    expect(sums.protocolIndex('tcp')).toBe(tcp);
    const ssh = PortSet.of(22);
    sums.add(0, 1, tcp, ssh, 4);
    sums.add(1, 0, esp, PortSet.all, 4);
    sums.add(1, 1, tcp, PortSet.all, 2);
    sums.add(0, 1, tcp, PortSet.range(8000, 8080), 3);
    sums.add(0, 1, tcp, ssh, 1);
    sums.add(0, 1, esp, PortSet.all, 5);
    expect(sums.count).toBe(4);
    const packed = sums.packed([segment('sg-a'), segment('sg-b')]);
    expect(packed.edges.protocols).toEqual(['tcp', '50']);
    expect(unpackSegmentEdges(packed)).toEqual([
      edge(
        'sg-a',
        'sg-b',
        'tcp',
        [
          [22, 22],
          [8000, 8080],
        ],
        8,
      ),
      edge('sg-b', 'sg-a', '50', [[0, 65535]], 4),
      edge('sg-b', 'sg-b', 'tcp', [[0, 65535]], 2),
      edge('sg-a', 'sg-b', '50', [[0, 65535]], 5),
    ]);
    expect(packed.edges.portStart).toEqual([0, 2, 3, 4, 5]);
  });

  it('joins two graphs: the second one’s segments, protocols and ports after the first one’s', () => {
    const first = new SegmentEdgeSums(2);
    first.add(0, 1, first.protocolIndex('tcp'), PortSet.range(80, 81), 1);
    const second = new SegmentEdgeSums(2);
    second.add(1, 0, second.protocolIndex('udp'), PortSet.of(53), 2);
    second.add(0, 0, second.protocolIndex('tcp'), PortSet.of(443), 3);
    const joined = joinSegmentGraphs(
      first.packed([segment('sg-a'), segment('sg-b')]),
      second.packed([segment('namespace/x'), segment('namespace/y')]),
    );
    expect(joined.segments.map((one) => one.groupId)).toEqual(['sg-a', 'sg-b', 'namespace/x', 'namespace/y']);
    expect(joined.edges.protocols).toEqual(['tcp', 'udp']);
    expect(unpackSegmentEdges(joined)).toEqual([
      edge('sg-a', 'sg-b', 'tcp', [[80, 81]], 1),
      edge('namespace/y', 'namespace/x', 'udp', [[53, 53]], 2),
      edge('namespace/x', 'namespace/x', 'tcp', [[443, 443]], 3),
    ]);
  });
});
