import { describe, expect, it } from 'vitest';
import { computeFlowGraph } from '../../../../main/core/analysis/flowGraph';
import { ReachabilityEngine } from '../../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../../main/core/aws/readAwsExport';
import { disagreements } from './graphVerdict';

/** The ports of the dependencies resources/sample/README.md documents, and ICMP echo request. */
const documented = [22, 80, 443, 3000, 5432, 8080, 8081, 8082, 8083, 8090, 8443, 9090, 9100, 9200, 50000];

describe('the flow graph of the bundled sample', () => {
  it('agrees with the engine for every pair of ENIs on the documented ports', async () => {
    const { estate } = await readAwsExport([{ kind: 'path', path: 'resources/sample/aws' }]);
    const graph = computeFlowGraph(estate);
    const traffic = [...documented.map((port) => ['tcp', port] as const), ['icmp', 8] as const];
    const ids = estate.workloads.map((workload) => workload.id);
    expect(disagreements(graph, new ReachabilityEngine(estate), ids, traffic)).toEqual([]);
    expect(graph.classes.flatMap((one) => one.workloadIds).sort()).toEqual([...ids].sort());
  });
});
