/**
 * Each test gets its own loopback bridge over the real service and a fresh database in a temporary
 * directory, seeded with the bundled sample, serving the built renderer. Tests therefore run in
 * parallel without sharing any state.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { type Bridge, startBridge } from '../../main/bridge/server';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const rendererDir = join(repoRoot, 'out/renderer');
/** The bundled sample estate; FAULTLINE_E2E_SAMPLE points the tests at another export folder. */
/** The bundled sample the app seeds on first start: AWS export, catalog and flow logs. */
export const sampleRoot = process.env.FAULTLINE_E2E_SAMPLE ?? join(repoRoot, 'resources/sample');
/** Its AWS export alone, for counting and for importing a folder. */
export const sampleDir = join(sampleRoot, 'aws');
export const screenshotDir = join(repoRoot, 'test-results/screenshots');

/** Workloads are ENIs: the sample's workload count is the number of its network interfaces. */
export function sampleWorkloadCount(): number {
  const doc = JSON.parse(readFileSync(join(sampleDir, 'describe-network-interfaces.json'), 'utf8')) as {
    NetworkInterfaces: unknown[];
  };
  return doc.NetworkInterfaces.length;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The snapshot list and helpers to read it. */
export class SnapshotListView {
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.items = page.getByTestId('snapshot-item');
  }

  item(name: string): Locator {
    return this.items.filter({
      has: this.page.getByTestId('snapshot-name').getByText(name, { exact: true }),
    });
  }

  /** Waits for the first listSnapshots answer to be rendered. */
  async loaded(): Promise<void> {
    await expect(this.page.locator('.section-heading .count-pill')).toBeVisible();
  }
}

interface Fixtures {
  /** The bridge for this test, with its own database. */
  bridge: Bridge & { readonly dbFile: string };
  /** The page opened on the bridge, with the snapshot list loaded. */
  app: Page;
  snapshots: SnapshotListView;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
  bridge: async ({}, use) => {
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new Error(
        `${rendererDir}/index.html is missing: run \`npx electron-vite build\` before the e2e tests.`,
      );
    }
    const dir = await mkdtemp(join(tmpdir(), 'faultline-e2e-'));
    const dbFile = join(dir, 'workspace.faultline.db');
    const bridge = await startBridge({ dbFile, staticDir: rendererDir, seedSampleFrom: sampleRoot });
    try {
      await use(Object.assign(bridge, { dbFile }));
    } finally {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
  app: async ({ page, bridge }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(`console error: ${message.text()}`);
      }
    });
    await page.goto(bridge.url);
    await new SnapshotListView(page).loaded();
    await use(page);
    expect(problems, 'the page logged no errors').toEqual([]);
  },
  snapshots: async ({ app }, use) => {
    await use(new SnapshotListView(app));
  },
});

export { expect };
