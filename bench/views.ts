import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startBridge } from '../main/bridge/server';
import { createService } from '../main/service/createService';
import { timed } from './measure/timing';
import { generateViewEstate, viewEstateSizes } from './views/estate';
import { type FrameFigures, measureFrames } from './views/frames';

/**
 * `npm run bench:views`: an estate of 5,000 workloads, 500 segments and 300 apps, imported, served
 * through the bridge and opened in Chromium; prints the analysis time, the time until both views are
 * drawn, each view's layout time and the frame rate while panning and zooming. Needs
 * `npx electron-vite build` first (it serves out/renderer).
 */
async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'faultline-bench-views-'));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const dir = join(work, 'estate');
    log('generating …');
    await generateViewEstate(dir);
    const dbFile = join(work, 'views.faultline.db');
    log('importing …');
    const analysisMs = await analyse(dbFile, dir);
    const bridge = await startBridge({ dbFile, staticDir: resolve(import.meta.dirname, '../out/renderer') });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      log('opening the views …');
      const opened = await timed(async () => {
        await page.goto(bridge.url);
        for (const view of ['app', 'segment']) {
          await page
            .getByTestId(`graph-${view}`)
            .and(page.locator('[data-ready="true"]'))
            .waitFor({ timeout: 300_000 });
        }
      });
      const views: Record<string, { nodes: number; edges: number; layoutMs: number; frames: FrameFigures }> =
        {};
      for (const view of ['app', 'segment']) {
        const canvas = page.getByTestId(`graph-${view}`);
        await canvas.scrollIntoViewIfNeeded();
        const attr = async (name: string) => Number(await canvas.getAttribute(`data-${name}`));
        views[view] = {
          nodes: await attr('nodes'),
          edges: await attr('edges'),
          layoutMs: await attr('layout-ms'),
          frames: await measureFrames(page, canvas),
        };
      }
      const report = { sizes: viewEstateSizes, analysisMs, openMs: opened.ms, views };
      process.stdout.write(
        `${process.argv.includes('--json') ? JSON.stringify(report, null, 2) : format(report)}\n`,
      );
    } finally {
      await browser.close();
      await bridge.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Imports the estate and times what the views ask the service for, on a cold analysis. */
async function analyse(dbFile: string, dir: string): Promise<number> {
  const { service, close } = await createService({ dbFile });
  try {
    await service.importPaths([dir], 'views bench');
    const { ms } = await timed(() =>
      Promise.all([
        service.applications({}),
        service.segmentGraph({}),
        service.topology({}),
        service.findings({}),
      ]),
    );
    return ms;
  } finally {
    close();
  }
}

function format(report: {
  sizes: typeof viewEstateSizes;
  analysisMs: number;
  openMs: number;
  views: Record<string, { nodes: number; edges: number; layoutMs: number; frames: FrameFigures }>;
}): string {
  const { sizes } = report;
  const lines = [
    `estate: ${sizes.workloads} workloads, ${sizes.segments} segments, ${sizes.apps} apps × ${sizes.servicesPerApp} services`,
    `analysis (applications, segment graph, topology, findings; cold): ${(report.analysisMs / 1000).toFixed(2)} s`,
    `open until both views are drawn (includes the analysis again in the bridge): ${(report.openMs / 1000).toFixed(2)} s`,
  ];
  for (const [view, v] of Object.entries(report.views)) {
    lines.push(
      `${view} view: ${v.nodes} nodes, ${v.edges} edges drawn; elements + layout ${v.layoutMs} ms; pan and zoom ${v.frames.frames} frames, ${v.frames.fps.toFixed(0)} fps, p95 frame ${v.frames.p95Ms.toFixed(1)} ms, worst ${v.frames.maxMs.toFixed(1)} ms`,
    );
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
