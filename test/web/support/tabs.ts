/**
 * The tabs a browser test opens, each in its own context (its own storage, so its own viewer):
 * opened live and signed in, closed after each test, which then fails on any page error they saw.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage, type WatchedPage } from './browser.js';
import { signInThroughBox } from './viewers.js';

/** Opens tabs and closes them together. */
export interface Tabs {
  /** A tab at `path` of the server's origin, live, signed in as `as` unless null. */
  open: (path: string, as: string | null) => Promise<Page>;
  /** Closes every tab opened since the last call and expects that none saw an error (for `afterEach`). */
  closeAll: () => Promise<void>;
}

/** Tabs of `browser()` on `origin()` (read when a tab opens); waits up to `timeoutMs` for each step. */
export function createTabs(browser: () => Browser, origin: () => string, timeoutMs: number): Tabs {
  const opened: WatchedPage[] = [];
  return {
    open: async (path, as) => {
      const watched = await openPage(browser());
      opened.push(watched);
      await watched.page.goto(origin() + path);
      await watched.page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: timeoutMs });
      if (as !== null) await signInThroughBox(watched.page, as, timeoutMs);
      return watched.page;
    },
    closeAll: async () => {
      const closing = opened.splice(0);
      await Promise.all(closing.map((p) => p.context.close()));
      expect(closing.flatMap((p) => p.errors)).toEqual([]);
    },
  };
}
