/**
 * A big dataset in the web client, in a real browser against a real server: the table reads live
 * server windows, so a page with BIG_DATASET_ROWS rows (default 100,000; the bench has the million)
 * opens with one window, scrolls on page by page with at most two windows in the DOM, and an edit
 * made while scrolled far down moves the row live into another tab's top-by-value window, and out.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webClientDist } from '../../server/app/startServer.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { launchBrowser } from './support/browser.js';
import { ensureWebBuild } from './support/ensureWebBuild.js';
import { highestRowIndex, scrollRowsTo } from './support/rowTable.js';
import { createTabs } from './support/tabs.js';
import { SAMPLES_OWNER, WITH_DEV_TOKENS, originOf } from './support/viewers.js';

const ROWS = Number(process.env.BIG_DATASET_ROWS ?? 100_000);
const UPDATE_MS = 10_000;
const BATCH = 10_000;
const ARTIFACTS = 'test-artifacts';

let t: TestServer;
let browser: Browser;
let origin: string;
let datasetId: string;
const tabs = createTabs(() => browser, () => origin, UPDATE_MS);
const cleanups: (() => Promise<void>)[] = [];

/** Row `i` (1-based): id `big-0000001`…, a spread of values with few ties, all under 10,000. */
async function seedBigDataset(): Promise<string> {
  const dataset = await t.store.createDataset('Big', SAMPLES_OWNER, 'PUBLIC');
  for (let from = 1; from <= ROWS; from += BATCH) {
    await t.store.db.query(
      `INSERT INTO rows (id, dataset_id, label, value)
       SELECT 'big-' || lpad(g::text, 7, '0'), $1, 'row ' || g, ((g * 7919) % 1000003) / 100.0
       FROM generate_series($2::int, $3::int) g ORDER BY g`,
      [dataset.id, from, Math.min(ROWS, from + BATCH - 1)],
    );
  }
  return dataset.id;
}

beforeAll(async () => {
  await ensureWebBuild();
  [t, browser] = await Promise.all([startTestServer({ seed: true, webRoot: webClientDist, ...WITH_DEV_TOKENS }), launchBrowser()]);
  cleanups.push(() => t.dispose(), () => browser.close());
  origin = originOf(t.server.httpUrl);
  datasetId = await seedBigDataset();
}, 600_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterEach(() => tabs.closeAll());

const open = (path: string) => tabs.open(path, SAMPLES_OWNER);

const total = ROWS.toLocaleString('en-US');
const rowAt = (page: Page, position: number) => page.locator(`[data-row-id][aria-rowindex="${position}"]`);

describe(`a dataset of ${total} rows in the web client`, () => {
  it('scrolls through server windows and edits live into another tab’s top-by-value window', async () => {
    const [a, b] = await Promise.all([open(`/datasets/${datasetId}`), open(`/datasets/${datasetId}`)]);
    await rowAt(a, 1).waitFor({ timeout: UPDATE_MS });
    expect(await a.getByTestId('rows-shown').textContent()).toBe(`1–12 of ${total}`);
    expect(await a.locator('[data-row-id]').count()).toBeLessThanOrEqual(100);

    // Page by page down to row 400: each page is a window the server sends, at most two are live.
    await scrollRowsTo(a, rowAt(a, 400), 20, UPDATE_MS);
    expect(await a.locator('[data-row-id]').count()).toBeLessThanOrEqual(100);
    expect(await highestRowIndex(a)).toBeLessThanOrEqual(500);
    expect(await rowAt(a, 400).getAttribute('data-row-id')).toBe('big-0000400');

    // The other tab watches the largest values.
    await b.getByTestId('row-order').selectOption('VALUE_DESC');
    const top = rowAt(b, 1);
    await top.waitFor({ timeout: UPDATE_MS });
    expect(await top.getAttribute('data-row-id')).not.toBe('big-0000400');

    // An edit far down the list moves that row to the top of the other tab, live; and out again.
    await rowAt(a, 400).locator('.value').click();
    await rowAt(a, 400).locator('input').fill('1000000');
    await rowAt(a, 400).locator('input').press('Enter');
    await b.locator('[data-row-id=big-0000400][aria-rowindex="1"] .value', { hasText: '1,000,000.00' }).waitFor({ timeout: UPDATE_MS });
    await rowAt(a, 400).locator('.value', { hasText: '1,000,000.00' }).waitFor({ timeout: UPDATE_MS });
    await rowAt(a, 400).locator('.value').click();
    await rowAt(a, 400).locator('input').fill('-1');
    await rowAt(a, 400).locator('input').press('Enter');
    await waitForTopToChange(b);
    expect(await b.getByTestId('rows-shown').textContent()).toBe(`1–12 of ${total}`);
    await mkdir(ARTIFACTS, { recursive: true });
    await a.screenshot({ path: `${ARTIFACTS}/web-big-dataset.png` });
  });
});

async function waitForTopToChange(page: Page): Promise<void> {
  await page.locator('[data-row-id][aria-rowindex="1"]:not([data-row-id=big-0000400])').waitFor({ timeout: UPDATE_MS });
  expect(await page.locator('[data-row-id=big-0000400]').count()).toBe(0);
}
