/** Driving the dataset table (server windows of rows) in browser tests. */
import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../../support/waitFor.js';

/** The highest row position (aria-rowindex) in the table's DOM, 0 when it shows none. */
export async function highestRowIndex(page: Page): Promise<number> {
  return page.locator('[data-row-id]').evaluateAll((rows) => Math.max(0, ...rows.map((row) => Number(row.getAttribute('aria-rowindex')))));
}

/**
 * Scrolls the table to the end of what it can reach, again and again, each time waiting for rows
 * further down to arrive, until `target` is in the DOM (at most `maxScrolls` times).
 */
export async function scrollRowsTo(page: Page, target: Locator, maxScrolls: number, timeoutMs: number): Promise<void> {
  for (let i = 0; i < maxScrolls && (await target.count()) === 0; i++) {
    const before = await highestRowIndex(page);
    await page.getByTestId('rows').evaluate((viewport) => viewport.scrollTo({ top: viewport.scrollHeight }));
    await waitFor(async () => (await highestRowIndex(page)) > before || (await target.count()) > 0, timeoutMs, `rows after row ${before}`);
  }
  await target.waitFor({ timeout: timeoutMs });
}
