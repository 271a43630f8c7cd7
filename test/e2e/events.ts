import type { Page } from '@playwright/test';

/**
 * Records the phase of every `event` the bridge streams from now on, on a second EventSource (the
 * app's own is not reachable from outside); returns how to read them.
 */
export async function recordPhases(page: Page, event: string): Promise<() => Promise<string[]>> {
  const slot = `phases:${event}`;
  await page.evaluate(
    ({ event, slot }) => {
      const phases: string[] = [];
      (window as unknown as Record<string, string[]>)[slot] = phases;
      const source = new EventSource('/api/events');
      source.addEventListener(event, (message) => {
        phases.push((JSON.parse((message as MessageEvent<string>).data) as { phase: string }).phase);
      });
      return new Promise<void>((resolve) => source.addEventListener('open', () => resolve()));
    },
    { event, slot },
  );
  return () =>
    page.evaluate((slot) => [...((window as unknown as Record<string, string[]>)[slot] ?? [])], slot);
}
