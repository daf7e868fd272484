/** GraphiQL at GET /graphql, in a real browser: a `@live` query's result updates in place. */
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webClientDist } from '../../server/app/startServer.js';
import { UpdateDocumentMutation } from '../../web-client/src/operations/documents.js';
import { signTestToken } from '../support/auth.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { waitFor } from '../support/waitFor.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { ensureWebBuild } from './support/ensureWebBuild.js';
import { SAMPLES_OWNER, requestAs } from './support/viewers.js';

let t: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];
/** What beforeAll opened, closed newest first (a setup that failed part-way closes what it opened). */
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  [t, browser] = await Promise.all([startTestServer({ seed: true, webRoot: webClientDist }), launchBrowser()]);
  cleanups.push(() => t.dispose(), () => browser.close());
}, 240_000);
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterEach(async () => {
  const opened = pages.splice(0);
  await Promise.all(opened.map((p) => p.context.close()));
  expect(opened.flatMap((p) => p.errors)).toEqual([]);
});

const QUERY = `query Watch @live {
  document(id: "welcome") { id title revision }
}`;

describe('GraphiQL', () => {
  it('runs a live query over graphql-ws and updates the result in place', async () => {
    const watched = await openPage(browser, { width: 1400, height: 800 });
    pages.push(watched);
    const { page } = watched;
    await page.goto(`${t.server.httpUrl}?query=${encodeURIComponent(QUERY)}`);
    // Under load the editor can take a while to load; clicking before it holds the query runs nothing.
    await page.locator('.graphiql-query-editor').getByText('Watch').first().waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();

    const result = page.locator('.result-window');
    const resultText = async () => (await result.innerText()).replace(/\s+/g, ' ');
    await waitFor(async () => (await resultText()).includes('"title": "Welcome to livedoc"'), 20_000, 'the first result');
    expect(await resultText()).toContain('"revision": 1');

    // Writes need a viewer: the samples' owner, with a token the test server verifies.
    const token = await signTestToken(SAMPLES_OWNER);
    await requestAs(t.server.httpUrl, token, UpdateDocumentMutation, { id: 'welcome', input: { title: 'Renamed while GraphiQL watched' } });
    await waitFor(async () => (await resultText()).includes('"title": "Renamed while GraphiQL watched"'), 10_000, 'the updated result');
    // The whole current result is shown (not a patch), at the next revision.
    expect(await resultText()).toMatch(/"data": \{ "document": \{ "id": "welcome", "title": "Renamed while GraphiQL watched", "revision": 2 \} \}/);

    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/graphiql-live.png' });
  }, 90_000);
});
