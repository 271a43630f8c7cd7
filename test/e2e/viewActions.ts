import type { Page } from '@playwright/test';
import { expect } from './fixtures';

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
