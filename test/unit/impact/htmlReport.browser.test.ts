import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { chromiumFlags } from '../../../main/service/chromiumPdf';
import { runCli as run } from '../helpers/runCli';
import { sampleDir } from '../helpers/sampleCounts';
import { tempDbFile } from '../helpers/tempWorkspace';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = join(import.meta.dirname, '../../../test-results/impact');

/** Closes the database's postgres to the app tier and opens SSH on the bastion to the internet. */
const change = {
  title: 'Tighten postgres, open the bastion',
  edits: [
    { op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/0' },
    { op: 'remove-rule', rule: 'sg-0619411f266f96a8d/ingress/0/1' },
    {
      op: 'add-rule',
      rule: {
        groupId: 'sg-0ef6445ac1a5f0d86',
        direction: 'ingress',
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        peer: '0.0.0.0/0',
      },
    },
  ],
};

describe.skipIf(!existsSync(executablePath))('the HTML impact report in Chromium', () => {
  it('renders self-contained: risk, both pictures, the tables; fetches nothing', async () => {
    const db = tempDbFile();
    expect((await run('import', '--db', db, join(sampleDir, '..'))).code).toBe(0);
    const changeFile = join(dirname(db), 'CHANGE.json');
    writeFileSync(changeFile, JSON.stringify(change));
    const htmlFile = join(dirname(db), 'impact.html');
    expect(
      (await run('impact', '--db', db, '--change', changeFile, '--format', 'html', '--out', htmlFile)).code,
    ).toBe(3);
    expect(readFileSync(htmlFile, 'utf8')).not.toMatch(/(src|href)=["']?(https?:)?\/\//);

    const browser = await chromium.launch({
      executablePath,
      args: [...chromiumFlags],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(pathToFileURL(htmlFile).href);
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, 'impact-report.png'), fullPage: true });
      await page.screenshot({ path: join(screenshots, 'impact-report-top.png') });
      expect(requests).toEqual([pathToFileURL(htmlFile).href]);
      expect(errors).toEqual([]);
      await expect.poll(() => page.locator('.risk').textContent()).toBe('Risk: HIGH');
      const figures = page.locator('figure svg');
      expect(await figures.count()).toBe(2);
      for (const box of [await figures.nth(0).boundingBox(), await figures.nth(1).boundingBox()]) {
        expect(box?.width).toBeGreaterThan(600);
        expect(box?.height).toBeGreaterThan(150);
      }
      await figures.nth(1).screenshot({ path: join(screenshots, 'impact-report-segments.png') });
      await page
        .locator('table')
        .nth(3)
        .screenshot({ path: join(screenshots, 'impact-report-apps.png') });
      const apps = figures.nth(0);
      expect(await apps.locator('text').allTextContents()).toEqual(
        expect.arrayContaining(['orders', 'search']),
      );
      // The breaking dependencies (order-api and order-worker to orders-db: within orders) are drawn red.
      expect(await apps.locator('circle[stroke="#cf222e"]').count()).toBe(1);
      const segments = await figures.nth(1).locator('text').allTextContents();
      // Edited segments are drawn first, by name.
      expect(segments).toEqual(expect.arrayContaining(['rds-postgres', 'bastion']));
      expect(await page.locator('h2').allTextContents()).toEqual([
        'Approvals needed',
        'Dependencies whose verdict changes',
        'Exposure to the internet',
        'Apps',
        'Flows whose verdict changes, by app',
        'Segments',
        'What changes',
      ]);
      await expect.poll(() => page.getByText('eni-0fb02ae3f5cee67b5').first().isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
