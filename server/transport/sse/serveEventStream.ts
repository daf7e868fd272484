/**
 * One GraphQL over SSE request (distinct connections mode), from the request to the end of its
 * stream. Everything that can be refused is refused before the stream starts, with an HTTP status and
 * a JSON body of GraphQL errors: the viewer (401), the request's parameters (400, 405, 413, 415),
 * parse, validation and limits (400; 413 for a query text over its size), variables and `@live`
 * arguments (400). Then a live query joins
 * the engine's group for its document, variables and viewer scope — the same group a graphql-ws
 * watcher of that query is in — and every other operation runs through the same envelop pipeline as
 * over HTTP: one `next` and `complete` for a query or mutation, one `next` per event for a subscription.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { ContextFactory } from '../../graphql/context.js';
import type { Viewer } from '../../graphql/viewer.js';
import type { LiveQueryEngine } from '../../live/liveQueryEngine.js';
import type { Envelop } from '../ws/envelop.js';
import { liveRequestOf } from '../ws/liveRequest.js';
import { withoutHttpExtensions } from '../ws/withoutHttpExtensions.js';
import type { EventStream } from './eventStream.js';
import { readGraphQLParams, type RequestError } from './eventStreamParams.js';
import { LiveEventSink } from './liveEventSink.js';
import { prepareOperation } from './prepareOperation.js';

/** The viewer of a request, from its credentials; 'unauthenticated' when they are bad (answered 401). */
export type ViewerOf = (req: IncomingMessage) => Promise<Viewer | 'unauthenticated'>;

/** What {@link serveEventStream} needs besides the request. */
export interface EventStreamDeps {
  envelop: Envelop;
  engine: LiveQueryEngine;
  createContext: ContextFactory;
  viewerOf: ViewerOf;
  /** Largest request body; larger ones are answered 413. */
  maxBodyBytes: number;
  /**
   * Answers 200 and registers the stream (heartbeats, shutdown, the end of the viewer's token);
   * undefined when it answered 503 instead.
   */
  accept: (res: ServerResponse, viewer: Viewer) => EventStream | undefined;
}

/** Serves `req` until its stream ends; rejects only on unexpected failures (the caller answers those). */
export async function serveEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  deps: EventStreamDeps,
): Promise<void> {
  const refused = await runOperation(req, res, deps);
  if (refused) answerRequestError(res, refused);
}

/** Runs the operation of `req` on an accepted stream, or returns why it is refused (nothing written). */
async function runOperation(
  req: IncomingMessage,
  res: ServerResponse,
  deps: EventStreamDeps,
): Promise<RequestError | undefined> {
  const viewer = await deps.viewerOf(req);
  if (viewer === 'unauthenticated') return UNAUTHENTICATED;
  const params = await readGraphQLParams(req, deps.maxBodyBytes);
  if ('errors' in params) return params;
  const prepared = prepareOperation(deps.envelop(req, params), params, req.method);
  if ('errors' in prepared) return prepared;
  const live = liveRequestOf(prepared.args, viewer, deps.createContext);
  if (live && 'errors' in live) return { status: 400, errors: live.errors };
  if (live) {
    const stream = deps.accept(res, viewer);
    if (stream) new LiveEventSink(stream).start(deps.engine, live);
    return undefined;
  }
  const result = await prepared.execute({ ...prepared.args, contextValue: deps.createContext(viewer) });
  if (isAsyncIterable(result)) {
    const stream = deps.accept(res, viewer);
    if (stream) await streamResults(stream, result);
    else await result[Symbol.asyncIterator]().return?.();
    return undefined;
  }
  // Without data nothing ran (bad variables): a request error, refused like the others.
  if (result.data === undefined) return { status: 400, errors: result.errors ?? [] };
  const stream = deps.accept(res, viewer);
  stream?.next(1, resultJson(result));
  stream?.complete();
  return undefined;
}

/** 401 for credentials that do not verify. */
const UNAUTHENTICATED: RequestError = {
  status: 401,
  errors: [new GraphQLError('Invalid or expired token.', { extensions: { code: 'UNAUTHENTICATED' } })],
};

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
