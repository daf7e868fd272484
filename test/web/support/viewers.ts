/**
 * Viewers in browser tests: servers that hand out dev tokens (so pages sign in through the app's
 * "Sign in as" box, as a person would), signing a page in, and typed GraphQL requests made as a
 * viewer with a dev token from the same server.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Server options: `POST /auth/dev-token` on, with the server's own random secret. */
export const WITH_DEV_TOKENS = { auth: { devTokens: true } };

/** The viewer that owns the seeded samples (the only one who may change them at first). */
export const SAMPLES_OWNER = 'system';

/** The page's origin of a server's `httpUrl` (`http://host:port/graphql`). */
export function originOf(httpUrl: string): string {
  return httpUrl.replace(/\/graphql$/, '');
}

/** Signs `page` in as `name` through the top bar's box and waits until the app shows it and is live again. */
export async function signInThroughBox(page: Page, name: string, timeout: number): Promise<void> {
  const box = page.getByTestId('sign-in');
  await box.getByLabel('Sign in as').fill(name);
  await box.getByRole('button', { name: 'Sign in' }).click();
  await page.locator(`[data-testid=viewer][data-viewer="${name}"]`).waitFor({ timeout });
  // Signing in replaces the client: its new socket carries the token.
  await page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout });
}

/** A dev token for `name` from the server at `origin`; fails the test when it has none. */
export async function devToken(origin: string, name: string): Promise<string> {
  const response = await fetch(`${origin}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as { token?: unknown };
  expect(typeof body.token, `a dev token from ${origin}`).toBe('string');
  return String(body.token);
}

/** POSTs `document` to `httpUrl` as the viewer of `token` and returns its data, failing the test on errors. */
export async function requestAs<TData, TVariables>(
  httpUrl: string,
  token: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TData; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data as TData;
}
