import { parseArgs } from 'node:util';
import { type EstateSizes, fullSizes } from './estate/sizes';

export interface BenchOptions {
  readonly sizes: EstateSizes;
  readonly json: boolean;
}

const sizeFlags = ['enis', 'groups', 'rules', 'subnets'] as const;

export const usage = `npm run bench -- [--json] [--enis N] [--groups N] [--rules N] [--subnets N]
  defaults: ${sizeFlags.map((flag) => `--${flag} ${fullSizes[flag]}`).join(' ')}`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      enis: { type: 'string' },
      groups: { type: 'string' },
      rules: { type: 'string' },
      subnets: { type: 'string' },
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
  return { sizes: sizes as unknown as EstateSizes, json: values.json === true };
}
