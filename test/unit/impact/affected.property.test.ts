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
import { type EgressHubSpec, randomEgressHub, randomEgressHubSpec } from '../analysis/randomEgressHub';
import { build, type EstateSpec, estateSpec } from '../analysis/randomEstate';

/** The parts of a random estate (randomEstate.ts) that a later export may differ in. */
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
  'blockPublicAccess',
  'exclusions',
  'transitGateway',
  'endpoint',
  'routeTables',
] as const satisfies readonly (keyof EstateSpec)[];

/** Two estates differing in some parts: each part of `before` drawn again from `other` or kept. */
function pairsOf<T extends object>(spec: fc.Arbitrary<T>, parts: readonly (keyof T)[]) {
  return fc
    .tuple(spec, spec, fc.subarray([...parts], { minLength: 1, maxLength: 3 }))
    .map(([before, other, redrawn]) => ({
      before,
      after: { ...before, ...Object.fromEntries(redrawn.map((part) => [part, other[part]])) } as T,
      redrawn,
    }));
}

/**
 * What the impact finds between two estates with the affected workloads only, and with all (to be
 * held equal), and whether the narrowing left some workloads out while flows still changed.
 */
function compared(before: Estate, after: Estate) {
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
          workloadId: workload.id,
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
  const changed = narrowed.flows.length + narrowed.egress.length + narrowed.outside.length > 0;
  return {
    narrowed,
    all: found('all'),
    narrowedWithChanges: affected !== 'all' && affected.size < after.workloads.length && changed,
  };
}

/** Hundreds of random estates: minutes on a loaded 2-core machine, not the default 30 s. */
const heavy = 180_000;

describe('the workloads a change affects (docs/impact.md, "Affected workloads")', () => {
  it(
    'find every flow, connection out and logged connection in that changes between random estates differing in a few parts',
    async () => {
      let narrowedWithChanges = 0;
      await fc.assert(
        fc.asyncProperty(pairsOf(estateSpec, parts), async ({ before, after, redrawn }) => {
          const imported = async (spec: EstateSpec) =>
            (await readAwsExport(build(spec).builder.inputs())).estate;
          const found = compared(await imported(before), await imported(after));
          expect({ redrawn, found: found.narrowed }).toEqual({ redrawn, found: found.all });
          if (found.narrowedWithChanges) narrowedWithChanges += 1;
        }),
        { numRuns: 500 },
      );
      // Not vacuous: often only some workloads are affected, and flows still change among them.
      expect(narrowedWithChanges).toBeGreaterThan(40);
    },
    heavy,
  );

  it(
    'find every connection out through an egress VPC that changes between random states of centralized egress',
    async () => {
      const parts = [
        'aState',
        'eState',
        'aSubnets',
        'eSubnets',
        'applianceMode',
        'spoke',
        'spokeNarrow',
        'back',
        'entry',
        'entry2',
        'publicDefault',
        'publicBack',
        'nats',
        'natInEntrySubnet',
        'acls',
        'openAcls',
        'egress',
        'bystanderNatPublic',
      ] as const satisfies readonly (keyof EgressHubSpec)[];
      let narrowedWithChanges = 0;
      await fc.assert(
        fc.asyncProperty(pairsOf(randomEgressHubSpec, parts), async ({ before, after, redrawn }) => {
          const found = compared(
            await randomEgressHub(before).estate(),
            await randomEgressHub(after).estate(),
          );
          expect({ redrawn, found: found.narrowed }).toEqual({ redrawn, found: found.all });
          if (found.narrowedWithChanges) narrowedWithChanges += 1;
        }),
        { numRuns: 200 },
      );
      expect(narrowedWithChanges).toBeGreaterThan(10);
    },
    heavy,
  );
});
