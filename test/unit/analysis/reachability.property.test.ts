import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FlowVerdict, ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import {
  type BruteFlow,
  type BruteLayers,
  bruteForce,
  bruteForceFromInternet,
  bruteForceToInternet,
  bruteForceToPublicAddress,
  overall,
} from './bruteForce';
import { build, estateSpec } from './randomEstate';

/**
 * Random small estates (randomEstate.ts), written as export JSON and imported, checked flow by flow
 * against the brute-force reading in bruteForce.ts, layer by layer.
 */

/** Every layer as the naive reading has it, and the flow's verdict from them; the flow is in the message. */
function agree(flow: object, verdict: FlowVerdict, expected: BruteLayers): void {
  const layers = Object.fromEntries(verdict.explanation.map((layer) => [layer.layer, layer.verdict]));
  expect({ flow, layers }).toEqual({ flow, layers: expected });
  expect(verdict.allowed).toBe(overall(expected));
}

/** Hundreds of random estates: minutes on a loaded 2-core machine, not the default 30 s. */
const heavy = 180_000;

describe('ReachabilityEngine against a brute-force evaluator', () => {
  it(
    'agrees on every layer of random flows in random estates',
    async () => {
      await fc.assert(
        fc.asyncProperty(estateSpec, async (spec) => {
          const { builder, eniIds } = build(spec);
          const engine = new ReachabilityEngine((await readAwsExport(builder.inputs())).estate);
          const documents = builder.documents();
          for (const flow of spec.flows) {
            const [protocol, port] = flow.traffic;
            const query: BruteFlow = {
              source: eniIds[flow.source % eniIds.length] as string,
              // Another ENI: a flow from an ENI to itself never leaves it.
              destination: eniIds[
                (flow.source + 1 + (flow.destination % (eniIds.length - 1))) % eniIds.length
              ] as string,
              protocol,
              port,
            };
            agree(query, engine.check(query), bruteForce(documents, query));
            if (spec.nat) {
              const toNat = { ...query, destination: 'eni-nat' };
              agree(toNat, engine.check(toNat), bruteForce(documents, toNat));
            }
            if (spec.transitGateway !== null) {
              for (const pair of [
                { ...query, source: 'eni-tgw' },
                { ...query, destination: 'eni-tgw' },
              ])
                agree(pair, engine.check(pair), bruteForce(documents, pair));
            }
            if (spec.lambda !== null) {
              for (const pair of [
                { ...query, source: 'eni-fn' },
                { ...query, destination: 'eni-fn' },
              ])
                agree(pair, engine.check(pair), bruteForce(documents, pair));
            }
            if (spec.endpoint) {
              for (const pair of [
                { ...query, source: 'eni-vpce' },
                { ...query, destination: 'eni-vpce' },
              ])
                agree(pair, engine.check(pair), bruteForce(documents, pair));
              const outOf = { source: 'eni-vpce', server: flow.server, protocol, port };
              agree(
                outOf,
                engine.check({ ...outOf, destination: flow.server }),
                bruteForceToInternet(documents, outOf),
              );
            }
            // The same source out to a server on the internet, and a client there in to the destination.
            const out = { source: query.source, server: flow.server, protocol, port };
            agree(
              out,
              engine.check({ ...out, destination: flow.server }),
              bruteForceToInternet(documents, out),
            );
            const inbound = { client: flow.server, destination: query.destination, protocol, port };
            agree(
              inbound,
              engine.check({ ...inbound, source: flow.server }),
              bruteForceFromInternet(documents, inbound),
            );
            // Anything in a range the rules cut into parts, as its every address says one by one.
            const range = '93.184.216.32/29';
            const each = Array.from({ length: 8 }, (_, at) =>
              overall(bruteForceFromInternet(documents, { ...inbound, client: `93.184.216.${32 + at}` })),
            );
            const anything = each.includes(true) ? true : each.includes('unknown') ? 'unknown' : false;
            expect({ range, inbound, allowed: engine.check({ ...inbound, source: range }).allowed }).toEqual({
              range,
              inbound,
              allowed: anything,
            });
            // The source to the destination's public address, out through the internet and back in.
            const index = eniIds.indexOf(query.destination);
            if (spec.enis[index]?.publicIp) {
              agree(
                { ...query, via: 'public address' },
                engine.check({ ...query, destination: `54.0.0.${index}` }),
                bruteForceToPublicAddress(documents, query),
              );
            }
          }
        }),
        { numRuns: 1000 },
      );
    },
    heavy,
  );
});
