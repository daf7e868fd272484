/**
 * Live queries (and every other operation) over plain HTTP as `text/event-stream`: GraphQL over SSE
 * in its distinct connections mode, on the same path as GraphQL over HTTP and graphql-ws. Requests
 * whose first accepted type is `text/event-stream` are served here; everything else goes on to the
 * GraphQL-over-HTTP handler. Owns the open streams: one heartbeat timer for all of them, a quota of
 * open streams per client, and shutdown.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import type { ContextFactory } from '../../graphql/context.js';
import type { LiveQueryEngine } from '../../live/liveQueryEngine.js';
import { createMetricCounts } from '../../metrics/metricCounts.js';
import type { TransportMetrics } from '../../metrics/transportMetrics.js';
import type { Logger } from '../../runtime/logger.js';
import { clientKey } from '../clientKey.js';
import { connectionId } from '../connectionId.js';
import type { LivedocYoga } from '../http/createLivedocYoga.js';
import type { OriginPolicy } from '../originPolicy.js';
import { createEnvelop } from '../ws/envelop.js';
import { DEFAULT_MAX_BUFFERED_BYTES } from '../ws/liveSocketSink.js';
import { slowClientOptions, type SlowClientOptions } from '../slowClients.js';
import { countRefusals, createSocketQuota } from '../ws/socketQuota.js';
import { endAtExpiry } from './endAtExpiry.js';
import { EventStream } from './eventStream.js';
import { wantsEventStream, type RequestError } from './eventStreamParams.js';
import { answerRequestError, serveEventStream, type EventStreamDeps } from './serveEventStream.js';
import type { StreamAccess } from './streamAccess.js';

/** Options of {@link createSseTransport}. */
export interface SseTransportOptions {
  yoga: LivedocYoga;
  engine: LiveQueryEngine;
  createContext: ContextFactory;
  logger: Logger;
  /** Checks each request's `Authorization` header, as on every path. */
  verify: TokenVerifier;
  /** Which browser origins may open streams (403 for others). */
  originPolicy: OriginPolicy;
  /** Largest request body (GraphQL over HTTP's MAX_BODY_BYTES); larger ones are answered 413. */
  maxBodyBytes: number;
  /** Open streams per viewer, or per address for anonymous ones (default 50; over it: 429). */
  maxStreamsPerClient?: number;
  /** Interval of heartbeat comments on every open stream (default 30 s, as the WebSocket pings). */
  keepAliveMs?: number;
  /** Unsent bytes after which a stream's client is cut off at once, a safety net over the watermark (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Unsent bytes over which a stream's live query pauses, and how long it may stay paused (then cut off). */
  slowClients?: Partial<SlowClientOptions>;
  /** Where streams, live updates, slow clients and limits are counted (default: counts nobody reads). */
  metrics?: TransportMetrics;
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
  const slowClients = slowClientOptions(options.slowClients);
  const metrics = options.metrics ?? createMetricCounts();
  const quota = countRefusals(createSocketQuota(options.maxStreamsPerClient ?? 50), () => metrics.limitHit('sockets_per_viewer'));
  const streams = new Set<EventStream>();
  const forget = (stream: EventStream) => {
    streams.delete(stream);
    metrics.closed('sse');
    if (stream.droppedSlow) metrics.droppedSlow('sse');
  };
  let closed = false;
  /** Each request's connection id, named by every line logged about it. */
  const connections = new WeakMap<IncomingMessage, string>();

  const accept = (req: IncomingMessage, res: ServerResponse, access: StreamAccess): EventStream | undefined => {
    if (res.destroyed) return undefined;
    const release = closed ? undefined : quota.acquire(clientKey(access.viewer, req));
    if (!release) {
      const refusal = closed ? SHUTTING_DOWN : TOO_MANY_STREAMS;
      answerRequestError(res, { ...refusal, headers: { ...refusal.headers, ...access.headers } });
      return undefined;
    }
    const stream = new EventStream(res, maxBufferedBytes, forget, access.headers, slowClients);
    streams.add(stream);
    metrics.opened('sse');
    const log = logger.child({ conn: connections.get(req) });
    log.debug({ address: req.socket.remoteAddress }, 'event stream opened');
    stream.releaseOnEnd(release);
    stream.releaseOnEnd(() => log.debug({ droppedSlow: stream.droppedSlow }, 'event stream closed'));
    endAtExpiry(stream, access.viewer.expiresAt);
    return stream;
  };
  const deps: EventStreamDeps = {
    envelop: createEnvelop(options.yoga),
    engine: options.engine,
    createContext: options.createContext,
    verify: options.verify,
    originPolicy: options.originPolicy,
    maxBodyBytes: options.maxBodyBytes,
    accept,
    metrics,
  };

  // One timer for every stream, not one each: thousands of idle watchers cost one interval.
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.heartbeat();
  }, options.keepAliveMs ?? 30_000);
  heartbeat.unref();

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const conn = connectionId('sse');
    connections.set(req, conn);
    serveEventStream(req, res, deps).catch((error: unknown) => {
      logger.error({ err: error, conn }, 'event stream request failed');
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

/** A client over its quota of open streams: it closes one, or retries later. */
const TOO_MANY_STREAMS: RequestError = {
  status: 429,
  errors: [new GraphQLError('Too many open event streams.', { extensions: { code: 'TOO_MANY_STREAMS' } })],
  headers: { 'retry-after': '5' },
};
