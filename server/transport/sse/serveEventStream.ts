/**
 * One GraphQL over SSE request (distinct connections mode), from the request to the end of its
 * stream. Everything that can be refused is refused before the stream starts, with an HTTP status and
 * a JSON body of GraphQL errors: the origin (403) and the token (401), the request's parameters (400,
 * 405, 413, 415), parse, validation and limits (400; 413 for a query text over its size), variables
 * and `@live` arguments (400), the mutation rate (429), the client's open streams (429). Then a live
 * query joins the engine's group for its document, variables and viewer scope — the same group a
 * graphql-ws watcher of that query is in — and every other operation runs through the same envelop
 * pipeline as over HTTP: one `next` and `complete` for a query or mutation, one `next` per event for a
 * subscription.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import type { ContextFactory } from '../../graphql/context.js';
import type { LiveQueryEngine } from '../../live/liveQueryEngine.js';
import type { TransportMetrics } from '../../metrics/transportMetrics.js';
import { rateLimitedStatus } from '../http/mutationRatePlugin.js';
import type { OriginPolicy } from '../originPolicy.js';
import type { Envelop } from '../ws/envelop.js';
import { liveRequestOf } from '../ws/liveRequest.js';
import { withoutHttpExtensions } from '../ws/withoutHttpExtensions.js';
import type { EventStream } from './eventStream.js';
import { readGraphQLParams, type RequestError } from './eventStreamParams.js';
import { LiveEventSink } from './liveEventSink.js';
import { prepareOperation } from './prepareOperation.js';
import { streamAccess, type StreamAccess } from './streamAccess.js';

/** What {@link serveEventStream} needs besides the request. */
export interface EventStreamDeps {
  envelop: Envelop;
  engine: LiveQueryEngine;
  createContext: ContextFactory;
  /** Checks the `Authorization` header (401 `UNAUTHENTICATED` when refused), as on every path. */
  verify: TokenVerifier;
  /** Which browser origins may open streams (403 for others), as for CORS and WebSocket upgrades. */
  originPolicy: OriginPolicy;
  /** Largest request body; larger ones are answered 413. */
  maxBodyBytes: number;
  /**
   * Answers 200 and registers the stream (heartbeats, shutdown, the end of the viewer's token, the
   * client's quota of streams); undefined when it answered 429 or 503 instead.
   */
  accept: (req: IncomingMessage, res: ServerResponse, access: StreamAccess) => EventStream | undefined;
  metrics: TransportMetrics;
}

/** Serves `req` until its stream ends; rejects only on unexpected failures (the caller answers those). */
export async function serveEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  deps: EventStreamDeps,
): Promise<void> {
  const access = await streamAccess(req, deps.originPolicy, deps.verify);
  if ('errors' in access) {
    answerRequestError(res, access);
    return;
  }
  const refused = await runOperation(req, res, access, deps);
  if (refused) answerRequestError(res, { ...refused, headers: { ...refused.headers, ...access.headers } });
}

/** Runs the operation of `req` on an accepted stream, or returns why it is refused (nothing written). */
async function runOperation(
  req: IncomingMessage,
  res: ServerResponse,
  access: StreamAccess,
  deps: EventStreamDeps,
): Promise<RequestError | undefined> {
  const { viewer } = access;
  const params = await readGraphQLParams(req, deps.maxBodyBytes);
  if ('errors' in params && params.status === 413) deps.metrics.limitHit('body_bytes');
  if ('errors' in params) return params;
  const prepared = prepareOperation(deps.envelop(req, params), params, req.method);
  if ('errors' in prepared) return prepared;
  const live = liveRequestOf(prepared.args, viewer, deps.createContext);
  if (live && 'errors' in live) return { status: 400, errors: live.errors };
  if (live) {
    const stream = deps.accept(req, res, access);
    if (stream) new LiveEventSink(stream, deps.metrics).start(deps.engine, live);
    return undefined;
  }
  // The request in the context, as on the other paths: the mutation rate counts anonymous clients by address.
  const result = await prepared.execute({ ...prepared.args, contextValue: { ...deps.createContext(viewer), req } });
  if (isAsyncIterable(result)) {
    const stream = deps.accept(req, res, access);
    if (stream) await streamResults(stream, result);
    else await result[Symbol.asyncIterator]().return?.();
    return undefined;
  }
  // Without data nothing ran (bad variables, over the mutation rate): refused like a bad request.
  if (result.data === undefined) return requestErrorOf(result);
  const stream = deps.accept(req, res, access);
  stream?.next(1, resultJson(result));
  stream?.complete();
  return undefined;
}

/** A result that ran nothing, as a refusal: 429 with Retry-After over the mutation rate, else 400. */
function requestErrorOf(result: ExecutionResult): RequestError {
  const errors = result.errors ?? [];
  const limited = rateLimitedStatus(errors);
  return limited ? { status: limited.status, errors, headers: { ...limited.headers } } : { status: 400, errors };
}

/** Writes the results of a subscription as `next` events (ids 1, 2, …) and `complete` when it ends. */
async function streamResults(stream: EventStream, results: AsyncIterable<ExecutionResult>): Promise<void> {
  const iterator = results[Symbol.asyncIterator]();
  // The client going away (or shutdown) ends the subscription's source: its resolvers' cleanup runs.
  stream.releaseOnEnd(() => void iterator.return?.());
  for (let id = 1; ; id++) {
    const step = await iterator.next();
    if (step.done || stream.ended) break;
    stream.next(id, resultJson(step.value));
  }
  stream.complete();
}

/** Answers a request error before any stream: its status, a JSON body of its errors. */
export function answerRequestError(res: ServerResponse, error: RequestError): void {
  const body = JSON.stringify({ errors: error.errors.map(withoutHttpExtensions) });
  res.writeHead(error.status, {
    ...error.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** One result as JSON; errors without yoga's HTTP extensions, which mean nothing inside a stream. */
function resultJson(result: ExecutionResult): string {
  return JSON.stringify(result.errors ? { ...result, errors: result.errors.map(withoutHttpExtensions) } : result);
}

function isAsyncIterable<T>(value: T | AsyncIterable<T>): value is AsyncIterable<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
