/**
 * The real desktop app: Electron, the preload's window.faultline, IPC and the worker. Skipped when
 * the Electron binary has not been downloaded (its postinstall is skipped in some CI setups); this
 * test must not trigger the download itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { sampleSnapshotName } from '../../main/service/createService';
import { expect, repoRoot, sampleWorkloadCount, screenshot, test } from './fixtures';

function electronBinary(): string | null {
  const pathFile = join(repoRoot, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(repoRoot, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

test('the desktop app opens on the seeded sample snapshot', async () => {
  const executablePath = electronBinary();
  if (!executablePath) {
    const reason =
      'Electron binary not downloaded (node_modules/electron/dist missing); it downloads on first `npm start`';
    console.log(`electron.spec.ts skipped: ${reason}`);
    test.skip(true, reason);
    return;
  }
  const mainEntry = join(repoRoot, 'out/main/index.js');
  expect(existsSync(mainEntry), 'run `npx electron-vite build` first').toBe(true);

  const userData = await mkdtemp(join(tmpdir(), 'faultline-electron-'));
  const app = await electron.launch({
    executablePath,
    args: [mainEntry, '--no-sandbox', '--disable-gpu'],
    cwd: repoRoot,
    env: { ...process.env, FAULTLINE_USER_DATA: userData },
  });
  try {
    const window = await app.firstWindow();
    await window.setViewportSize({ width: 1366, height: 768 });
    await expect(window.getByText('Desktop', { exact: true })).toBeVisible();
    const sample = window
      .getByTestId('snapshot-item')
      .filter({ has: window.getByTestId('snapshot-name').getByText(sampleSnapshotName, { exact: true }) });
    await expect(sample).toBeVisible({ timeout: 30_000 });
    await expect(sample.getByTestId('snapshot-workloads')).toHaveText(String(sampleWorkloadCount()));
    await screenshot(window, 'electron-snapshot-list.png');
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});
