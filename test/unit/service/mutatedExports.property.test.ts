import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../main/service/createService';
import { dispatch } from '../../../main/service/dispatch';
import type { FaultlineService } from '../../../main/service/faultlineService';
import type { ImportFile } from '../../../preload/contract';
import { estateDir } from '../aws/fixtures';
import { tempDbFile } from '../helpers/tempWorkspace';

type Step = string | number;
type Json = unknown;

const transitGatewayDir = fileURLToPath(new URL('../../fixtures/aws/transit-gateway', import.meta.url));
const jsonIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== 'manifest.json')
    .map((name) => ({ name, document: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Json }));
/** The estate and the transit gateway joining its VPCs: the file names are distinct. */
const files = [...jsonIn(estateDir), ...jsonIn(transitGatewayDir)];
const names = files.map((file) => file.name);
const documents: Record<string, Json> = Object.fromEntries(files.map((file) => [file.name, file.document]));

/**
 * Every field holding a value rather than an object or list, in every file: where a mutation lands.
 * Readers refuse a wrong structure outright (the bad-input tests cover those); a wrong value in a
 * field of the right type is what can slip through to analysis.
 */
function fieldsIn(node: Json, at: Step[] = []): Step[][] {
  if (typeof node !== 'object' || node === null) return [at];
  const children: [Step, Json][] = Array.isArray(node)
    ? node.map((item, index) => [index, item])
    : Object.entries(node);
  return children.flatMap(([step, child]) => fieldsIn(child, [...at, step]));
}
const places = names.flatMap((name) => fieldsIn(documents[name]).map((path) => ({ name, path })));

/** What hand-edited or broken exports hold: other types, edge numbers, and addresses analysis cannot read. */
const replacements: Json[] = [
  undefined,
  null,
  -1,
  0,
  65536,
  1e20,
  1.5,
  '',
  'x',
  '-1',
  'tcp',
  '10.0.0.0/33',
  '300.1.1.1/8',
  '10.0.0.1',
  '::/0',
  '2001:db8::/129',
  '0.0.0.0/0',
  'sg-x',
  [],
  {},
  true,
];

function mutate(mutations: readonly [number, number][]): ImportFile[] {
  const copy = structuredClone(documents);
  for (const [placeIndex, valueIndex] of mutations) {
    const { name, path } = places[placeIndex] as (typeof places)[number];
    const parent = path
      .slice(0, -1)
      .reduce<Json>((node, step) => (node as Record<Step, Json>)?.[step], copy[name]);
    if (typeof parent !== 'object' || parent === null) continue; // an earlier mutation replaced it
    const last = path.at(-1) as Step;
    const value = replacements[valueIndex];
    if (value !== undefined) (parent as Record<Step, Json>)[last] = structuredClone(value);
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Record<Step, Json>)[last];
  }
  return names.map((name) => ({ name, data: new TextEncoder().encode(JSON.stringify(copy[name], null, 2)) }));
}

/**
 * Bad input never crashes the app: an export with random fields removed or replaced is either
 * refused, naming a file, and the workspace keeps what it had; or imported, and then every view
 * answers. An import that says yes to what analysis then cannot read is the failure this catches.
 */
describe('mutated exports through the service', () => {
  let service: FaultlineService;
  let close: () => void;

  beforeAll(async () => {
    ({ service, close } = await createService({ dbFile: tempDbFile() }));
  });
  afterAll(() => close());

  it('are refused with a file named, or imported and analysed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(places.length - 1), fc.nat(replacements.length - 1)), {
          minLength: 1,
          maxLength: 3,
        }),
        async (mutations) => {
          const before = (await service.listSnapshots()).length;
          const imported = await dispatch(service, 'importFiles', { files: mutate(mutations) });
          if (!imported.ok) {
            expect(imported.error.code).toBe('bad-input');
            expect(names).toContain(imported.error.file);
            expect(await service.listSnapshots()).toHaveLength(before);
            return;
          }
          const snapshotId = (imported.value as { snapshot: { id: number } }).snapshot.id;
          for (const method of ['applications', 'segmentGraph', 'topology', 'findings'] as const) {
            const answer = await dispatch(service, method, { snapshotId });
            expect(answer.ok ? 'answered' : answer.error, method).toBe('answered');
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});
