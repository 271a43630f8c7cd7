import type { Page } from '@playwright/test';
import { expect, screenshotDir } from './fixtures';

export async function viewsReady(page: Page): Promise<void> {
  await expect(page.getByTestId('graph-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('graph-segment')).toHaveAttribute('data-ready', 'true');
}

/** Selects an object the way a keyboard user does: search, then Enter picks the first match. */
export async function selectBySearch(page: Page, text: string): Promise<void> {
  const search = page.getByLabel('Search the views');
  await search.fill(text);
  await search.press('Enter');
  await search.fill('');
}

export async function openWhatIf(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^What-if/ }).click();
  await expect(page.getByRole('region', { name: 'What-if edits' })).toBeVisible();
}

/** A view's what-if marks (`data-impact`, e.g. `dep:api->db:tcp/5432=breaks`) match `mark`. */
export async function expectMarks(page: Page, view: 'app' | 'segment', mark: RegExp | string): Promise<void> {
  await expect(page.getByTestId(`graph-${view}`)).toHaveAttribute('data-impact', mark);
}

/** A screenshot of the window with the content scrolled back to the top, into test-results/screenshots. */
export async function shootFromTop(page: Page, name: string): Promise<void> {
  await page.locator('main.content').evaluate((content) => content.scrollTo(0, 0));
  await page.screenshot({ path: `${screenshotDir}/${name}` });
}
