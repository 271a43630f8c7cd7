import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReachabilityEngine } from '../../../main/core/analysis/reachability';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { Estate } from '../../../main/core/domain/estate';
import { affectedWorkloads, diffEstates } from '../../../main/core/impact/estateDiff';
import { diffFlows } from '../../../main/core/impact/flowChanges';
import { diffInternetEgress } from '../../../main/core/impact/internetEgress';
import { diffOutsideFlows } from '../../../main/core/impact/outsideFlows';
import { servers } from '../analysis/arbitraries';
import { build, type EstateSpec, estateSpec } from '../analysis/randomEstate';

/** The parts of a random estate that a later export may differ in, each drawn again or kept. */
const parts = [
  'vpcs',
  'enis',
  'groups',
  'subnetAcls',
  'defaultAcls',
  'peering',
  'transit',
  'openAcls',
  'openEgress',
  'nat',
  'transitGateway',
  'endpoint',
  'routeTables',
] as const satisfies readonly (keyof EstateSpec)[];

const pair = fc
  .tuple(estateSpec, estateSpec, fc.subarray([...parts], { minLength: 1, maxLength: 3 }))
  .map(([before, other, redrawn]) => ({
    before,
    after: { ...before, ...Object.fromEntries(redrawn.map((part) => [part, other[part]])) } as EstateSpec,
    redrawn,
  }));

const imported = async (spec: EstateSpec): Promise<Estate> =>
  (await readAwsExport(build(spec).builder.inputs())).estate;

describe('the workloads a change affects (docs/impact.md, "Affected workloads")', () => {
  it('find every flow, connection out and logged connection in that changes between random estates differing in a few parts', async () => {
    let narrowedWithChanges = 0;
    await fc.assert(
      fc.asyncProperty(pair, async ({ before: a, after: b, redrawn }) => {
        const [before, after] = [await imported(a), await imported(b)];
        const affected = affectedWorkloads(before, after, diffEstates(before, after));
        const sides = [before, after].map((estate) => ({ estate, engine: new ReachabilityEngine(estate) }));
        const [was, now] = sides as [(typeof sides)[number], (typeof sides)[number]];
        // What flow logs would have seen come in: clients on the internet, and each other workload.
        const outside = before.workloads.flatMap((workload) =>
          [...servers, ...before.workloads.map((other) => other.privateIps[0] ?? '')]
            .filter((client) => client !== '' && client !== workload.privateIps[0])
            .flatMap((client) =>
              [
                ['tcp', 443],
                ['udp', 53],
              ].map(([protocol, port]) => ({
                client,
                server: workload.privateIps[0] ?? '',
                service: workload.id,
                protocol: protocol as string,
                port: port as number,
                records: 1,
                lastSeen: 0,
              })),
            ),
        );
        const found = (among: ReadonlySet<string> | 'all') => ({
          flows: diffFlows(before, after, among, new Map(), []).flows,
          egress: diffInternetEgress(was, now, among, new Map()),
          outside: diffOutsideFlows(was.engine, now.engine, outside, among, () => null),
        });
        const narrowed = found(affected);
        expect({ redrawn, found: narrowed }).toEqual({ redrawn, found: found('all') });
        if (affected !== 'all' && affected.size < after.workloads.length && narrowed.flows.length > 0)
          narrowedWithChanges += 1;
      }),
      { numRuns: 500 },
    );
    // Not vacuous: often only some workloads are affected, and flows still change among them.
    expect(narrowedWithChanges).toBeGreaterThan(40);
  });
});
