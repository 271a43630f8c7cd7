import { describe, expect, it } from 'vitest';
import { generateEstate } from '../../../../bench/estateGenerator';
import { aggregateBySegment, computeFlowGraph } from '../../../../main/core/analysis/flowGraph/index';
import type { PortSet } from '../../../../main/core/analysis/portSet';
import { readAwsExport } from '../../../../main/core/aws/readAwsExport';
import type { Estate } from '../../../../main/core/domain/estate';
import { tempDbFile } from '../../helpers/tempWorkspace';

interface Line {
  readonly text: string;
  readonly hasAllowed: boolean;
}

function edgesOf(estate: Estate, allowedOnly: boolean): Line[] {
  const found: Line[] = [];
  computeFlowGraph(estate, { allowedOnly }).edges.forEach(
    (from: number, to: number, protocol: string, allowed: PortSet, unknown: PortSet) => {
      found.push({
        text: `${from}>${to} ${protocol} ${allowed} ? ${unknown}`,
        hasAllowed: !allowed.isEmpty(),
      });
    },
  );
  return found;
}

const sample = async () => (await readAwsExport([{ kind: 'path', path: 'resources/sample/aws' }])).estate;
const generated = async () => {
  const dir = tempDbFile('estate');
  await generateEstate(dir, { enis: 1500, groups: 120, rules: 1500, subnets: 30 });
  return (await readAwsExport([{ kind: 'path', path: dir }])).estate;
};

describe('a graph of allowed edges only', () => {
  it.each([
    ['the sample', sample],
    ['a generated estate', generated],
  ])(
    'has exactly the full graph’s edges with an allowed port, and the same segments: %s',
    async (_, load) => {
      const estate = await load();
      const full = edgesOf(estate, false);
      const allowed = edgesOf(estate, true);
      // Both kinds present, so that leaving one out is seen.
      expect(full.some((edge) => edge.hasAllowed)).toBe(true);
      expect(full.some((edge) => !edge.hasAllowed)).toBe(true);
      expect(allowed.map((edge) => edge.text)).toEqual(
        full.filter((edge) => edge.hasAllowed).map((edge) => edge.text),
      );
      expect(aggregateBySegment(estate, computeFlowGraph(estate, { allowedOnly: true }))).toEqual(
        aggregateBySegment(estate, computeFlowGraph(estate)),
      );
    },
  );
});
