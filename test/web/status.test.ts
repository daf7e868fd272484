/**
 * The status page in a real browser against real servers: reached from the top bar, it shows the
 * server's figures and charts of its samples that move on their own as samples are taken (the live
 * query gets a patch per sample; the interval is shortened through ServerOptions.statusSampleMs). In
 * production an operator sees it and anyone else reads "Only operators can see the server status".
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webClientDist } from '../../server/app/startServer.js';
import { signTestToken } from '../support/auth.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { ensureWebBuild } from './support/ensureWebBuild.js';
import { originOf } from './support/viewers.js';

const UPDATE_MS = 10_000;
const SAMPLE_MS = 250;
const ARTIFACTS = 'test-artifacts';

let browser: Browser;
const cleanups: (() => Promise<void>)[] = [];
const pages: WatchedPage[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  browser = await launchBrowser();
  cleanups.push(() => browser.close());
}, 240_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterEach(async () => {
  const opened = pages.splice(0);
  await Promise.all(opened.map((p) => p.context.close()));
  expect(opened.flatMap((p) => p.errors)).toEqual([]);
});

async function server(production: boolean): Promise<TestServer> {
  const t = await startTestServer({ webRoot: webClientDist, statusSampleMs: SAMPLE_MS, production, operators: ['ops'] });
  cleanups.push(() => t.dispose());
  return t;
}

/** A tab (own context and storage), signed in with a test token as `viewer` when given, at `path`. */
async function open(t: TestServer, path: string, viewer?: string): Promise<Page> {
  const watched = await openPage(browser);
  pages.push(watched);
  if (viewer) {
    // What the sign-in box stores (web-client/src/auth/viewerSession.ts), with a token the test server verifies.
    const stored = JSON.stringify({ name: viewer, token: await signTestToken(viewer) });
    await watched.context.addInitScript((value) => window.sessionStorage.setItem('livedoc.viewer', value), stored);
  }
  await watched.page.goto(originOf(t.server.httpUrl) + path);
  await watched.page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: UPDATE_MS });
  return watched.page;
}

const figure = (page: Page, name: string) => page.locator(`[data-testid=status-figures] [data-figure=${name}] dd`).textContent();
const newestSample = (page: Page) => page.getByTestId('status-chart').first().getAttribute('data-newest');

/** Waits until the charts show a sample newer than `than` (ids count up) and returns its id. */
async function nextSample(page: Page, than: number): Promise<number> {
  await page.waitForFunction(
    (previous) =>
      [...document.querySelectorAll('[data-testid=status-chart]')].every((chart) => Number(chart.getAttribute('data-newest') || 0) > previous),
    than,
    { timeout: UPDATE_MS },
  );
  return Number(await newestSample(page));
}

describe('status page', () => {
  it('is linked in the top bar and shows the figures and charts, which update live', async () => {
    const t = await server(false);
    const page = await open(t, '/');
    await page.getByRole('link', { name: 'Status', exact: true }).click();
    await page.getByRole('heading', { name: 'Server status' }).waitFor({ timeout: UPDATE_MS });
    expect(new URL(page.url()).pathname).toBe('/status');

    // This tab's socket carries the app's live queries, this one among them.
    await page.locator('[data-testid=status-figures]').waitFor({ timeout: UPDATE_MS });
    expect(await figure(page, 'sockets')).toBe('1');
    expect(Number(await figure(page, 'live-queries'))).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('status-chart').count()).resolves.toBe(3);

    // Samples arrive on their own: each chart moves to a newer sample, twice, with no action of ours.
    const first = await nextSample(page, 0);
    const second = await nextSample(page, first);
    expect(second).toBeGreaterThan(first);
    const drawn = await page.getByTestId('status-chart').first().getAttribute('data-samples');
    expect(Number(drawn)).toBeGreaterThanOrEqual(2);
    await expect(page.locator('[data-testid=status-chart] polyline').count()).resolves.toBeGreaterThan(0);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/web-status.png` });
  }, 60_000); // a server of its own: PGlite starts in 7–10 s on a loaded machine

  it('in production shows the status to an operator and a sentence to anyone else', async () => {
    const t = await server(true);
    const operator = await open(t, '/status', 'ops');
    await operator.locator('[data-testid=status-figures]').waitFor({ timeout: UPDATE_MS });
    await nextSample(operator, 0);

    for (const viewer of ['system', undefined]) {
      const other = await open(t, '/status', viewer);
      await other.getByTestId('status-forbidden').waitFor({ timeout: UPDATE_MS });
      await expect(other.getByTestId('status-forbidden').textContent()).resolves.toBe('Only operators can see the server status.');
      await expect(other.locator('[data-testid=status-figures]').count()).resolves.toBe(0);
    }
  }, 60_000); // a server of its own: PGlite starts in 7–10 s on a loaded machine
});
