/**
 * Sharing in the web client, in a real browser against a real server: two tabs are two viewers (ann
 * and bob, signed in through the "Sign in as" box), a third is anonymous. A private document of ann's
 * is not in bob's list; shared with bob as READER it appears there live and opens read-only; ann's
 * edits reach bob live; unshared, it goes from bob's list and his open view says it is no longer
 * available; made public, the anonymous tab reads it. An EDITOR edits; one whose role drops to
 * READER while editing is told why saving was refused.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webClientDist } from '../../server/app/startServer.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { launchBrowser } from './support/browser.js';
import { ensureWebBuild } from './support/ensureWebBuild.js';
import { createTabs } from './support/tabs.js';
import { WITH_DEV_TOKENS, originOf } from './support/viewers.js';

const UPDATE_MS = 10_000;
const ARTIFACTS = 'test-artifacts';
const UNAVAILABLE = 'This document is not available (it was deleted or is no longer shared with you).';

let t: TestServer;
let browser: Browser;
let origin: string;
const tabs = createTabs(() => browser, () => origin, UPDATE_MS);
/** What beforeAll opened, closed newest first (a setup that failed part-way closes what it opened). */
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  [t, browser] = await Promise.all([startTestServer({ seed: true, webRoot: webClientDist, ...WITH_DEV_TOKENS }), launchBrowser()]);
  cleanups.push(() => t.dispose(), () => browser.close());
  origin = originOf(t.server.httpUrl);
  await mkdir(ARTIFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterEach(() => tabs.closeAll());

/** A tab of its own (own sessionStorage: its own viewer) at `path`, signed in as `as` unless null. */
const open = (path: string, as: string | null) => tabs.open(path, as);

const listEntry = (page: Page, title: string) => page.getByTestId('document-list').getByRole('link', { name: title });
const shownTitle = (page: Page, title: string) => page.getByTestId('document-title').filter({ hasText: title });
/** The access facts of the open document: owner, visibility and the viewer's role. */
const access = (page: Page) => page.getByTestId('access');

describe('sharing in the web client', () => {
  it('shows a private document only to whom it is shared with, live, read-only for readers, and to everyone once public', async () => {
    // Ann creates a document: private, hers.
    const ann = await open('/', 'ann');
    const form = ann.locator('form', { hasText: 'New document' });
    await form.getByLabel('Title').fill('Ann’s plan');
    await form.getByRole('button', { name: 'Create document' }).click();
    await shownTitle(ann, 'Ann’s plan').waitFor({ timeout: UPDATE_MS });
    const path = new URL(ann.url()).pathname;
    expect(path).toMatch(/^\/documents\/./);
    await ann.locator('[data-testid=access][data-role=OWNER][data-visibility=PRIVATE]').waitFor({ timeout: UPDATE_MS });
    expect(await access(ann).getByTestId('owner').textContent()).toBe('Owner ann');
    expect(await ann.getByTestId('read-only').count()).toBe(0);

    // Bob's list, loaded after the document exists (the public samples are in it), does not have it.
    const bob = await open('/', 'bob');
    await listEntry(bob, 'Welcome to livedoc').waitFor({ timeout: UPDATE_MS });
    expect(await listEntry(bob, 'Ann’s plan').count()).toBe(0);
    // Only signed-in viewers get the form for a new document.
    await bob.locator('form', { hasText: 'New document' }).waitFor({ timeout: UPDATE_MS });

    // Shared with bob as READER: it appears in his list without reloading, and opens read-only.
    const sharing = ann.getByTestId('sharing');
    await sharing.getByLabel('Share with').fill('bob');
    await sharing.getByLabel('as').selectOption('READER');
    await sharing.getByRole('button', { name: 'Share', exact: true }).click();
    await sharing.locator('[data-testid=share][data-viewer-id=bob]', { hasText: 'READER' }).waitFor({ timeout: UPDATE_MS });
    await listEntry(bob, 'Ann’s plan').waitFor({ timeout: UPDATE_MS });
    await listEntry(bob, 'Ann’s plan').click();
    await shownTitle(bob, 'Ann’s plan').waitFor({ timeout: UPDATE_MS });
    await bob.locator('[data-testid=access][data-role=READER][data-visibility=PRIVATE]').waitFor({ timeout: UPDATE_MS });
    expect(await access(bob).getByTestId('owner').textContent()).toBe('Owner ann');
    expect(await bob.getByTestId('read-only').textContent()).toBe('Read only — shared with you as READER.');
    await bob.getByTestId('comments').waitFor();
    expect(await bob.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    expect(await bob.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    expect(await bob.getByRole('button', { name: '+ Add section' }).count()).toBe(0);
    expect(await bob.getByTestId('add-comment').count()).toBe(0);
    expect(await bob.getByTestId('sharing').count()).toBe(0);
    await bob.screenshot({ path: `${ARTIFACTS}/web-shared-read-only.png` });
    await ann.screenshot({ path: `${ARTIFACTS}/web-sharing-panel.png` });

    // Ann renames it: bob's view and list follow live.
    await ann.getByRole('button', { name: 'Edit', exact: true }).click();
    await ann.locator('[data-testid=document-editor] input[name=title]').fill('Ann’s plan, revised');
    await ann.getByRole('button', { name: 'Save', exact: true }).click();
    await shownTitle(bob, 'Ann’s plan, revised').waitFor({ timeout: UPDATE_MS });
    await listEntry(bob, 'Ann’s plan, revised').waitFor({ timeout: UPDATE_MS });

    // Unshared: gone from bob's list, and his open view says it is no longer available.
    await sharing.getByRole('button', { name: 'Remove bob' }).click();
    await listEntry(bob, 'Ann’s plan, revised').waitFor({ state: 'detached', timeout: UPDATE_MS });
    await bob.getByTestId('unavailable').waitFor({ timeout: UPDATE_MS });
    expect(await bob.getByTestId('unavailable').getByRole('status').textContent()).toBe(UNAVAILABLE);
    await sharing.getByText('Not shared with anyone.').waitFor({ timeout: UPDATE_MS });

    // Made public: an anonymous tab reads it (read-only, asked to sign in; no form for a new document),
    // and it comes back for bob as a reader of a public document.
    await sharing.getByRole('button', { name: 'Make public' }).click();
    await ann.locator('[data-testid=access][data-visibility=PUBLIC]').waitFor({ timeout: UPDATE_MS });
    const anonymous = await open(path, null);
    await shownTitle(anonymous, 'Ann’s plan, revised').waitFor({ timeout: UPDATE_MS });
    await listEntry(anonymous, 'Ann’s plan, revised').waitFor({ timeout: UPDATE_MS });
    expect(await anonymous.getByTestId('read-only').textContent()).toBe('Read only — Sign in to edit.');
    expect(await anonymous.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    expect(await anonymous.getByTestId('add-comment').count()).toBe(0);
    expect(await anonymous.getByRole('link', { name: 'New', exact: true }).count()).toBe(0);
    await shownTitle(bob, 'Ann’s plan, revised').waitFor({ timeout: UPDATE_MS });
    await bob.locator('[data-testid=access][data-role=READER][data-visibility=PUBLIC]').waitFor({ timeout: UPDATE_MS });

    await anonymous.getByRole('link', { name: 'Documents', exact: true }).click();
    await anonymous.getByTestId('sign-in-to-create').waitFor({ timeout: UPDATE_MS });
    expect(await anonymous.locator('form', { hasText: 'New document' }).count()).toBe(0);
    // Datasets too: the anonymous tab reads values (no edit buttons) and gets no form for a new dataset.
    await anonymous.getByRole('link', { name: 'Datasets', exact: true }).click();
    await anonymous.locator('[data-row-id=r0001] .value--read-only').waitFor({ timeout: UPDATE_MS });
    expect(await anonymous.locator('[data-row-id] button').count()).toBe(0);
    expect(await anonymous.getByTestId('read-only').textContent()).toBe('Read only — Sign in to edit.');
    expect(await anonymous.getByTestId('new-dataset').count()).toBe(0);
  });

  it('lets an EDITOR edit, and says why saving is refused once the role dropped to READER', async () => {
    const ann = await open('/', 'ann');
    const form = ann.locator('form', { hasText: 'New document' });
    await form.getByLabel('Title').fill('Team notes');
    await form.getByRole('button', { name: 'Create document' }).click();
    await shownTitle(ann, 'Team notes').waitFor({ timeout: UPDATE_MS });
    const path = new URL(ann.url()).pathname;
    const sharing = ann.getByTestId('sharing');
    const shareWithBob = async (role: 'READER' | 'EDITOR') => {
      await sharing.getByLabel('Share with').fill('bob');
      await sharing.getByLabel('as').selectOption(role);
      await sharing.getByRole('button', { name: 'Share', exact: true }).click();
      await sharing.locator('[data-testid=share][data-viewer-id=bob]', { hasText: role }).waitFor({ timeout: UPDATE_MS });
    };
    await shareWithBob('EDITOR');

    // As EDITOR bob changes the content (a section) but neither deletes nor shares.
    const bob = await open(path, 'bob');
    await bob.locator('[data-testid=access][data-role=EDITOR]').waitFor({ timeout: UPDATE_MS });
    expect(await bob.getByTestId('read-only').count()).toBe(0);
    expect(await bob.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    expect(await bob.getByTestId('sharing').count()).toBe(0);
    await bob.getByRole('button', { name: '+ Add section' }).click();
    await bob.locator('[data-testid=add-section] input').fill('From bob');
    await bob.getByRole('button', { name: 'Add section', exact: true }).click();
    await ann.locator('[data-testid=section] h3', { hasText: 'From bob' }).waitFor({ timeout: UPDATE_MS });

    // Bob starts editing the title; ann makes him a READER meanwhile: his draft stays, saving is refused, and he is told why.
    await bob.getByRole('button', { name: 'Edit', exact: true }).click();
    await bob.locator('[data-testid=document-editor] input[name=title]').fill('Bob’s title');
    await shareWithBob('READER');
    await bob.locator('[data-testid=access][data-role=READER]').waitFor({ timeout: UPDATE_MS });
    await bob.getByRole('button', { name: 'Save', exact: true }).click();
    const refusal = bob.getByTestId('document-editor').locator('.notice--error');
    await refusal.waitFor({ timeout: UPDATE_MS });
    expect(await refusal.textContent()).toMatch(/^Not allowed: changing document \S+ needs the EDITOR role; your role is READER\.$/);
    expect(await bob.locator('[data-testid=document-editor] input[name=title]').inputValue()).toBe('Bob’s title');
    await bob.getByRole('button', { name: 'Cancel' }).click();
    await shownTitle(bob, 'Team notes').waitFor({ timeout: UPDATE_MS });
    expect(await bob.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    expect(await bob.getByRole('button', { name: 'Edit section' }).count()).toBe(0);
  });
});
