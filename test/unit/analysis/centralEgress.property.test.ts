import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceToInternet, overall } from './bruteForce';
import { randomEgressHub, randomEgressHubSpec } from './randomEgressHub';

/**
 * Centralized egress in random states of repair (randomEgressHub.ts). The engine is held to the
 * brute-force reading, layer by layer, for connections out from either zone.
 */
describe('centralized egress against the brute-force evaluator', () => {
  it('agrees on every layer of connections out through a transit gateway and an egress VPC', async () => {
    const seen = { true: 0, false: 0, unknown: 0 };
    await fc.assert(
      fc.asyncProperty(randomEgressHubSpec, async (one) => {
        const builder = randomEgressHub(one);
        const engine = await builder.engine();
        const [protocol, port] = one.traffic;
        const flow = { source: one.source, server: one.server, protocol, port };
        const verdict = engine.check({ ...flow, destination: one.server });
        const expected = bruteForceToInternet(builder.documents(), flow);
        const layers = Object.fromEntries(verdict.explanation.map((layer) => [layer.layer, layer.verdict]));
        expect({ flow, layers }).toEqual({ flow, layers: expected });
        expect(verdict.allowed).toBe(overall(expected));
        seen[String(verdict.allowed) as keyof typeof seen] += 1;
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: connections get out, are stopped, and are left in doubt.
    expect(seen.true).toBeGreaterThan(30);
    expect(seen.false).toBeGreaterThan(30);
    expect(seen.unknown).toBeGreaterThan(30);
  });
});
