/**
 * The web client in a real browser against a real server: two pages on the same data see each other's
 * edits without reloading; comments come, change and go live; dataset edits update table, summary
 * and chart; the connection indicator follows the server going away and coming back.
 *
 * Writes need a viewer: every page signs in through the "Sign in as" box (the server hands out dev
 * tokens) as `system`, the owner of the seeded samples; requests the test makes itself use a dev
 * token for the same viewer.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webClientDist } from '../../server/app/startServer.js';
import { CreateDocumentMutation, UpdateDocumentMutation } from '../../web-client/src/operations/documents.js';
import { startRestartableServer, type RestartableServer } from '../client/support/restartableServer.js';
import { waitFor } from '../support/waitFor.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { scrollRowsTo } from './support/rowTable.js';
import { ensureWebBuild } from './support/ensureWebBuild.js';
import { SAMPLES_OWNER, WITH_DEV_TOKENS, devToken, originOf, requestAs, signInThroughBox } from './support/viewers.js';

const UPDATE_MS = 10_000;
const ARTIFACTS = 'test-artifacts';

let server: RestartableServer;
let browser: Browser;
let origin: string;
const pages: WatchedPage[] = [];
/** Console errors a test expects (e.g. refused WebSocket connections while the server is down). */
let expectedErrors: RegExp | undefined;
/** What beforeAll opened, closed newest first (a setup that failed part-way closes what it opened). */
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  // One resume secret across restarts (dev tokens alone would make a new one per start), as
  // instances that share RESUME_SECRET do.
  const resume = { secret: new TextEncoder().encode('the web tests resume secret, 32+ chars') };
  [server, browser] = await Promise.all([startRestartableServer({ seed: true, webRoot: webClientDist, resume, ...WITH_DEV_TOKENS }), launchBrowser()]);
  cleanups.push(() => server.dispose(), () => browser.close());
  origin = originOf(server.httpUrl);
  await mkdir(ARTIFACTS, { recursive: true });
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

/** Opens `path` in a new tab (own storage) and signs it in as `as`. */
async function open(path: string, as = SAMPLES_OWNER): Promise<Page> {
  const watched = await openPage(browser);
  pages.push(watched);
  await watched.page.goto(origin + path);
  await watched.page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: UPDATE_MS });
  await signInThroughBox(watched.page, as, UPDATE_MS);
  // Set on the window: still there later proves the page never reloaded.
  await watched.page.evaluate(() => Object.assign(window, { notReloaded: true }));
  return watched.page;
}

async function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => 'notReloaded' in window);
}

