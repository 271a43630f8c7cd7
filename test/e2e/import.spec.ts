import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { recordPhases } from './events';
import { expect, repoRoot, sampleDir, screenshot, test } from './fixtures';

const estateDir = join(repoRoot, 'test/fixtures/aws/estate');

/** Whether the import's and the analysis's progress bars ever appeared, and the phases streamed. */
interface Watched {
  readonly seen: () => Promise<{ progress: boolean; analysis: boolean }>;
  readonly importPhases: () => Promise<string[]>;
  readonly analysisPhases: () => Promise<string[]>;
}

async function watchImport(page: Page): Promise<Watched> {
  await page.evaluate(() => {
    const w = window as unknown as { seen: { progress: boolean; analysis: boolean } };
    w.seen = { progress: false, analysis: false };
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="import-progress"]')) w.seen.progress = true;
      if (document.querySelector('[data-testid="analysis-progress"]')) w.seen.analysis = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  return {
    seen: () =>
      page.evaluate(() => ({
        ...(window as unknown as { seen: { progress: boolean; analysis: boolean } }).seen,
      })),
    importPhases: await recordPhases(page, 'importProgress'),
    analysisPhases: await recordPhases(page, 'analysisProgress'),
  };
}

async function expectImportEnded(page: Page, watched: Watched): Promise<void> {
  await expect(page.getByTestId('import-progress')).toBeHidden();
  expect((await watched.seen()).progress).toBe(true);
  await expect.poll(watched.importPhases).toContain('done');
  await expect(page.getByRole('button', { name: 'Import files…' })).toBeEnabled();
}

test('import through the file input shows per-file results and adds a snapshot', async ({
  app,
  snapshots,
}) => {
  const before = await snapshots.items.count();
  const watched = await watchImport(app);
  const files = [
    'network-acls.json',
    'security-group-rules.json',
    'security-groups.json',
    'subnets.json',
    'vpcs.json',
  ];
  await app.getByTestId('import-files-input').setInputFiles(files.map((f) => join(estateDir, f)));

  const results = app.getByTestId('import-results');
  await expect(results).toBeVisible();
  await expectImportEnded(app, watched);
  const rows = results.getByTestId('file-outcome');
  await expect(rows).toHaveCount(files.length);
  for (const [index, file] of files.entries()) {
    await expect(rows.nth(index)).toContainText(file);
    await expect(rows.nth(index)).toContainText('imported');
  }
  await expect(results.getByRole('row').filter({ hasText: 'security-groups.json' })).toContainText(
    'describe-security-groups',
  );

  // The new snapshot is listed first and selected.
  await expect(snapshots.items).toHaveCount(before + 1);
  const newest = snapshots.items.first();
  await expect(newest).toHaveClass(/\bselected\b/);
  await expect(newest.getByTestId('snapshot-name')).toHaveText(/network-acls\.json and 4 more/);
  await expect(app.getByTestId('snapshot-summary')).toContainText('from 5 source files');
  // No ENIs were imported: the application view says why it is empty; the segment view is not.
  const appView = app.getByRole('article', { name: 'Application topology' });
  await expect(appView).toContainText('No workloads in this snapshot');
  await expect(app.getByRole('article', { name: 'Segment topology' })).not.toContainText('No VPCs');
  await screenshot(app, 'import-results.png');
});

test('workloads in no application leave the application view empty, and it says what would fill it', async ({
  app,
}) => {
  const watched = await watchImport(app);
  const files = ['vpcs.json', 'subnets.json', 'security-groups.json', 'network-interfaces-1.json'];
  await app
    .getByTestId('import-files-input')
    .setInputFiles([...files, 'network-interfaces-2.json'].map((f) => join(estateDir, f)));
  await expectImportEnded(app, watched);
  // Without describe-instances no ENI has an app or service tag.
  const appView = app.getByRole('article', { name: 'Application topology' });
  await expect(appView).toContainText('9 workloads, none in an application, so no applications to draw');
  await expect(appView).toContainText('faultline tag-keys');
  await expect(appView).not.toContainText('No workloads');
});

test('import a folder through the folder input names the snapshot after the folder', async ({
  app,
  snapshots,
}) => {
  const before = await snapshots.items.count();
  const watched = await watchImport(app);
  await app.getByTestId('import-folder-input').setInputFiles(sampleDir);
  await expect(app.getByTestId('import-results')).toBeVisible();
  await expectImportEnded(app, watched);
  await expect(snapshots.items).toHaveCount(before + 1);
  await expect(snapshots.items.first().getByTestId('snapshot-name')).toHaveText(basename(sampleDir));
  // Names are relative paths inside the picked folder.
  await expect(app.getByTestId('file-outcome').first()).toContainText(`${basename(sampleDir)}/`);
  // The new snapshot's views are analysed, with progress, and replace it once drawn.
  await expect(app.getByRole('article', { name: 'Segment topology' })).toBeVisible();
  await expect(app.getByTestId('analysis-progress')).toBeHidden();
  expect((await watched.seen()).analysis).toBe(true);
  await expect
    .poll(watched.analysisPhases)
    .toEqual(expect.arrayContaining(['loading', 'flows', 'segments', 'findings']));
});

test('files dropped on the window are imported', async ({ app, snapshots }) => {
  const before = await snapshots.items.count();
  const names = ['vpcs.json', 'subnets.json'];
  const payload = await Promise.all(
    names.map(async (name) => ({ name, base64: (await readFile(join(estateDir, name))).toString('base64') })),
  );
  const watched = await watchImport(app);

  await app.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const { name, base64 } of files) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type: 'application/json' }));
    }
    const fire = (type: string) =>
      document.body.dispatchEvent(
        new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    fire('dragenter');
    fire('dragover');
    fire('drop');
  }, payload);

  const results = app.getByTestId('import-results');
  await expect(results).toBeVisible();
  await expectImportEnded(app, watched);
  await expect(results.getByTestId('file-outcome')).toHaveCount(2);
  await expect(results.getByRole('row').filter({ hasText: 'vpcs.json' })).toContainText('describe-vpcs');
  await expect(results.getByRole('row').filter({ hasText: 'subnets.json' })).toContainText(
    'describe-subnets',
  );
  await expect(snapshots.items).toHaveCount(before + 1);
  await expect(app.getByTestId('snapshot-summary')).toContainText('from 2 source files');
  // The drop overlay is gone once the files are dropped.
  await expect(app.getByText('Drop to import')).toBeHidden();
});

