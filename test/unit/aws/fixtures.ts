import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readAwsExport } from '../../../main/core/aws/readAwsExport';
import type { ImportInput } from '../../../main/core/input/importInput';

/** A consistent export of one small estate, as `aws ec2 describe-*` prints it. */
export const estateDir = fileURLToPath(new URL('../../fixtures/aws/estate', import.meta.url));

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${estateDir}/${name}`, 'utf8'));
}

/** The list a fixture exports, e.g. `SecurityGroups` of security-groups.json. */
export function fixtureList(name: string, key: string): unknown[] {
  const list = fixture(name)[key];
  if (!Array.isArray(list)) throw new Error(`${name} has no list ${key}`);
  return list;
}

type Step = string | number;

/** A fixture with the value at `path` replaced, or removed when `value` is undefined: the bad inputs tests need. */
export function altered(name: string, path: readonly Step[], value: unknown): Record<string, unknown> {
  const document = fixture(name);
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, step) => (node as Record<Step, unknown>)[step], document);
  const last = path.at(-1) ?? '';
  if (value === undefined) delete (parent as Record<Step, unknown>)[last];
  else (parent as Record<Step, unknown>)[last] = value;
  return document;
}

export function jsonInput(name: string, document: unknown): ImportInput {
  return { kind: 'bytes', name, data: new TextEncoder().encode(JSON.stringify(document, null, 2)) };
}

/** The fixtures every ENI depends on: its VPC, subnet and groups. */
export const eniContext = ['vpcs.json', 'subnets.json', 'security-groups.json'].map((name) =>
  jsonInput(name, fixture(name)),
);

/** 'imported', or the message the import was refused with. */
export const refusal = (inputs: ImportInput[]): Promise<string> =>
  readAwsExport(inputs).then(
    () => 'imported',
    (error: Error) => error.message,
  );