/** Waits until the locator's elements have exactly these texts. */
async function waitForTexts(locator: Locator, expected: string[], what: string): Promise<void> {
  let last: string[] = [];
  await waitFor(
    async () => {
      last = (await locator.allTextContents()).map((text) => text.trim());
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    UPDATE_MS,
    `${what}: ${JSON.stringify(expected)} (last seen ${JSON.stringify(last)})`,
  );
}

const title = (page: Page, text: string) => page.getByTestId('document-title').filter({ hasText: text });
const headings = (page: Page) => page.locator('[data-testid=sections] [data-testid=section] h3');
const commentBodies = (page: Page) => page.locator('[data-testid=comment-list] [data-testid=comment-body]');
const commentBy = (page: Page, author: string) =>
  page.getByTestId('comment').filter({ has: page.locator('.comment__author', { hasText: author }) });

/** Fills page's comment form as `author` and sends it. */
async function addComment(page: Page, author: string, body: string): Promise<void> {
  const form = page.getByTestId('add-comment');
  await form.getByLabel('Your name').fill(author);
  await form.getByLabel('Comment').fill(body);
  await form.getByRole('button', { name: 'Add comment' }).click();
}

describe('web client', () => {
  it('shows an edit made in one page in the other without reloading', async () => {
    const [a, b] = await Promise.all([open('/documents/welcome'), open('/documents/welcome')]);
    await Promise.all([title(a, 'Welcome to livedoc').waitFor(), title(b, 'Welcome to livedoc').waitFor()]);

    // Title, body and tags edited in A...
    await a.getByRole('button', { name: 'Edit', exact: true }).click();
    await a.locator('[data-testid=document-editor] input[name=title]').fill('Welcome, edited live');
    await a.locator('[data-testid=document-editor] textarea[name=body]').fill('Edited in the first window.');
    await a.locator('[data-testid=document-editor] input[name=tags]').fill('guide, intro, edited');
    await a.getByRole('button', { name: 'Save', exact: true }).click();
    // ...appear in B, in the document and in the sidebar list.
    await title(b, 'Welcome, edited live').waitFor({ timeout: UPDATE_MS });
    await b.locator('.document__body', { hasText: 'Edited in the first window.' }).waitFor({ timeout: UPDATE_MS });
    await b.locator('.tags .chip', { hasText: 'edited' }).waitFor({ timeout: UPDATE_MS });
    await b.getByTestId('document-list').getByText('Welcome, edited live').waitFor({ timeout: UPDATE_MS });

    // A section added in B appears in A; one moved in A moves in B; one removed in B goes in A.
    await b.getByRole('button', { name: '+ Add section' }).click();
    await b.locator('[data-testid=add-section] input').fill('Added from B');
    await b.locator('[data-testid=add-section] textarea').fill('A new section.');
    await b.getByRole('button', { name: 'Add section', exact: true }).click();
    await waitForTexts(headings(a), ['Try it', 'Sections', 'Datasets', 'Added from B'], 'the added section in A');

    await a.locator('[data-testid=section]', { hasText: 'Added from B' }).getByRole('button', { name: 'Move up' }).click();
    await waitForTexts(headings(b), ['Try it', 'Sections', 'Added from B', 'Datasets'], 'the moved section in B');

    await b.locator('[data-testid=section]', { hasText: 'Try it' }).getByRole('button', { name: 'Remove section' }).click();
    await waitForTexts(headings(a), ['Sections', 'Added from B', 'Datasets'], 'the removed section in A');

    await b.screenshot({ path: `${ARTIFACTS}/web-document.png` });
    expect(await notReloaded(a)).toBe(true);
    expect(await notReloaded(b)).toBe(true);
  });

  it('says kindly when someone else changed the document first, and keeps the draft', async () => {
    const [a, b] = await Promise.all([open('/documents/roadmap'), open('/documents/roadmap')]);
    await a.getByRole('button', { name: 'Edit', exact: true }).click();
    await a.locator('[data-testid=document-editor] input[name=title]').fill('Roadmap (A)');

    await b.getByRole('button', { name: 'Edit', exact: true }).click();
    await b.locator('[data-testid=document-editor] input[name=title]').fill('Roadmap (B)');
    await b.getByRole('button', { name: 'Save', exact: true }).click();
    await title(b, 'Roadmap (B)').waitFor({ timeout: UPDATE_MS });

    // A's editor learns of B's change live, then A saves from the old revision: CONFLICT.
    await a.getByText('Someone changed this document while you were editing').waitFor({ timeout: UPDATE_MS });
    await a.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = a.getByTestId('conflict');
    await conflict.waitFor({ timeout: UPDATE_MS });
    expect(await conflict.textContent()).toContain('Someone else changed this document — here is the latest version.');
    await title(a, 'Roadmap (B)').waitFor();
    await a.screenshot({ path: `${ARTIFACTS}/web-conflict.png` });

    await a.getByRole('button', { name: 'Edit again with my changes' }).click();
    expect(await a.locator('[data-testid=document-editor] input[name=title]').inputValue()).toBe('Roadmap (A)');
    await a.getByRole('button', { name: 'Save', exact: true }).click();
    await title(b, 'Roadmap (A)').waitFor({ timeout: UPDATE_MS });
  });

  it('shows comments added, edited and deleted in one page live in the other', async () => {
    const token = await devToken(origin, SAMPLES_OWNER);
    const { createDocument } = await requestAs(server.httpUrl, token, CreateDocumentMutation, { input: { title: 'Up for discussion' } });
    const path = `/documents/${createDocument.id}`;
    const [a, b] = await Promise.all([open(path), open(path)]);
    // Both panels have their (empty) first result, so what follows can only arrive as live patches.
    await Promise.all([a, b].map((page) => page.getByText('No comments yet.').waitFor({ timeout: UPDATE_MS })));

    // Added in A: shown in B, with author and relative time; A remembers the name and clears the text.
    await addComment(a, 'Ada', 'Shall we ship this on Friday?');
    await waitForTexts(commentBodies(b), ['Shall we ship this on Friday?'], 'the added comment in B');
    expect(await commentBy(b, 'Ada').locator('time').textContent()).toBe('just now');
    await waitForTexts(commentBodies(a), ['Shall we ship this on Friday?'], 'the added comment in A');
    expect(await a.getByTestId('add-comment').getByLabel('Comment').inputValue()).toBe('');
    expect(await a.evaluate(() => window.localStorage.getItem('livedoc.commentAuthor'))).toBe('Ada');

    // One added in B comes after it in A: oldest first.
    await addComment(b, 'Grace', 'Friday works for me.');
    await waitForTexts(commentBodies(a), ['Shall we ship this on Friday?', 'Friday works for me.'], 'both comments in A, oldest first');

    // Edited in B: A shows the new text and the "edited" mark.
    await commentBy(b, 'Ada').getByRole('button', { name: 'Edit comment' }).click();
    await commentBy(b, 'Ada').getByLabel('Edit comment').fill('Shall we ship this on Monday instead?');
    await commentBy(b, 'Ada').getByRole('button', { name: 'Save comment' }).click();
    await waitForTexts(commentBodies(a), ['Shall we ship this on Monday instead?', 'Friday works for me.'], 'the edited comment in A');
    await commentBy(a, 'Ada').getByTestId('comment-edited').waitFor({ timeout: UPDATE_MS });
    expect(await commentBy(a, 'Grace').getByTestId('comment-edited').count()).toBe(0);
    await a.getByTestId('comments').screenshot({ path: `${ARTIFACTS}/web-comments.png` });

    // Deleted in A, after confirming: gone from B.
    const confirmed = new Promise<string>((resolve) =>
      a.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );
    await commentBy(a, 'Ada').getByRole('button', { name: 'Delete comment' }).click();
    expect(await confirmed).toContain('Delete this comment by Ada?');
    await waitForTexts(commentBodies(b), ['Friday works for me.'], 'the remaining comment in B');
    expect(await b.getByTestId('comments').locator('.count').textContent()).toBe('1');
    expect(await notReloaded(a)).toBe(true);
    expect(await notReloaded(b)).toBe(true);
  });

  it('updates table, summary and chart when a value is edited in place', async () => {
    const [a, b] = await Promise.all([open('/datasets/sample'), open('/datasets/sample')]);
    const firstValue = (page: Page) => page.locator('[data-row-id=r0001] .value');
    await Promise.all([firstValue(a).waitFor(), firstValue(b).waitFor()]);

    // 1,000 rows, but only the live windows in view are in the DOM; scrolling on brings in the end.
    expect(await a.locator('[data-row-id]').count()).toBeLessThanOrEqual(100);
    await scrollRowsTo(a, a.locator('[data-row-id=r1000]'), 40, UPDATE_MS);
    expect(await a.locator('[data-row-id]').count()).toBeLessThanOrEqual(100);
    await a.getByTestId('rows').evaluate((viewport) => viewport.scrollTo({ top: 0 }));

    const chartBefore = await b.locator('[data-testid=chart] polyline').getAttribute('points');
    await firstValue(a).click();
    await a.locator('[data-row-id=r0001] input').fill('99');
    await a.locator('[data-row-id=r0001] input').press('Enter');

    await b.locator('[data-row-id=r0001] .value', { hasText: '99.00' }).waitFor({ timeout: UPDATE_MS });
    await b.locator('[data-figure=max] dd', { hasText: '99.00' }).waitFor({ timeout: UPDATE_MS });
    await b.locator('[data-testid=chart][data-max="99"]').waitFor({ timeout: UPDATE_MS });
    expect(await b.locator('[data-testid=chart] polyline').getAttribute('points')).not.toBe(chartBefore);
    await a.locator('[data-figure=max] dd', { hasText: '99.00' }).waitFor({ timeout: UPDATE_MS });
    await b.screenshot({ path: `${ARTIFACTS}/web-dataset.png` });
  });

  it('shows reconnecting while the server is away and live again when it returns', async () => {
    expectedErrors = /WebSocket connection to .* failed/;
    const page = await open('/documents/live-queries');
    await title(page, 'How live queries work').waitFor();

    await server.stop();
    await page.locator('[data-testid=connection][data-state=reconnecting]').waitFor({ timeout: UPDATE_MS });
    expect(await page.getByTestId('connection').textContent()).toBe('Reconnecting…');
    await page.screenshot({ path: `${ARTIFACTS}/web-reconnecting.png`, clip: { x: 0, y: 0, width: 1280, height: 120 } });

    await server.start();
    await page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 15_000 });
    // The page's live queries resumed (nothing changed while away: empty patches), none refetched.
    await waitFor(() => server.server.engine.stats().resumes.empty > 0, UPDATE_MS, 'the page to resume its live queries');
    expect(server.server.engine.stats().resumes.whole).toBe(0);
    // The restarted server signs with a new dev secret: the tab got a fresh token for the same viewer by itself.
    await page.locator(`[data-testid=viewer][data-viewer=${SAMPLES_OWNER}]`).waitFor({ timeout: UPDATE_MS });
    // The live queries were re-established: a change made now shows up.
    const token = await devToken(origin, SAMPLES_OWNER);
    await requestAs(server.httpUrl, token, UpdateDocumentMutation, { id: 'live-queries', input: { title: 'Live queries, after a restart' } });
    await title(page, 'Live queries, after a restart').waitFor({ timeout: UPDATE_MS });
    expect(await notReloaded(page)).toBe(true);
  });
});
