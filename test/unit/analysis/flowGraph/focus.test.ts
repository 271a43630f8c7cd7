import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateEstate } from '../../../../bench/estateGenerator';
import { EstateIndex } from '../../../../main/core/analysis/estateIndex';
import { sweepBasis, sweepClassEdges } from '../../../../main/core/analysis/flowGraph/classEdges';
import { partitionWorkloads } from '../../../../main/core/analysis/flowGraph/workloadClasses';
import type { PortSet } from '../../../../main/core/analysis/portSet';
import { readAwsExport } from '../../../../main/core/aws/readAwsExport';
import type { Estate } from '../../../../main/core/domain/estate';
import { tempDbFile } from '../../helpers/tempWorkspace';

type Line = string;
const line = (from: number, to: number, protocol: string, allowed: PortSet, unknown: PortSet): Line =>
  `${from}>${to} ${protocol} ${allowed} ? ${unknown}`;

/**
 * Checks, on random focus sets, that a focused sweep yields the full sweep's edges with a focus end,
 * all from one basis as computeFlowGraph keeps it: its caches, filled by the sweeps before, must not
 * change what the next one yields, full or focused.
 */
function agreesWithFullSweep(estate: Estate, minClasses: number, numRuns: number): void {
  const partition = partitionWorkloads(estate);
  const basis = sweepBasis(estate, new EstateIndex(estate), partition);
  const all: Line[] = [];
  sweepClassEdges(basis, (...edge) => all.push(line(...edge)));
  const count = partition.classes.length;
  expect(count).toBeGreaterThan(minClasses);
  expect(all.length).toBeGreaterThan(100);
  fc.assert(
    fc.property(fc.uniqueArray(fc.nat(count - 1), { maxLength: 6 }), (chosen) => {
      const focus = new Set(chosen);
      const focused: Line[] = [];
      sweepClassEdges(basis, (...edge) => focused.push(line(...edge)), { focus });
      const expected = all.filter((text) => {
        const [from, to] = (text.split(' ')[0] as string).split('>').map(Number);
        return focus.has(from as number) || focus.has(to as number);
      });
      expect(focused).toEqual(expected);
    }),
    { numRuns },
  );
  const again: Line[] = [];
  sweepClassEdges(basis, (...edge) => again.push(line(...edge)));
  expect(again).toEqual(all);
}

describe('a sweep focused on some classes', () => {
  it('yields exactly the edges of the full sweep with a focus class at one end', async () => {
    const { estate } = await readAwsExport([{ kind: 'path', path: 'resources/sample/aws' }]);
    agreesWithFullSweep(estate, 20, 40);
  });

  it('does so over many words of classes and several VPCs, where sources outside the focus work out only its words', async () => {
    const dir = tempDbFile('estate');
    await generateEstate(dir, { enis: 3000, groups: 300, rules: 3000, subnets: 60 });
    const { estate } = await readAwsExport([{ kind: 'path', path: dir }]);
    expect(new Set(estate.workloads.map((workload) => workload.vpcId)).size).toBeGreaterThan(1);
    agreesWithFullSweep(estate, 300, 25);
  });
});
