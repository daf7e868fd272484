/**
 * Wires one livedoc server: yoga on HTTP (queries, mutations, GraphiQL), graphql-ws on the same port
 * and path, the live engine fed by the store's change feed, health endpoints, and the web client.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createYoga } from 'graphql-yoga';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { createContext, type AppContext } from '../graphql/context.js';
import { formatLiveError } from '../graphql/errors.js';
import { createGraphiQLRenderer } from '../transport/http/graphiql.js';
import { createInProcessBus } from '../bus/inProcessBus.js';
import type { InvalidationBus } from '../bus/types.js';
import { createGraphQLPostHandler } from '../transport/http/graphqlPost.js';
import { attachGraphQLWs } from '../transport/ws/graphqlWs.js';
import { createLiveQueryEngine, type LiveQueryEngine } from '../live/liveQueryEngine.js';
import { createObjectLoader } from '../invalidation/loadObject.js';
import { projectRoot } from '../runtime/projectRoot.js';
import { createRecentRecords } from '../invalidation/recentRecords.js';
import type { Logger } from '../runtime/logger.js';
import { createLogger } from '../runtime/logger.js';
import { buildSchema } from '../graphql/schema.js';
import { securityPlugins } from '../graphql/limits.js';
import type { Store } from '../store/types.js';

/** Largest accepted WebSocket message; larger ones close the socket with 1009. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The built web client, served under `/`. */
export const webClientDist = path.join(projectRoot, 'web-client', 'dist');

/** Options of {@link startServer}. */
export interface ServerOptions {
  store: Store;
  /** Carries invalidations between instances; default in-process (one instance). Closed by the caller. */
  bus?: InvalidationBus;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  production?: boolean;
  logger?: Logger;
  /** WebSocket ping interval (default 30 s). */
  keepAliveMs?: number;
  /** Unread bytes after which a slow WebSocket client is closed with 1008 (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Folder of static web client files; default web-client/dist when built. */
  webRoot?: string | null;
}

/** A running server. */
export interface LivedocServer {
  readonly port: number;
  /** http://host:port/graphql */
  readonly httpUrl: string;
  /** ws://host:port/graphql */
  readonly wsUrl: string;
  readonly engine: LiveQueryEngine;
  /** Invalidates resources on every instance (through the bus): live queries that read them re-run. */
  invalidate(keys: readonly string[]): void;
  /** Stops accepting, closes every socket with 1001 and ends every live query. Does not close the store. */
  close(): Promise<void>;
}

/** Starts a server on `options.port` and resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<LivedocServer> {
  const { store } = options;
  const production = options.production ?? false;
  const logger = options.logger ?? createLogger('silent');
  const schema = buildSchema();
  const newContext = (): AppContext => createContext(store);

  const recentRecords = createRecentRecords();
  const engine = createLiveQueryEngine({
    schema,
    formatError: (error) => formatLiveError(error, production),
    loadObject: createObjectLoader(store, recentRecords),
    ownKeyedFields: store.ownKeyedFields,
    onExecutionError: (error, group) => logger.error({ err: error, group: group.key }, 'live query execution failed'),
  });
  const bus = options.bus ?? createInProcessBus();
  // Database writes reach every instance on the database through the store's change feed; the bus
  // carries the rest. After a bus outage anything may have changed: re-run every live query once.
  // Every invalidation passes `recentRecords` first, so that no entry outlives a change it did not carry.
  const stopFeed = store.onChange((keys, records) => {
    recentRecords.observe(keys, records);
    engine.invalidate(keys);
  });
  const stopBus = bus.subscribe((keys) => {
    recentRecords.observe(keys);
    engine.invalidate(keys);
  });
  const stopReconnect = bus.onReconnect(() => {
    logger.warn({ bus: bus.kind }, 'invalidation bus reconnected: re-executing every live query');
    recentRecords.clear();
    engine.invalidateAll();
  });

  const yoga = createYoga<Record<string, never>, AppContext>({
    schema,
    graphqlEndpoint: '/graphql',
    context: newContext,
    maskedErrors: { isDev: !production },
    plugins: securityPlugins(),
    landingPage: false,
    graphiql: { title: 'livedoc', subscriptionsProtocol: 'WS', defaultQuery: DEFAULT_QUERY },
    // The live GraphiQL of web-client/dist (read per request; `webRoot` is set below before any request).
    renderGraphiQL: createGraphiQLRenderer(() => webRoot),
    logging: {
      debug: (...args: unknown[]) => logger.debug(args.map(String).join(' ')),
      info: (...args: unknown[]) => logger.info(args.map(String).join(' ')),
      warn: (...args: unknown[]) => logger.warn(args.map(String).join(' ')),
      error: (...args: unknown[]) => logger.error(args.map(String).join(' ')),
    },
  });

  const webRoot = options.webRoot === undefined ? (existsSync(webClientDist) ? webClientDist : null) : options.webRoot;
  const serveStatic = webRoot ? sirv(webRoot, { single: true, etag: true, gzip: true }) : undefined;

  const handleGraphQL = createGraphQLPostHandler({ yoga, schema, createContext: newContext, logger, production });
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const pathname = url.split('?')[0];
    if (pathname === '/graphql') return handleGraphQL(req, res);
    if (pathname === '/healthz') return void sendJson(res, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      const storeReady = store.isReady();
      const busReady = bus.isReady();
      const ready = storeReady && busReady;
      return void sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', store: storeReady, bus: busReady });
    }
    if (serveStatic) return void serveStatic(req, res, () => sendJson(res, 404, { error: 'Not found' }));
    if (pathname === '/') {
      res.writeHead(302, { location: '/graphql' });
      return void res.end();
    }
    sendJson(res, 404, { error: 'Not found' });
  });

  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const closeSockets = attachGraphQLWs({
    wss,
    yoga,
    engine,
    createContext: newContext,
    logger,
    production,
    keepAliveMs: options.keepAliveMs,
    maxBufferedBytes: options.maxBufferedBytes,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const displayHost = host === '0.0.0.0' || host === '[::]' ? 'localhost' : host;

  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    httpUrl: `http://${displayHost}:${address.port}/graphql`,
    wsUrl: `ws://${displayHost}:${address.port}/graphql`,
    engine,
    invalidate: (keys) => bus.publish(keys),
    close() {
      closing ??= (async () => {
        stopFeed();
        stopBus();
        stopReconnect();
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await closeSockets();
        engine.close();
        server.closeIdleConnections();
        await httpClosed;
      })();
      return closing;
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const DEFAULT_QUERY = `# Live queries: results update in place as the data changes.
# Edit the document from another tab with the mutation below (or from psql) and watch.
query Welcome @live {
  document(id: "welcome") {
    id
    title
    revision
    sections { id heading }
  }
}

# mutation Rename {
#   updateDocument(id: "welcome", input: { title: "Hello, live world" }) { id title revision }
# }
`;
