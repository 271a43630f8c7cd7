import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApplicationModel } from '../../../main/core/applications/model';
import { runCli } from '../helpers/runCli';
import { tempDbFile } from '../helpers/tempWorkspace';

/** A workspace holding one import of `files` (name → text) from a folder of their own. */
async function imported(files: Record<string, string>): Promise<{ db: string; out: string }> {
  const db = tempDbFile();
  const folder = join(dirname(db), 'input');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  const { code, out } = await runCli('import', '--db', db, folder);
  expect(code).toBe(0);
  return { db, out };
}

const component = (name: string, spec: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: ${name} }\nspec: ${spec}\n`;

describe('faultline apps on a catalog alone', () => {
  it('lists a consumed API no file provides: at the import, and in apps text and --json', async () => {
    const { db, out } = await imported({
      'catalog-info.yaml': component('order-api', '{ consumesApis: [api:default/stock-api] }'),
    });
    expect(out).toContain(
      'order-api consumes stock-api, which no catalog file provides (doc 1 $.spec.consumesApis[0])',
    );
    const text = (await runCli('apps', '--db', db)).out;
    expect(text).toMatch(
      /\nConsumed APIs no catalog file provides \(1; .*\)\nCONSUMER\s+API\s+DECLARED AT\n/,
    );
    expect(text).toMatch(
      /\norder-api\s+stock-api\s+\S*catalog-info\.yaml doc 1 \$\.spec\.consumesApis\[0\]\n/,
    );
    const model = JSON.parse((await runCli('apps', '--db', db, '--json')).out) as ApplicationModel;
    expect(model.unresolvedApis).toEqual([
      {
        api: 'stock-api',
        consumer: 'order-api',
        source: { file: expect.stringMatching(/catalog-info\.yaml$/), path: 'doc 1 $.spec.consumesApis[0]' },
      },
    ]);
  });

  it('skips a Helm Chart.yaml beside the catalog, with a reason, rather than failing the import', async () => {
    const { out } = await imported({
      'catalog-info.yaml': component('order-api', '{}'),
      'mychart/Chart.yaml':
        'apiVersion: v2\nname: mychart\nversion: 0.1.0\ndependencies:\n  - name: postgresql\n    version: 12.5.6\n    repository: https://charts.bitnami.com/bitnami\n',
    });
    expect(out).toMatch(/skipped\s+\S*mychart\/Chart\.yaml {2}\(YAML, but none that Faultline reads: /);
  });
});
