/**
 * Composes one livedoc server: the live engine fed by the store's change feed and the bus
 * (invalidation/feedEngine.ts), yoga and the HTTP routes (transport/http/), and graphql-ws on the same
 * port and path (transport/ws/).
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { createInProcessBus } from '../bus/inProcessBus.js';
import type { InvalidationBus } from '../bus/types.js';
import { execute as graphqlExecute, type GraphQLSchema } from 'graphql';
import { createContext, type ContextFactory } from '../graphql/context.js';
import { createCostLimit } from '../graphql/costGuards.js';
import { formatLiveError } from '../graphql/errors.js';
import { createListSizes } from '../graphql/listSizes.js';
import { meterResults } from '../graphql/meterResults.js';
import { createQueryCaches } from '../graphql/queryCaches.js';
import { DEFAULT_REQUEST_LIMITS } from '../graphql/requestLimits.js';
import { capResult } from '../graphql/resultBudget.js';
import { buildSchema } from '../graphql/schema.js';
import type { StatusReader } from '../graphql/statusReader.js';
import { createMutationRateLimit } from '../graphql/mutationRate.js';
import { readClientLimits, type ServerLimits } from '../config.js';
import { connectInvalidation } from '../invalidation/feedEngine.js';
import { createObjectLoader } from '../invalidation/loadObject.js';
import { createRecentRecords, type RecentRecords } from '../invalidation/recentRecords.js';
import { createLiveQueryEngine, type LiveQueryEngine, type LiveResumeOptions } from '../live/liveQueryEngine.js';
import { createServerMetrics, type ServerMetrics, type ServerStatus } from '../metrics/serverMetrics.js';
import type { LimitName } from '../metrics/transportMetrics.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { projectRoot } from '../runtime/projectRoot.js';
import type { Store } from '../store/types.js';
import { createLivedocYoga } from '../transport/http/createLivedocYoga.js';
import { createGraphQLPostHandler } from '../transport/http/graphqlPost.js';
import { createHttpRoutes } from '../transport/http/httpRoutes.js';
import { listen } from '../transport/http/listen.js';
import { createSseTransport } from '../transport/sse/sseTransport.js';
import { createOriginPolicy } from '../transport/originPolicy.js';
import { attachGraphQLWs } from '../transport/ws/graphqlWs.js';
import type { SlowClientOptions } from '../transport/slowClients.js';
import { countedCap, countedLimits } from './countedLimits.js';
import { serveMetrics, type MetricsAccess, type MetricsAccessOptions } from './metricsAccess.js';
import { resumeOptions } from './resumeConfig.js';
import { createServerAuth, type ServerAuthOptions } from './serverAuth.js';
import { createServerStatus, type ServerStatusOptions } from './serverStatus.js';


/** The built web client, served under `/`. */
export const webClientDist = path.join(projectRoot, 'web-client', 'dist');

/** Options of {@link startServer}; `operators` and `statusSampleMs` are those of `Query.serverStatus`. */
export interface ServerOptions extends ServerStatusOptions {
  store: Store;
  /** Carries invalidations between instances; default in-process (one instance). Closed by the caller. */
  bus?: InvalidationBus;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  production?: boolean;
  logger?: Logger;
  /** WebSocket ping and event-stream heartbeat interval (default 30 s). */
  keepAliveMs?: number;
  /** Unread bytes after which a client is dropped at once, a safety net over the slow-client watermark: WebSocket closed with 1008, event stream cut (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Unsent bytes over which a connection's live queries pause (default 256 KiB), and how long it may stay paused before it is dropped (default 60 s). */
  slowClients?: Partial<SlowClientOptions>;
  /** Folder of static web client files; default web-client/dist when built. */
  webRoot?: string | null;
  /** Request, origin, GraphiQL, introspection and per-client limits; each unset one takes its default for `production`. */
  limits?: Partial<ServerLimits>;
  /** How viewers' tokens are verified; default a random secret per start (only anonymous requests work). */
  auth?: ServerAuthOptions;
  /** `/metrics`: open in development; in production behind `token`, or on `port` (else 404). */
  metrics?: MetricsAccessOptions;
  /** Resume tokens' secret (default: derived from `auth.secret`, else one per start) and patch log bounds. */
  resume?: LiveResumeOptions;
}

