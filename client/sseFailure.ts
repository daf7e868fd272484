/**
 * What a failed event-stream request means for its operation. The server refuses what it can before
 * the stream starts, with an HTTP status and a JSON body `{ errors }` (docs/protocol.md, "Errors
 * before the stream"): a bad request is final, a refused token is asked for again, and everything else
 * (a lost connection, a stream that ended, 429, 5xx) is retried with backoff.
 */
import type { GraphQLFormattedError } from 'graphql';
import { NetworkError } from 'graphql-sse';
import { TokenError } from './tokenAuth.js';

/** The decision for one failure. */
export type SseFailure =
  /** Try again after the backoff (or `afterMs`, the server's `Retry-After`, when longer). */
  | { kind: 'retry'; afterMs?: number }
  /** 401: the token did not verify; `message` says why. */
  | { kind: 'refused'; message: string }
  /** `getToken` failed (already counted by the token handling). */
  | { kind: 'token' }
  /** Final: the GraphQL errors of a refused request (like a graphql-ws `error` message), or an Error. */
  | { kind: 'fatal'; error: GraphQLFormattedError[] | Error };

/** Statuses worth retrying: the request may succeed later as it is. */
const TRANSIENT = new Set([408, 425, 429]);

/** Classifies what graphql-sse reported to a sink's `error`. */
export async function classifySseFailure(error: unknown): Promise<SseFailure> {
  if (error instanceof TokenError) return { kind: 'token' };
  if (!isNetworkError(error) || !error.response) return { kind: 'retry' };
  const response: unknown = error.response;
  const { status, statusText } = error.response;
  if (status >= 500 || TRANSIENT.has(status)) return { kind: 'retry', afterMs: retryAfterMs(response) };
  const errors = await errorsOf(response);
  if (status === 401) return { kind: 'refused', message: errors?.[0]?.message ?? 'invalid token' };
  if (errors?.length) return { kind: 'fatal', error: errors };
  return { kind: 'fatal', error: new Error(`The server refused the event stream (HTTP ${[status, statusText].filter(Boolean).join(' ')}).`) };
}

/** graphql-sse's NetworkError, its response typed as the least it promises. */
function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}

/** The `errors` of a JSON error body, or undefined when the body is anything else. */
async function errorsOf(response: unknown): Promise<GraphQLFormattedError[] | undefined> {
  if (!hasMethod(response, 'text')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(String(await response.text()));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return undefined;
  const errors: unknown[] = body.errors;
  return errors.every(isFormattedError) ? errors : undefined;
}

/** `Retry-After` in ms (seconds form only), or undefined. */
function retryAfterMs(response: unknown): number | undefined {
  if (typeof response !== 'object' || response === null || !('headers' in response)) return undefined;
  const headers = response.headers;
  if (!hasMethod(headers, 'get')) return undefined;
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) * 1000 : undefined;
}

function hasMethod<K extends string>(value: unknown, name: K): value is Record<K, (...args: unknown[]) => unknown> {
  if (typeof value !== 'object' || value === null || !(name in value)) return false;
  const member: unknown = Reflect.get(value, name);
  return typeof member === 'function';
}

function isFormattedError(value: unknown): value is GraphQLFormattedError {
  return typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string';
}
