import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFlowGraph } from '../../../main/core/analysis/flowGraph';
import { type BruteFlow, bruteForce, overall } from './bruteForce';
import { disagreements } from './flowGraph/graphVerdict';
import { hub } from './transitGatewayHub';

const setting = fc.constantFrom('enable' as const, 'disable' as const, null);

/**
 * The transit gateway hub of transitGateways.test.ts with a rule naming the other VPC's group, in
 * random states of the referencing settings and of the way through: where group references across a
 * transit gateway decide, the random estates of the other property tests rarely go.
 */
const spec = fc.record({
  referencing: fc.record({
    gateway: fc.constantFrom('enable' as const, 'disable' as const, null, 'unexported' as const),
    a: setting,
    b: setting,
  }),
  byGroup: fc.constantFrom('ingress' as const, 'egress' as const),
  aState: fc.constantFrom('available', 'available', 'deleted'),
  applianceMode: fc.boolean(),
  bSubnets: fc.constantFrom<string[]>(['subnet-bt'], ['subnet-bt', 'subnet-b2']),
  table: fc.constantFrom('exported' as const, 'exported' as const, 'unexported' as const),
});

const enis = ['eni-a', 'eni-a2', 'eni-b', 'eni-bt'];

describe('group references across a transit gateway, against the brute-force evaluator and the flow graph', () => {
  it('agree on every layer of every pair, in random states of the settings', async () => {
    await fc.assert(
      fc.asyncProperty(spec, async (options) => {
        const builder = hub(options);
        const documents = builder.documents();
        const engine = await builder.engine();
        for (const source of enis) {
          for (const destination of enis) {
            if (source === destination) continue;
            const flow: BruteFlow = { source, destination, protocol: 'tcp', port: 443 };
            const verdict = engine.check(flow);
            const expected = bruteForce(documents, flow);
            if (expected === 'error')
              throw new Error(`the brute force names no flow ${source} → ${destination}`);
            const layers = Object.fromEntries(
              verdict.explanation.map((layer) => [layer.layer, layer.verdict]),
            );
            expect({ flow, layers }).toEqual({ flow, layers: expected });
            expect(verdict.allowed).toBe(overall(expected));
          }
        }
        const estate = await builder.estate();
        expect(disagreements(computeFlowGraph(estate), engine, enis, [['tcp', 443]])).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
