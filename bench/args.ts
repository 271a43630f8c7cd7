import { parseArgs } from 'node:util';
import { type EstateSizes, fullSizes } from './estate/sizes';

export interface BenchOptions {
  readonly sizes: EstateSizes;
  /** The estate the full graph is measured on: the same proportions, this many ENIs. */
  readonly graphSizes: EstateSizes;
  /** Lines of the generated VPC flow log read through readFlowLogs. */
  readonly flowLogLines: number;
  readonly json: boolean;
}

const sizeFlags = ['enis', 'groups', 'rules', 'subnets'] as const;

const defaultGraphEnis = 5_000;
const defaultFlowLogLines = 2_000_000;

export const usage = `npm run bench -- [--json] [--enis N] [--groups N] [--rules N] [--subnets N] [--graph-enis N] [--flow-log-lines N]
  defaults: ${sizeFlags.map((flag) => `--${flag} ${fullSizes[flag]}`).join(' ')} --graph-enis ${defaultGraphEnis} --flow-log-lines ${defaultFlowLogLines}`;

/** The same estate scaled to `enis` ENIs, keeping groups, rules and subnets in proportion. */
function scaled(sizes: EstateSizes, enis: number): EstateSizes {
  const factor = Math.min(1, enis / sizes.enis);
  const keep = (n: number, least: number) => Math.max(least, Math.round(n * factor));
  return {
    ...sizes,
    enis: keep(sizes.enis, 1),
    groups: keep(sizes.groups, sizes.vpcs),
    rules: keep(sizes.rules, 0),
    subnets: keep(sizes.subnets, sizes.vpcs),
  };
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      enis: { type: 'string' },
      groups: { type: 'string' },
      rules: { type: 'string' },
      subnets: { type: 'string' },
      'graph-enis': { type: 'string' },
      'flow-log-lines': { type: 'string' },
    },
    strict: true,
  });
  const sizes: Record<string, number> = { ...fullSizes };
  for (const flag of sizeFlags) {
    const text = values[flag];
    if (typeof text !== 'string') continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${flag} needs a whole number, got ${text}`);
    sizes[flag] = value;
  }
  const graphEnis = Number(values['graph-enis'] ?? defaultGraphEnis);
  if (!Number.isInteger(graphEnis) || graphEnis < 1) throw new Error('--graph-enis needs a whole number ≥ 1');
  const flowLogLines = Number(values['flow-log-lines'] ?? defaultFlowLogLines);
  if (!Number.isInteger(flowLogLines) || flowLogLines < 1)
    throw new Error('--flow-log-lines needs a whole number ≥ 1');
  const full = sizes as unknown as EstateSizes;
  return { sizes: full, graphSizes: scaled(full, graphEnis), flowLogLines, json: values.json === true };
}
