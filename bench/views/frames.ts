import type { Locator, Page } from '@playwright/test';
import { percentile } from '../measure/timing';

export interface FrameFigures {
  readonly frames: number;
  readonly fps: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

declare global {
  interface Window {
    benchFrames?: number[];
  }
}

/** Records animation frames while the mouse drags the canvas around and wheels in and out. */
export async function measureFrames(page: Page, canvas: Locator): Promise<FrameFigures> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the canvas is not on screen');
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    const times = [];
    window.benchFrames = times;
    const tick = (t) => {
      times.push(t);
      if (window.benchFrames === times) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 40; i++)
    await page.mouse.move(cx + Math.sin(i / 6) * 120, cy + Math.cos(i / 6) * 80, { steps: 2 });
  await page.mouse.up();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, i < 10 ? -120 : 120);
  const times = await page.evaluate(() => {
    const recorded = window.benchFrames ?? [];
    window.benchFrames = undefined;
    return recorded;
  });
  const gaps = times
    .slice(1)
    .map((t, i) => t - (times[i] as number))
    .sort((a, b) => a - b);
  const total = (times.at(-1) ?? 0) - (times[0] ?? 0);
  return {
    frames: gaps.length,
    fps: total > 0 ? (gaps.length * 1000) / total : 0,
    p95Ms: percentile(gaps, 0.95),
    maxMs: gaps.at(-1) ?? 0,
  };
}
