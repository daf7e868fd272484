/**
 * graphql-ws (subprotocol graphql-transport-ws) on a `ws` server. Per socket (serveSocket.ts), a live
 * query that starts cleanly is served by our router (liveOperationRouter.ts) without graphql-ws's
 * per-operation state, its updates written by a sink per member (liveSocketSink.ts); every other
 * operation, and every error, goes through graphql-ws's protocol core (graphqlWsServer.ts). Both run
 * operations through yoga's envelop pipeline, as over HTTP.
 */
import type { IncomingMessage } from 'node:http';
import { handleProtocols } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import type { ContextFactory } from '../../graphql/context.js';
import type { Viewer } from '../../graphql/viewer.js';
import type { LiveQueryEngine } from '../../live/liveQueryEngine.js';
import { createMetricCounts } from '../../metrics/metricCounts.js';
import type { TransportMetrics } from '../../metrics/transportMetrics.js';
import type { Logger } from '../../runtime/logger.js';
import { CLOSE_GOING_AWAY } from '../../../wire/closeCodes.js';
import type { LivedocYoga } from '../http/createLivedocYoga.js';
import { createEnvelop } from './envelop.js';
import { createGraphQLWsServer } from './graphqlWsServer.js';
import { startKeepAlive } from './keepAlive.js';
import { serveSocket } from './serveSocket.js';
import { countRefusals, createSocketQuota } from './socketQuota.js';
import { verifyOrigin } from './verifyOrigin.js';
import type { OriginPolicy } from '../originPolicy.js';
import { startLiveOnSocket } from './startLiveOnSocket.js';
import { slowClientOptions, type ConnectionPause, type SlowClientOptions } from '../slowClients.js';

/** Options of {@link attachGraphQLWs}. */
export interface GraphQLWsOptions {
  wss: WebSocketServer;
  yoga: LivedocYoga;
  engine: LiveQueryEngine;
  createContext: ContextFactory;
  /** Checks the token of each socket's `connection_init`. */
  verify: TokenVerifier;
  logger: Logger;
  production: boolean;
  /** Unsent bytes after which a socket's client is closed at once (1008): a safety net over the watermark. */
  maxBufferedBytes?: number;
  /** Unsent bytes over which a socket's live queries pause, and how long it may stay paused (then 1008). */
  slowClients?: Partial<SlowClientOptions>;
  /** Server ping interval; a socket that has not answered by the next ping is terminated. */
  keepAliveMs?: number;
  /** Browser origins whose upgrades are accepted (others: 403). */
  originPolicy: OriginPolicy;
  /** Live queries one socket may hold (default 200). */
  maxLivePerSocket?: number;
  /** Open sockets per viewer, or per address for anonymous ones (default 50; over it: 4029). */
  maxSocketsPerViewer?: number;
  /** Where sockets, live updates, slow clients and limits are counted (default: counts nobody reads). */
  metrics?: TransportMetrics;
}

/** How long a socket closed for shutdown has to answer the close frame before it is cut off. */
export const SHUTDOWN_CLOSE_GRACE_MS = 2_000;

/** Serves graphql-ws on `wss`; returns a function that closes every socket with 1001 (going away). */
export function attachGraphQLWs(options: GraphQLWsOptions): () => Promise<void> {
  const { wss, logger, engine, createContext, maxBufferedBytes } = options;
  wss.options.handleProtocols = handleProtocols;
  wss.options.verifyClient = verifyOrigin(options.originPolicy);
  const envelop = createEnvelop(options.yoga);
  const metrics = options.metrics ?? createMetricCounts();
  const pauses = new WeakMap<WebSocket, ConnectionPause>();
  const slowClients = slowClientOptions(options.slowClients);
  const live = { envelop, engine, createContext, maxBufferedBytes, slowClients, pauses, metrics };
  const deps = {
    server: createGraphQLWsServer(envelop, createContext),
    startLive: (socket: WebSocket, request: IncomingMessage, viewer: () => Viewer) =>
      startLiveOnSocket(socket, request, viewer, live),
    verify: options.verify,
    logger,
    production: options.production,
    quota: countRefusals(createSocketQuota(options.maxSocketsPerViewer ?? 50), () => metrics.limitHit('sockets_per_viewer')),
    maxLivePerSocket: options.maxLivePerSocket ?? 200,
    metrics,
  };
  wss.on('connection', (socket, request) => serveSocket(socket, request, deps));
  const stopKeepAlive = startKeepAlive(wss, options.keepAliveMs ?? 30_000, (socket) => pauses.get(socket)?.paused === true);
  wss.on('error', (error) => logger.error({ err: error }, 'websocket server error'));

  return async () => {
    stopKeepAlive();
    for (const client of wss.clients) client.close(CLOSE_GOING_AWAY, 'Going away');
    // A client that does not read (a paused slow reader) never answers the close frame, and ws waits
    // 30 s for it: shutdown cuts it off after a short grace instead.
    const cutOff = setTimeout(() => {
      for (const client of wss.clients) client.terminate();
    }, SHUTDOWN_CLOSE_GRACE_MS);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await Promise.all([...wss.clients].map((client) => new Promise((resolve) => client.once('close', resolve))));
    clearTimeout(cutOff);
  };
}
