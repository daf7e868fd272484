/**
 * One WebSocket, served: graphql-ws's socket interface over a `ws` socket, with the live router seeing
 * every incoming message first. Protocol errors and internal failures are logged through our logger
 * and close the socket with the protocol's codes.
 */
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import type { Viewer } from '../../graphql/viewer.js';
import type { TransportMetrics } from '../../metrics/transportMetrics.js';
import type { Logger } from '../../runtime/logger.js';
import { connectionId } from '../connectionId.js';
import { CLOSE_BAD_REQUEST, CLOSE_INTERNAL_ERROR } from '../../../wire/closeCodes.js';
import type { GraphQLWsServer, SocketExtra } from './graphqlWsServer.js';
import { createLiveOperationRouter, type LiveOperationRouter, type StartLive } from './liveOperationRouter.js';
import { createSocketViewer } from './socketViewer.js';
import { admitSocket, type SocketQuota } from './socketQuota.js';

/** What {@link serveSocket} needs besides the socket. */
export interface SocketDeps {
  server: GraphQLWsServer;
  /** The live router's way to start a live query on this socket, for the socket's viewer. */
  startLive: (socket: WebSocket, request: IncomingMessage, viewer: () => Viewer) => StartLive;
  /** Checks `connection_init`'s token. */
  verify: TokenVerifier;
  logger: Logger;
  /** Masks the reason of a 4500 close. */
  production: boolean;
  /** Sockets per client, counted once the socket's viewer is known. */
  quota: SocketQuota;
  /** Live queries one socket may hold. */
  maxLivePerSocket: number;
  metrics: TransportMetrics;
}

/** Reports an unexpected failure on a socket: logged, and the socket closed with 4500. */
type InternalError = (error: unknown, what: string) => void;

/** Serves graphql-ws and live queries on `socket` until it closes. */
export function serveSocket(socket: WebSocket, request: IncomingMessage, deps: SocketDeps): void {
  const { metrics } = deps;
  // Every line this socket logs names it.
  const logger = deps.logger.child({ conn: connectionId('ws') });
  metrics.opened('ws');
  logger.debug({ address: request.socket.remoteAddress }, 'socket opened');
  const internalError = closeOnInternalError(socket, logger, deps.production);
  // ws reports protocol violations (bad frames, over-long messages) here and closes with their code.
  socket.on('error', (error) => logger.warn({ err: error }, 'websocket error'));
  const viewer = createSocketViewer(deps.verify, (code, reason) => socket.close(code, reason));
  const extra: SocketExtra = { request, graphqlWs: undefined, viewer, admit: admitSocket(socket, deps.quota) };
  const startLive = deps.startLive(socket, request, () => viewer.current);
  const router = createLiveOperationRouter(socket, () => extra.graphqlWs, startLive, deps.maxLivePerSocket, () =>
    metrics.limitHit('live_per_socket'),
  );

  const closed = deps.server.opened(
    {
      protocol: socket.protocol,
      send: (data) => sendText(socket, data),
      close: (code, reason) => socket.close(code, reason),
      onMessage: (toGraphQLWs) => socket.on('message', routeMessage(socket, router, toGraphQLWs, internalError)),
    },
    extra,
  );

  socket.once('close', (code, reason) => {
    metrics.closed('ws', code);
    logger.debug({ code }, 'socket closed');
    router.close();
    viewer.dispose();
    closed(code, String(reason)).catch((error: unknown) => logger.error({ err: error }, 'graphql-ws close failed'));
  });
}

/** Sends a graphql-ws message; settles once written, or at once when the socket is no longer open. */
function sendText(socket: WebSocket, data: string): Promise<void> {
  return new Promise<void>((resolve) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    // A failed send means the socket is going away; its close handler cleans up.
    socket.send(data, () => resolve());
  });
}

/**
 * The socket's message handler: a binary message closes 4400; a text message goes to the live router,
 * and on to graphql-ws when the router leaves it.
 */
function routeMessage(
  socket: WebSocket,
  router: LiveOperationRouter,
  toGraphQLWs: (data: string) => Promise<void>,
  internalError: InternalError,
): (data: RawData, isBinary: boolean) => void {
  return (data, isBinary) => {
    if (isBinary) {
      socket.close(CLOSE_BAD_REQUEST, 'Expected a text message, but got binary');
      return;
    }
    const text = messageText(data);
    try {
      if (router.receive(text)) return;
    } catch (error) {
      internalError(error, 'live query start failed');
      return;
    }
    toGraphQLWs(text).catch((error: unknown) => internalError(error, 'graphql-ws message handling failed'));
  };
}

/**
 * The text of a text message. ws hands out a Buffer (binaryType `nodebuffer`, its default, which we keep);
 * the other shapes of RawData are decoded as UTF-8 too.
 */
function messageText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString();
  return Buffer.concat(Array.isArray(data) ? data : [new Uint8Array(data)]).toString();
}

/** Logs an unexpected failure and closes with 4500; the reason is the error's message outside production. */
function closeOnInternalError(socket: WebSocket, logger: Logger, production: boolean): InternalError {
  return (error, what) => {
    logger.error({ err: error }, what);
    const reason = production || !(error instanceof Error) ? 'Internal server error' : error.message.slice(0, 100);
    socket.close(CLOSE_INTERNAL_ERROR, reason);
  };
}
