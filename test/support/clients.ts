/** Real graphql-ws and HTTP clients for end-to-end tests, with bounded waits. */
import fastJsonPatch from 'fast-json-patch';
import { createClient, type Client } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { JsonObject, LiveResult } from '../../server/live/liveResult.js';
import { signTestToken } from './auth.js';
import { createQueue } from './waitFor.js';

/**
 * The viewer tests act as unless they say otherwise: `system`, the owner of the seeded samples, so
 * that tests about live updates can change them. Tests about access pass their own viewers.
 */
export const TEST_VIEWER = 'system';

/** Who a test client is: a viewer id (signed with the test secret), or null for anonymous. */
export interface As {
  as?: string | null;
}

/** The `Authorization` value of a test client, or undefined for anonymous. */
export async function authorizationOf(options: As = {}): Promise<string | undefined> {
  const viewer = options.as === undefined ? TEST_VIEWER : options.as;
  return viewer === null ? undefined : `Bearer ${await signTestToken(viewer)}`;
}

/** The text of a WebSocket message, however ws delivered its bytes. */
export function messageText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** A graphql-ws `connection_init` message signed in as `as` (default {@link TEST_VIEWER}; null: anonymous). */
export async function initMessage(options: As = {}): Promise<string> {
  const authorization = await authorizationOf(options);
  return JSON.stringify(authorization ? { type: 'connection_init', payload: { authorization } } : { type: 'connection_init' });
}

/** A GraphQL response over HTTP. */
export interface HttpResult {
  status: number;
  body: { data?: JsonObject | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs a GraphQL request (as {@link TEST_VIEWER} unless `as` says otherwise). */
export async function http(url: string, query: string, variables?: Record<string, unknown>, options: As = {}): Promise<HttpResult> {
  const authorization = await authorizationOf(options);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as HttpResult['body'] };
}

/** POSTs a GraphQL request and returns its data, failing the test on errors. */
export async function mutate(url: string, query: string, variables?: Record<string, unknown>, options: As = {}): Promise<JsonObject> {
  const { body } = await http(url, query, variables, options);
  expect(body.errors).toBeUndefined();
  return body.data as JsonObject;
}

/**
 * A graphql-ws client that fails fast instead of retrying (tests want to see errors), signed in as
 * {@link TEST_VIEWER} unless `as` says otherwise.
 */
export function wsClient(url: string, options: { lazy?: boolean } & As = {}): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: options.lazy ?? true,
    retryAttempts: 0,
    connectionParams: async () => {
      const authorization = await authorizationOf(options);
      return authorization ? { authorization } : {};
    },
  });
}

/** One live subscription: take results one by one; `state` is the first result with every patch applied. */
export interface LiveSubscription {
  /** Takes the next message, checks its revision is previous + 1, applies it; returns it. */
  next(timeoutMs?: number): Promise<LiveResult>;
  /** The reconstructed result after everything taken so far. */
  readonly state: JsonObject | null;
  readonly revision: number;
  /** Messages received but not taken yet. */
  readonly pending: readonly unknown[];
  /** When each message was received (`performance.now()`), taken or not. */
  readonly arrivals: readonly number[];
  /** Resolves when the server completed or errored the operation. */
  readonly ended: Promise<{ error?: unknown }>;
  dispose(): void;
}

/**
 * Subscribes `query` on `client` and returns a stepper over its results. With `restarts`, a full
 * result at revision 1 (what a client gets after reconnecting) starts over instead of failing.
 */
export function subscribeLive(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
  options: { restarts?: boolean } = {},
): LiveSubscription {
  const queue = createQueue<LiveResult>();
  const arrivals: number[] = [];
  let state: JsonObject | null = null;
  let revision = 0;
  let resolveEnded!: (value: { error?: unknown }) => void;
  const ended = new Promise<{ error?: unknown }>((resolve) => (resolveEnded = resolve));
  const dispose = client.subscribe<unknown>(
    { query, variables },
    {
      next: (value) => {
        arrivals.push(performance.now());
        queue.push(value as unknown as LiveResult);
      },
      error: (error) => resolveEnded({ error }),
      complete: () => resolveEnded({}),
    },
  );
  return {
    async next(timeoutMs = 5_000) {
      const result = await queue.take(timeoutMs, `revision ${revision + 1} of ${query.slice(0, 60)}`);
      if (options.restarts && result.revision === 1 && 'data' in result) revision = 0;
      expect(result.revision).toBe(revision + 1);
      revision = result.revision;
      if ('data' in result) state = result.data;
      else state = fastJsonPatch.applyPatch(state, result.patch as fastJsonPatch.Operation[], true, false).newDocument;
      return result;
    },
    get state() {
      return state;
    },
    get revision() {
      return revision;
    },
    get pending() {
      return queue.pending;
    },
    arrivals,
    ended,
    dispose,
  };
}
