import { parseArgs } from 'node:util';
import { type EstateSizes, fullSizes } from './estate/sizes';

export interface BenchOptions {
  readonly sizes: EstateSizes;
  /** Lines of the generated VPC flow log read through readFlowLogs. */
  readonly flowLogLines: number;
  readonly json: boolean;
}

const sizeFlags = ['enis', 'groups', 'rules', 'subnets'] as const;

const defaultFlowLogLines = 2_000_000;

export const usage = `npm run bench -- [--json] [--enis N] [--groups N] [--rules N] [--subnets N] [--flow-log-lines N]
  defaults: ${sizeFlags.map((flag) => `--${flag} ${fullSizes[flag]}`).join(' ')} --flow-log-lines ${defaultFlowLogLines}`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      enis: { type: 'string' },
      groups: { type: 'string' },
      rules: { type: 'string' },
      subnets: { type: 'string' },
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
  const flowLogLines = Number(values['flow-log-lines'] ?? defaultFlowLogLines);
  if (!Number.isInteger(flowLogLines) || flowLogLines < 1)
    throw new Error('--flow-log-lines needs a whole number ≥ 1');
  const full = sizes as unknown as EstateSizes;
  return { sizes: full, flowLogLines, json: values.json === true };
}
