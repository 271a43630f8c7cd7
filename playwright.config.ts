import { defineConfig } from '@playwright/test';
import { chromiumFlags } from './main/service/chromiumPdf';

/**
 * End-to-end tests run the built renderer (`npx electron-vite build`, done by `npm test`) in
 * Debian's Chromium against the loopback HTTP bridge over the real service and store; each test
 * gets its own bridge and temporary database (test/e2e/fixtures.ts), so they run in parallel.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    viewport: { width: 1366, height: 768 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...chromiumFlags],
    },
  },
});
