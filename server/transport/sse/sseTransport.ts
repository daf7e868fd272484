/**
 * Live queries (and every other operation) over plain HTTP as `text/event-stream`: GraphQL over SSE
 * in its distinct connections mode, on the same path as GraphQL over HTTP and graphql-ws. Requests
 * whose first accepted type is `text/event-stream` are served here; everything else goes on to the
 * GraphQL-over-HTTP handler. Owns the open streams: one heartbeat timer for all of them, and shutdown.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { ContextFactory } from '../../graphql/context.js';
import { ANONYMOUS } from '../../graphql/viewer.js';
import type { LiveQueryEngine } from '../../live/liveQueryEngine.js';
import type { Logger } from '../../runtime/logger.js';
import type { LivedocYoga } from '../http/createLivedocYoga.js';
import { createEnvelop } from '../ws/envelop.js';
import { DEFAULT_MAX_BUFFERED_BYTES } from '../ws/liveSocketSink.js';
import { endAtExpiry } from './endAtExpiry.js';
import { EventStream } from './eventStream.js';
import { wantsEventStream, type RequestError } from './eventStreamParams.js';
import { answerRequestError, serveEventStream, type EventStreamDeps, type ViewerOf } from './serveEventStream.js';

export type { ViewerOf } from './serveEventStream.js';

/** Options of {@link createSseTransport}. */
export interface SseTransportOptions {
  yoga: LivedocYoga;
  engine: LiveQueryEngine;
  createContext: ContextFactory;
  logger: Logger;
  /** The viewer of a request (sign-in); default: everyone is anonymous. */
  viewerOf?: ViewerOf;
  /** Interval of heartbeat comments on every open stream (default 30 s, as the WebSocket pings). */
  keepAliveMs?: number;
  /** Largest request body (GraphQL over HTTP's MAX_BODY_BYTES); larger ones are answered 413. */
  maxBodyBytes: number;
  /** Unsent bytes after which a stream's client counts as not reading and is cut off (default 8 MiB). */
  maxBufferedBytes?: number;
}

/** Handles one HTTP request. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The SSE transport of a server. */
export interface SseTransport {
  /** `otherwise` with event-stream requests served by this transport instead. */
  route(otherwise: RequestHandler): RequestHandler;
  /** Ends every open stream with `complete` and refuses new ones (503); returns at once. */
  close(): void;
  /** Number of open streams. */
  readonly size: number;
}

/** Creates the transport; its heartbeat timer runs until {@link SseTransport.close}. */
export function createSseTransport(options: SseTransportOptions): SseTransport {
  const { logger } = options;
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const streams = new Set<EventStream>();
  const forget = (stream: EventStream) => void streams.delete(stream);
  let closed = false;

  const deps: EventStreamDeps = {
    envelop: createEnvelop(options.yoga),
    engine: options.engine,
    createContext: options.createContext,
    viewerOf: options.viewerOf ?? (() => Promise.resolve(ANONYMOUS)),
    maxBodyBytes: options.maxBodyBytes,
    accept(res, viewer) {
      if (closed || res.destroyed) {
        if (!res.destroyed) answerRequestError(res, SHUTTING_DOWN);
        return undefined;
      }
      const stream = new EventStream(res, maxBufferedBytes, forget);
      streams.add(stream);
      endAtExpiry(stream, viewer.expiresAt);
      return stream;
    },
  };

  // One timer for every stream, not one each: thousands of idle watchers cost one interval.
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.heartbeat();
  }, options.keepAliveMs ?? 30_000);
  heartbeat.unref();

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    serveEventStream(req, res, deps).catch((error: unknown) => {
      logger.error({ err: error }, 'event stream request failed');
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"errors":[{"message":"Unexpected error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}');
    });
  };

  return {
    route: (otherwise) => (req, res) => (wantsEventStream(req) ? serve(req, res) : otherwise(req, res)),
    close() {
      closed = true;
      clearInterval(heartbeat);
      for (const stream of [...streams]) stream.complete();
    },
    get size() {
      return streams.size;
    },
  };
}

/** New streams during shutdown: the client retries, reaching another instance. */
const SHUTTING_DOWN: RequestError = {
  status: 503,
  errors: [new GraphQLError('The server is shutting down.', { extensions: { code: 'SHUTTING_DOWN' } })],
  headers: { 'retry-after': '1' },
};