test('a file that is not valid JSON fails the import, naming file and place, and changes nothing', async ({
  app,
  snapshots,
}) => {
  const before = await snapshots.items.count();
  const selectedBefore = await app
    .getByTestId('snapshot-summary')
    .getByRole('heading', { level: 1 })
    .textContent();
  await app.getByTestId('import-files-input').setInputFiles([
    { name: 'vpcs.json', mimeType: 'application/json', buffer: await readFile(join(estateDir, 'vpcs.json')) },
    {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "Vpcs": [\n    { "VpcId": }\n  ]\n}\n'),
    },
  ]);

  const error = app.getByTestId('import-error');
  await expect(error).toBeVisible();
  await expect(error.getByRole('heading', { name: 'Import failed' })).toBeVisible();
  await expect(app.getByTestId('import-error-message')).toContainText('broken.json');
  await expect(app.getByTestId('import-error-message')).toContainText(/line \d+, column \d+/);
  const where = app.getByTestId('import-error-where');
  await expect(where).toContainText('broken.json');
  await expect(where).toContainText(/line 3, column \d+/);
  await expect(error).toContainText('Nothing was imported; the workspace is unchanged.');
  await expect(error.getByRole('row').filter({ hasText: 'broken.json' })).toContainText('error');
  await screenshot(app, 'import-error.png');

  await expect(snapshots.items).toHaveCount(before);
  await expect(app.getByTestId('snapshot-summary').getByRole('heading', { level: 1 })).toHaveText(
    selectedBefore ?? '',
  );
  // And in the store, not only on screen.
  await app.reload();
  await snapshots.loaded();
  await expect(snapshots.items).toHaveCount(before);
});

test('a refused import says the other files were read, not imported, in a table that fits 1280 px', async ({
  app,
}) => {
  await app.setViewportSize({ width: 1280, height: 800 });
  const names = [
    'vpcs.json',
    'subnets.json',
    'security-groups.json',
    'security-group-rules.json',
    'network-acls.json',
    'route-tables.json',
    'prefix-lists.json',
  ];
  const files = await Promise.all(
    names.map(async (name) => ({
      name,
      mimeType: 'application/json',
      buffer: await readFile(join(estateDir, name)),
    })),
  );
  // An ENI in a group the export does not hold: refused at a long JSON path.
  const enis = JSON.parse(await readFile(join(estateDir, 'network-interfaces-1.json'), 'utf8'));
  enis.NetworkInterfaces[0].Groups[0].GroupId = 'sg-0deadbeefdeadbeef';
  const bad = 'network-interfaces-1.json';
  files.push({ name: bad, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(enis)) });
  await app.getByTestId('import-files-input').setInputFiles(files);

  const error = app.getByTestId('import-error');
  await expect(error.getByRole('row').filter({ hasText: bad })).toContainText(
    '$.NetworkInterfaces[0].Groups[0].GroupId',
  );
  await expect(error.getByRole('row').filter({ hasText: 'vpcs.json' })).toContainText('read, not imported');
  await expect(error.getByText('imported', { exact: true })).toHaveCount(0);
  // Every column within the card: the place is read without scrolling sideways.
  const table = error.locator('.table-scroll');
  expect(await table.evaluate((scroll) => scroll.scrollWidth - scroll.clientWidth)).toBeLessThanOrEqual(0);
  await screenshot(app, 'import-refused.png');
});