/** A running server. */
export interface LivedocServer {
  readonly port: number;
  /** http://host:port/graphql */
  readonly httpUrl: string;
  /** ws://host:port/graphql */
  readonly wsUrl: string;
  readonly engine: LiveQueryEngine;
  /** The metrics: a status snapshot, and the port of `/metrics` when it has its own. */
  readonly metrics: { snapshot(): ServerStatus; readonly port: number | undefined };
  /** Invalidates resources on every instance (through the bus): live queries that read them re-run. */
  invalidate(keys: readonly string[]): void;
  /** Bytes held by the parse caches (yoga's documents and parse errors), as they account them. */
  queryCacheBytes(): number;
  /** Stops accepting, closes every socket with 1001, completes every event stream and ends every live query. Does not close the store. */
  close(): Promise<void>;
}

/**
 * The per-request parts: limits, the metered schema, cost limit, parse caches, contexts (with the
 * server `status`), sign-in, origins, mutation rate; the guards count their refusals through `limitHit`.
 */
function createRequestPipeline(
  options: ServerOptions,
  production: boolean,
  logger: Logger,
  limitHit: (limit: LimitName) => void,
  status: StatusReader,
) {
  const { store } = options;
  const limits: ServerLimits = { ...DEFAULT_REQUEST_LIMITS, ...readClientLimits({}, production), ...options.limits };
  const listSizes = createListSizes();
  // Metered before the engine instruments it: leaf values count against each execution's result cap.
  const schema = meterResults(buildSchema(), listSizes);
  const costLimit = createCostLimit(limits.maxCost, listSizes);
  const queryCaches = createQueryCaches();
  const newContext: ContextFactory = (viewer) => createContext(store, viewer, limits.maxResultBytes, status);
  const { devTokenRoute, ...auth } = createServerAuth(options.auth, production, logger);
  const originPolicy = createOriginPolicy({ allowedOrigins: limits.allowedOrigins, production });
  const mutationRate = createMutationRateLimit({ ratePerSecond: limits.mutationRate, burst: limits.mutationBurst });
  const guards = countedLimits({ verify: auth.verify, mutationRate, costLimit }, limitHit);
  return { limits, schema, queryCaches, newContext, devTokenRoute, originPolicy, ...guards };
}

/** The live engine over the metered schema, re-reading objects from the store (and the change feed's records). */
function createServerEngine(
  schema: GraphQLSchema,
  store: Store,
  recentRecords: RecentRecords,
  production: boolean,
  logger: Logger,
  limitHit: (limit: LimitName) => void,
  resume: LiveResumeOptions,
): LiveQueryEngine {
  const cap = countedCap(capResult, limitHit);
  return createLiveQueryEngine({
    resume,
    schema,
    // A live execution over the result cap answers RESULT_TOO_LARGE alone; the socket ends that query.
    execute: async (args) => cap(await graphqlExecute(args), args.contextValue),
    formatError: (error) => formatLiveError(error, production),
    loadObject: createObjectLoader(store, recentRecords),
    ownKeyedFields: store.ownKeyedFields,
    viewerField: 'viewer',
    onExecutionError: (error, group) => logger.error({ err: error, group: group.key }, 'live query execution failed'),
  });
}

