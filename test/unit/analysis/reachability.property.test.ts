import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EndpointError, FlowError } from '../../../main/core/analysis/errors';
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
import { build, endpointName, estateSpec } from './randomEstate';

/**
 * Random small estates (randomEstate.ts), written as export JSON and imported, checked flow by flow
 * against the brute-force reading in bruteForce.ts, layer by layer.
 */

/**
 * Every layer as the naive reading has it, and the flow's verdict from them; where the naive reading
 * finds no flow (an end that names none, families that differ), the engine's refusal. The flow is in
 * the message.
 */
function agree(flow: object, check: () => FlowVerdict, expected: BruteLayers | 'error'): void {
  if (expected === 'error') {
    let refused: unknown = null;
    try {
      check();
    } catch (error) {
      refused = error;
    }
    expect({ flow, refused: refused instanceof EndpointError || refused instanceof FlowError }).toEqual({
      flow,
      refused: true,
    });
    return;
  }
  const verdict = check();
  const layers = Object.fromEntries(verdict.explanation.map((layer) => [layer.layer, layer.verdict]));
  expect({ flow, layers }).toEqual({ flow, layers: expected });
  expect(verdict.allowed).toBe(overall(expected));
}

/** Hundreds of random estates: a minute on a loaded 2-core machine, not the default 5 s. */
const heavy = 120_000;

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
            agree(query, () => engine.check(query), bruteForce(documents, query));
            if (spec.nat) {
              const toNat = { ...query, destination: 'eni-nat' };
              agree(toNat, () => engine.check(toNat), bruteForce(documents, toNat));
            }
            if (spec.transitGateway !== null) {
              for (const pair of [
                { ...query, source: 'eni-tgw' },
                { ...query, destination: 'eni-tgw' },
              ])
                agree(pair, () => engine.check(pair), bruteForce(documents, pair));
            }
            if (spec.lambda !== null) {
              for (const pair of [
                { ...query, source: 'eni-fn' },
                { ...query, destination: 'eni-fn' },
              ])
                agree(pair, () => engine.check(pair), bruteForce(documents, pair));
            }
            if (spec.endpoint) {
              for (const pair of [
                { ...query, source: 'eni-vpce' },
                { ...query, destination: 'eni-vpce' },
              ])
                agree(pair, () => engine.check(pair), bruteForce(documents, pair));
              const outOf = { source: 'eni-vpce', server: flow.server, protocol, port };
              agree(
                outOf,
                () => engine.check({ ...outOf, destination: flow.server }),
                bruteForceToInternet(documents, outOf),
              );
            }
            // The same source out to a server on the internet, and a client there in to the destination.
            const out = { source: query.source, server: flow.server, protocol, port };
            agree(
              out,
              () => engine.check({ ...out, destination: flow.server }),
              bruteForceToInternet(documents, out),
            );
            const inbound = { client: flow.server, destination: query.destination, protocol, port };
            agree(
              inbound,
              () => engine.check({ ...inbound, source: flow.server }),
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
                () => engine.check({ ...query, destination: `54.0.0.${index}` }),
                bruteForceToPublicAddress(documents, query),
              );
            }
          }
        }),
        { numRuns: 400 },
      );
    },
    heavy,
  );

  it(
    'agrees on flows whose ends are named by ENI id, instance id or any address, over IPv4 and IPv6',
    async () => {
      await fc.assert(
        fc.asyncProperty(estateSpec, async (spec) => {
          const { builder, endpoints } = build(spec);
          const engine = new ReachabilityEngine((await readAwsExport(builder.inputs())).estate);
          const documents = builder.documents();
          for (const flow of spec.flows) {
            const count = endpoints.length;
            const source = endpoints[flow.source % count] as (typeof endpoints)[number];
            const destination = endpoints[
              (flow.source + 1 + (flow.destination % (count - 1))) % count
            ] as (typeof endpoints)[number];
            const ends = [
              endpointName(source, flow.sourceForm, flow.ipv6),
              endpointName(destination, flow.destinationForm, flow.ipv6),
            ] as const;
            const [written, port] = flow.traffic;
            // ICMP over IPv6 is ICMPv6; the families' mismatch is the engine's unit tests' to refuse.
            const protocol = written === 'icmp' && ends.some((end) => end.includes(':')) ? 'icmpv6' : written;
            const query: BruteFlow = { source: ends[0], destination: ends[1], protocol, port };
            agree(query, () => engine.check(query), bruteForce(documents, query));
          }
        }),
        { numRuns: 400 },
      );
    },
    heavy,
  );
});
