/**
 * One operation over GraphQL over SSE in distinct connections mode: one `POST` with
 * `Accept: text/event-stream` per attempt (the `graphql-sse` client, without retries of its own), the
 * viewer's token in `Authorization` on each, and the retry policy of a live query here: a stream that
 * ends without `complete`, a lost connection, 429 or 5xx restart the operation after a backoff (the
 * server starts afresh at revision 1); a `complete` right after a live result means the server shut
 * down, and restarts it too; a 401 asks `getToken` again (`rejected: true`); other refusals are final.
 */
import { createClient, type Client, type RequestParams } from 'graphql-sse';
import type { SubscribePayload } from 'graphql-ws';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { PayloadSink } from './liveSocket.js';
import { classifySseFailure, type SseFailure } from './sseFailure.js';
import { createTokenAuth, type GetToken, type TokenAuth } from './tokenAuth.js';

/** Options shared by every operation of an SSE socket. */
export interface SseOperationOptions {
  /** The http(s) URL of the GraphQL endpoint. */
  url: () => Promise<string>;
  getToken?: GetToken;
  maxAuthAttempts?: number;
  backoff?: BackoffOptions;
  /** A fetch implementation where there is no global one (graphql-sse's `fetchFn`). */
  fetchFn?: unknown;
}

/** Where an operation stands, for the socket's status. */
export type SseOperationState = 'connecting' | 'open' | 'reconnecting' | 'ended';

/** Starts `payload`; `report` hears its state; returns the function that stops it (aborts the request). */
export function runSseOperation(
  options: SseOperationOptions,
  payload: SubscribePayload,
  sink: PayloadSink,
  report: (state: SseOperationState) => void,
): () => void {
  const auth = createTokenAuth({ getToken: options.getToken, maxAuthAttempts: options.maxAuthAttempts });
  const client = createSseClient(options, auth);
  let stopped = false;
  let attempt = 0;
  let retries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopAttempt: () => void = () => {};

  const end = (deliver: () => void) => {
    if (stopped) return;
    stopped = true;
    client.dispose();
    report('ended');
    deliver();
  };
  const retry = (afterMs = 0) => {
    report('reconnecting');
    timer = setTimeout(start, Math.max(afterMs, backoffDelay(retries++, options.backoff)));
  };
  const fail = async (error: unknown, current: () => boolean) => {
    const decision = decide(await classifySseFailure(error), error, auth);
    if (!current()) return;
    if ('retryAfterMs' in decision) retry(decision.retryAfterMs);
    else end(() => sink.error(decision.error));
  };

  function start(): void {
    const mine = ++attempt;
    const current = () => !stopped && mine === attempt;
    // Did the latest payload carry a revision, i.e. is this a live query's stream?
    let live = false;
    report(retries === 0 ? 'connecting' : 'reconnecting');
    stopAttempt = client.subscribe(
      // Read on every attempt: the payload carries the resume token of the latest state (subscribeLive.ts).
      toRequestParams(payload),
      {
        next(value) {
          if (!current()) return;
          retries = 0;
          live = hasRevision(value);
          sink.next(value);
        },
        error: (error) => void (current() && fail(error, current)),
        complete() {
          if (!current()) return;
          if (live) retry();
          else end(() => sink.complete());
        },
      },
      {
        connected() {
          if (!current()) return;
          auth.connected();
          report('open');
        },
      },
    );
  }

  start();
  return () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    stopAttempt();
    client.dispose();
    report('ended');
  };
}

/** A graphql-sse client sending the viewer's token on each request, without retries of its own. */
function createSseClient(options: SseOperationOptions, auth: TokenAuth): Client {
  return createClient({
    url: options.url,
    singleConnection: false,
    // Retries are decided here: graphql-sse would also retry refusals that can never succeed.
    retryAttempts: 0,
    fetchFn: options.fetchFn,
    headers: async (): Promise<Record<string, string>> => {
      const authorization = (await auth.connectionParams())?.authorization;
      return typeof authorization === 'string' ? { authorization } : {};
    },
  });
}

/** Retry (after at least `retryAfterMs`), or end the operation with `error`. A refusal counts toward the token's attempts. */
function decide(failure: SseFailure, error: unknown, auth: TokenAuth): { retryAfterMs: number } | { error: unknown } {
  if (failure.kind === 'retry') return { retryAfterMs: failure.afterMs ?? 0 };
  if (failure.kind === 'fatal') return { error: failure.error };
  if (failure.kind === 'refused') auth.refused(error);
  if (auth.shouldRetry(error)) return { retryAfterMs: 0 };
  return { error: failure.kind === 'refused' ? tokenRefused(failure.message) : error };
}

/** graphql-ws's payload as graphql-sse's request (which has no room for nulls). */
function toRequestParams(payload: SubscribePayload): RequestParams {
  const request: RequestParams = { query: payload.query };
  if (payload.operationName) request.operationName = payload.operationName;
  if (payload.variables) request.variables = payload.variables;
  if (payload.extensions) request.extensions = payload.extensions;
  return request;
}

function hasRevision(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'revision' in value && typeof value.revision === 'number';
}

/** As over graphql-ws after a 4403 too many times (toError.ts). */
function tokenRefused(reason: string): Error {
  return new Error(`The server refused the viewer's token (401: ${reason}); sign in again.`);
}