/** Starts a server on `options.port` and resolves once it listens; rejects when it cannot listen. */
export async function startServer(options: ServerOptions): Promise<LivedocServer> {
  const { store } = options;
  const production = options.production ?? false;
  const logger = options.logger ?? createLogger('silent');
  const bus = options.bus ?? createInProcessBus();
  // Before the engine, whose result cap counts into it; it reads the engine only when scraped.
  const metrics = createServerMetrics(() => engine.stats(), store.statements?.bind(store));
  const limitHit = (limit: LimitName) => metrics.transport.limitHit(limit);
  // Each sample re-runs live `serverStatus` queries of this instance only (each reports itself).
  const status = createServerStatus(metrics, (keys) => engine.invalidate(keys), options, { production, logger });
  const { limits, schema, costLimit, queryCaches, newContext, verify, devTokenRoute, originPolicy, mutationRate } =
    createRequestPipeline(options, production, logger, limitHit, status.reader);
  const recentRecords = createRecentRecords();
  const resume = resumeOptions(options.resume, options.auth?.secret);
  const engine = createServerEngine(schema, store, recentRecords, production, logger, limitHit, resume);
  const disconnectInvalidation = connectInvalidation({ store, bus, engine, recentRecords, logger, metrics: metrics.invalidation });

  const webRoot = options.webRoot === undefined ? (existsSync(webClientDist) ? webClientDist : null) : options.webRoot;
  const { graphiql, introspection } = limits;
  const yoga = createLivedocYoga({
    ...{ schema, createContext: newContext, verify, production, logger, webRoot, limits, costLimit, queryCaches },
    ...{ originPolicy, graphiql, introspection, mutationRate, onLimit: limitHit },
  });
  const sse = createSseTransport({
    ...{ yoga, engine, createContext: newContext, logger, verify, originPolicy, maxBodyBytes: limits.maxBodyBytes },
    ...{ keepAliveMs: options.keepAliveMs, maxBufferedBytes: options.maxBufferedBytes, slowClients: options.slowClients },
    ...{ maxStreamsPerClient: limits.maxSocketsPerViewer, metrics: metrics.transport },
  });
  const host = options.host ?? '127.0.0.1';
  const metricsAccess = await serveMetrics(metrics, options.metrics ?? {}, { production, host, logger });
  const server = http.createServer(
    createHttpRoutes({
      graphql: sse.route(
        createGraphQLPostHandler({
          ...{ yoga, schema, createContext: newContext, verify, logger, production },
          ...{ costLimit, maxBodyBytes: limits.maxBodyBytes, mutationRate, onLimit: limitHit },
        }),
      ),
      devToken: devTokenRoute,
      readiness: { store: () => store.isReady(), bus: () => bus.isReady() },
      metrics: metricsAccess.mainRoute,
      webRoot,
    }),
  );
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: limits.maxMessageBytes });
  const closeSockets = attachGraphQLWs({
    ...{ wss, yoga, engine, createContext: newContext, verify, logger, production, originPolicy },
    ...{ keepAliveMs: options.keepAliveMs, maxBufferedBytes: options.maxBufferedBytes, slowClients: options.slowClients },
    ...{ maxLivePerSocket: limits.maxLivePerSocket, maxSocketsPerViewer: limits.maxSocketsPerViewer, metrics: metrics.transport },
  });
  const address = await listenBeside(server, options.port ?? 4000, host, metricsAccess);
  status.start();

  let closing: Promise<void> | undefined;
  return {
    ...address,
    engine,
    metrics: { snapshot: () => metrics.snapshot(), port: metricsAccess.port },
    invalidate: publishCounted(bus, metrics),
    queryCacheBytes: () => queryCaches.bytes(),
    close() {
      closing ??= (async () => {
        status.stop();
        disconnectInvalidation();
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await closeSockets();
        sse.close();
        engine.close();
        server.closeIdleConnections();
        await Promise.all([httpClosed, metricsAccess.close()]);
      })();
      return closing;
    },
  };
}

/** Listens with the main server; when it cannot, closes the metrics listener started before it. */
async function listenBeside(server: http.Server, port: number, host: string, metricsAccess: MetricsAccess) {
  try {
    return await listen(server, port, host);
  } catch (error) {
    await metricsAccess.close();
    throw error;
  }
}

/** `LivedocServer.invalidate`: publishes on the bus, counting the batch. */
function publishCounted(bus: InvalidationBus, metrics: ServerMetrics): (keys: readonly string[]) => void {
  return (keys) => {
    metrics.invalidation.published();
    bus.publish(keys);
  };
}
