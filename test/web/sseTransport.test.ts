/**
 * The web client over Server-Sent Events in a real browser: switched in the top bar (and remembered)
 * or with `?transport=sse`, its live queries run as event streams, mutations still go over HTTP, and
 * each page shows the other's edits live without reloading.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webClientDist } from '../../server/app/startServer.js';
import { startUpgradeBlockingProxy } from '../client/support/upgradeBlockingProxy.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { ensureWebBuild } from './support/ensureWebBuild.js';
import { SAMPLES_OWNER, WITH_DEV_TOKENS, originOf, signInThroughBox } from './support/viewers.js';

const UPDATE_MS = 10_000;

let t: TestServer;
let browser: Browser;
let origin: string;
const pages: WatchedPage[] = [];
/** Console errors a test expects (the browser logs refused WebSocket handshakes). */
let expectedErrors: RegExp | undefined;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  [t, browser] = await Promise.all([startTestServer({ seed: true, webRoot: webClientDist, ...WITH_DEV_TOKENS }), launchBrowser()]);
  cleanups.push(() => t.dispose(), () => browser.close());
  origin = originOf(t.server.httpUrl);
}, 240_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterEach(async () => {
  const opened = pages.splice(0);
  await Promise.all(opened.map((p) => p.context.close()));
  const errors = opened.flatMap((p) => p.errors).filter((error) => !expectedErrors?.test(error));
  expectedErrors = undefined;
  expect(errors).toEqual([]);
});

/** What a page asked the server for: event streams, and WebSockets opened. */
interface Traffic {
  eventStreams: number;
  webSockets: number;
}

/** Opens `path` (on `at`) in a new tab (own storage), signed in as the samples' owner, counting its traffic. */
async function open(path: string, at = origin, transport: 'ws' | 'sse' = path.includes('transport=sse') ? 'sse' : 'ws') {
  const watched = await openPage(browser);
  pages.push(watched);
  const traffic: Traffic = { eventStreams: 0, webSockets: 0 };
  watched.page.on('request', (request) => {
    if (request.headers().accept === 'text/event-stream') traffic.eventStreams++;
  });
  watched.page.on('websocket', () => traffic.webSockets++);
  await watched.page.goto(at + path);
  await liveOver(watched.page, transport);
  await signInThroughBox(watched.page, SAMPLES_OWNER, UPDATE_MS);
  await watched.page.evaluate(() => Object.assign(window, { notReloaded: true }));
  return { page: watched.page, traffic: traffic as Readonly<Traffic> };
}

async function liveOver(page: Page, transport: 'ws' | 'sse'): Promise<void> {
  await page.locator(`[data-testid=connection][data-state=live][data-transport=${transport}]`).waitFor({ timeout: UPDATE_MS });
}

const title = (page: Page, text: string) => page.getByTestId('document-title').filter({ hasText: text });

async function renameDocument(page: Page, to: string): Promise<void> {
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.locator('[data-testid=document-editor] input[name=title]').fill(to);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

describe('web client over SSE', () => {
  it('switches to SSE in the top bar, remembers it, and shows live edits from another page', async () => {
    const a = await open('/documents/welcome');
    const b = await open('/documents/welcome?transport=sse');
    expect(b.traffic.webSockets).toBe(0);
    expect(await b.page.getByTestId('transport').inputValue()).toBe('sse');

    // A switches in the top bar: a new client, its live queries as event streams.
    const socketsBefore = a.traffic.webSockets;
    await a.page.getByTestId('transport').selectOption('sse');
    await liveOver(a.page, 'sse');
    expect(await a.page.getByTestId('connection').textContent()).toBe('Live · SSE');
    expect(await a.page.evaluate(() => window.localStorage.getItem('livedoc.transport'))).toBe('sse');
    await Promise.all([title(a.page, 'Welcome to livedoc').waitFor(), title(b.page, 'Welcome to livedoc').waitFor()]);

    // An edit in B (a mutation over HTTP) reaches A as a patch on its stream, and back.
    await renameDocument(b.page, 'Welcome, over SSE');
    await title(a.page, 'Welcome, over SSE').waitFor({ timeout: UPDATE_MS });
    await a.page.getByTestId('document-list').getByText('Welcome, over SSE').waitFor({ timeout: UPDATE_MS });
    await renameDocument(a.page, 'Welcome back');
    await title(b.page, 'Welcome back').waitFor({ timeout: UPDATE_MS });

    expect(a.traffic.webSockets).toBe(socketsBefore);
    expect(a.traffic.eventStreams).toBeGreaterThan(0);
    expect(b.traffic.webSockets).toBe(0);
    for (const { page } of [a, b]) expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);

    // Remembered: a reload (without the parameter) comes back over SSE.
    await a.page.reload();
    await liveOver(a.page, 'sse');
    await title(a.page, 'Welcome back').waitFor({ timeout: UPDATE_MS });

    // And back to the WebSocket.
    await a.page.getByTestId('transport').selectOption('ws');
    await liveOver(a.page, 'ws');
    await renameDocument(b.page, 'Welcome to livedoc');
    await title(a.page, 'Welcome to livedoc').waitFor({ timeout: UPDATE_MS });
  });

  it("falls back to SSE on 'auto' when a proxy refuses the WebSocket upgrade", async () => {
    const proxy = await startUpgradeBlockingProxy(t.server.httpUrl, 403);
    cleanups.push(() => proxy.close());
    expectedErrors = /WebSocket connection to .* failed/;
    const behindProxy = await open('/documents/roadmap', originOf(proxy.httpUrl), 'sse');
    const direct = await open('/documents/roadmap');
    expect(await behindProxy.page.getByTestId('transport').inputValue()).toBe('auto');
    expect(proxy.refusedUpgrades).toBeGreaterThan(0);

    await title(behindProxy.page, 'Roadmap').first().waitFor({ timeout: UPDATE_MS });
    await renameDocument(direct.page, 'Roadmap, seen through the proxy');
    await title(behindProxy.page, 'Roadmap, seen through the proxy').waitFor({ timeout: UPDATE_MS });
    expect(proxy.eventStreams).toBeGreaterThan(0);
  });
});
