/**
 * graphql-ws (subprotocol graphql-transport-ws) on a `ws` server: the protocol core of the graphql-ws
 * library with a thin socket adapter of ours, so protocol errors and internal failures are logged
 * through our logger and close with the protocol's codes. Parse, validation and limits run through
 * yoga's envelop pipeline, exactly as over HTTP; `@live` queries are handed to the live engine. A
 * live query that starts cleanly is served by our router (`liveOperationRouter.ts`) without graphql-ws's
 * per-operation state; every other operation, and every error, goes through graphql-ws.
 */
import type { IncomingMessage } from 'node:http';
import { GraphQLError, getOperationAST, type ExecutionArgs } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { CloseCode, handleProtocols, makeServer, type ServerOptions, type SubscribePayload } from 'graphql-ws';
import type { YogaServerInstance } from 'graphql-yoga';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AppContext } from '../../graphql/context.js';
import type { LiveQueryEngine, LiveQueryRequest } from '../../live/liveQueryEngine.js';
import { getLiveDirective, hasLiveDirective } from '../../live/liveDirective.js';
import { startKeepAlive } from './keepAlive.js';
import { createLiveOperationRouter, type StartLive } from './liveOperationRouter.js';
import { LiveSocketSink, subscribeLiveOnSocket } from './liveSocketSubscription.js';
import type { Logger } from '../../runtime/logger.js';

/** Options of {@link attachGraphQLWs}. */
export interface GraphQLWsOptions {
  wss: WebSocketServer;
  yoga: YogaServerInstance<Record<string, never>, AppContext>;
  engine: LiveQueryEngine;
  createContext: () => AppContext;
  logger: Logger;
  production: boolean;
  /** Unsent bytes after which a socket's client counts as not reading and is closed (1008). */
  maxBufferedBytes?: number;
  /** Server ping interval; a socket that has not answered by the next ping is terminated. */
  keepAliveMs?: number;
}

/**
 * What graphql-ws accepts from `execute`. The envelop pipeline's executors are typed `unknown`
 * (yoga's generics do not reach here), hence the casts at this boundary only.
 */
type OperationResult = ReturnType<NonNullable<ServerOptions['execute']>>;

/** What `execute` needs beyond ExecutionArgs, carried from `onSubscribe` in `rootValue`. */
interface Executors {
  /** The envelop pipeline's execute (masking, plugins). */
  execute: (args: ExecutionArgs) => unknown;
  socket: WebSocket;
  id: string;
}

type Extra = { request: IncomingMessage; socket: WebSocket };

/** yoga's envelop pipeline for one WebSocket operation. */
type Envelop = (
  req: IncomingMessage,
  payload: SubscribePayload,
) => ReturnType<YogaServerInstance<Record<string, never>, AppContext>['getEnveloped']>;

/** Serves graphql-ws on `wss`; returns a function that closes every socket with 1001 (going away). */
export function attachGraphQLWs(options: GraphQLWsOptions): () => Promise<void> {
  const { wss, yoga, logger } = options;
  wss.options.handleProtocols = handleProtocols;
  const wsRequest = new yoga.fetchAPI.Request('http://localhost/graphql', { method: 'POST' });
  // Not the upgrade request (a GET: yoga would refuse mutations) but a stand-in POST, so yoga's
  // plugins treat the operation as they do over HTTP, and parse errors get the code and HTTP
  // status yoga gives them there: yoga caches parse outcomes by query text for both transports.
  const envelop: Envelop = (req, payload) => yoga.getEnveloped({ req, request: wsRequest, params: payload });

  const server = makeServer<Record<string, unknown> | undefined, Extra>({
    // Generous: a server busy answering a burst of subscriptions (thousands of first executions) can
    // read a newly accepted socket's connection_init seconds later (seen with 5,000 at once at 3 s).
    connectionInitWaitTimeout: 10_000,
    async onSubscribe(ctx, id, payload: SubscribePayload) {
      const enveloped = envelop(ctx.extra.request, payload);
      let document;
      try {
        document = enveloped.parse(payload.query);
      } catch (error) {
        if (error instanceof GraphQLError) return [withoutHttpExtensions(error)];
        throw error;
      }
      const errors = enveloped.validate(enveloped.schema, document);
      if (errors.length > 0) return errors.map(withoutHttpExtensions);
      const executors: Executors = { execute: enveloped.execute as Executors['execute'], socket: ctx.extra.socket, id };
      return {
        schema: enveloped.schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        // Created in `execute` for one-shot operations only: a live query's group makes its own per run,
        // so thousands of watchers hold no context each.
        contextValue: undefined,
        rootValue: executors,
      } satisfies ExecutionArgs;
    },
    execute(args) {
      const executors = args.rootValue as Executors;
      const plain = { ...args, rootValue: undefined };
      const live = hasLiveDirective(args.document, args.operationName) ? executeLive(plain, executors, options) : undefined;
      if (live) {
        // graphql-ws keeps these args for the operation's lifetime: drop the envelop pipeline they
        // carry, so an idle watcher holds only its engine membership.
        args.rootValue = undefined;
        return live as OperationResult;
      }
      return executors.execute({ ...plain, contextValue: options.createContext() }) as OperationResult;
    },
    subscribe(args) {
      const { execute } = args.rootValue as Executors;
      return execute({ ...args, rootValue: undefined, contextValue: options.createContext() }) as OperationResult;
    },
  });

  wss.on('connection', (socket, request) => handleConnection(socket, request, server, options, envelop));
  const stopKeepAlive = startKeepAlive(wss, options.keepAliveMs ?? 30_000);
  wss.on('error', (error) => logger.error({ err: error }, 'websocket server error'));

  return async () => {
    stopKeepAlive();
    for (const client of wss.clients) client.close(1001, 'Going away');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

/**
 * Starts a live query, or returns undefined when `@live(if: false)` makes it an ordinary one.
 * Bad variables or a bad throttle come back as a single result with errors, as for any query.
 */
function executeLive(args: ExecutionArgs, executors: Executors, options: GraphQLWsOptions) {
  const live = liveRequestOf(args, options);
  if (!live || 'errors' in live) return live;
  return subscribeLiveOnSocket(options.engine, live, executors.socket, executors.id, options.maxBufferedBytes);
}

/** The engine request of a live query; errors for bad variables or throttle; undefined if not live. */
function liveRequestOf(
  args: ExecutionArgs,
  options: GraphQLWsOptions,
): LiveQueryRequest | { errors: readonly GraphQLError[] } | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return { errors: [new GraphQLError('Unable to identify the operation.')] };
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, {
    maxErrors: 10,
  });
  if (coerced.errors) return { errors: coerced.errors };
  let live;
  try {
    live = getLiveDirective(args.schema, args.document, args.operationName, coerced.coerced);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  if (!live) return undefined;
  return {
    document: args.document,
    operationName: args.operationName,
    variables: sortKeys(coerced.coerced),
    throttleMs: live.throttleMs,
    createContext: options.createContext,
  };
}

/**
 * The router's way in: starts a live query that parses, validates and has its variables right, and
 * leaves every other operation (and every error, answered exactly as before) to graphql-ws.
 */
function startLiveOnSocket(
  socket: WebSocket,
  request: IncomingMessage,
  options: GraphQLWsOptions,
  envelop: Envelop,
): StartLive {
  return (id, payload, onComplete) => {
    const enveloped = envelop(request, payload);
    let document;
    try {
      document = enveloped.parse(payload.query);
    } catch {
      return undefined;
    }
    if (!hasLiveDirective(document, payload.operationName)) return undefined;
    if (enveloped.validate(enveloped.schema, document).length > 0) return undefined;
    const args = { schema: enveloped.schema, document, operationName: payload.operationName, variableValues: payload.variables };
    const live = liveRequestOf(args, options);
    if (!live || 'errors' in live) return undefined;
    return new LiveSocketSink(socket, id, options.maxBufferedBytes, onComplete).start(options.engine, live);
  };
}

/**
 * The error as sent over WebSocket: yoga's `extensions.http` (status and headers of an HTTP response)
 * means nothing there. A copy: yoga caches the error itself for the HTTP path.
 */
function withoutHttpExtensions(error: GraphQLError): GraphQLError {
  if (!error.extensions || !('http' in error.extensions)) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

/** Variables with keys in a fixed order, so equal variables make one group. */
function sortKeys(values: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(values).sort()) sorted[key] = values[key];
  return sorted;
}

function handleConnection(
  socket: WebSocket,
  request: IncomingMessage,
  server: ReturnType<typeof makeServer<Record<string, unknown> | undefined, Extra>>,
  options: GraphQLWsOptions,
  envelop: Envelop,
): void {
  const { logger } = options;
  const internalError = (error: unknown, what: string) => {
    logger.error({ err: error }, what);
    const reason = options.production || !(error instanceof Error) ? 'Internal server error' : error.message.slice(0, 100);
    socket.close(CloseCode.InternalServerError, reason);
  };
  // ws reports protocol violations (bad frames, over-long messages) here and closes with their code.
  socket.on('error', (error) => logger.warn({ err: error }, 'websocket error'));
  const router = createLiveOperationRouter(socket, startLiveOnSocket(socket, request, options, envelop));

  const closed = server.opened(
    {
      protocol: socket.protocol,
      send: (data) =>
        new Promise<void>((resolve) => {
          router.sent(data);
          if (socket.readyState !== socket.OPEN) return resolve();
          // A failed send means the socket is going away; its close handler cleans up.
          socket.send(data, () => resolve());
        }),
      close: (code, reason) => socket.close(code, reason),
      onMessage: (cb) =>
        socket.on('message', (data, isBinary) => {
          if (isBinary) {
            socket.close(CloseCode.BadRequest, 'Expected a text message, but got binary');
            return;
          }
          const text = String(data);
          try {
            if (router.receive(text)) return;
          } catch (error) {
            internalError(error, 'live query start failed');
            return;
          }
          cb(text).catch((error: unknown) => internalError(error, 'graphql-ws message handling failed'));
        }),
    },
    { request, socket },
  );

  socket.once('close', (code, reason) => {
    router.close();
    closed(code, String(reason)).catch((error: unknown) => logger.error({ err: error }, 'graphql-ws close failed'));
  });
}
