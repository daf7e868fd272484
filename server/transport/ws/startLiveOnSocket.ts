/** How the router starts a live query on a socket: through the same pipeline as every operation. */
import type { IncomingMessage } from 'node:http';
import type { DocumentNode } from 'graphql';
import type { WebSocket } from 'ws';
import type { ContextFactory } from '../../graphql/context.js';
import type { Viewer } from '../../graphql/viewer.js';
import { hasLiveDirective } from '../../live/liveDirective.js';
import type { LiveQueryEngine } from '../../live/liveQueryEngine.js';
import type { Envelop } from './envelop.js';
import { liveRequestOf } from './liveRequest.js';
import type { StartLive } from './liveOperationRouter.js';
import type { TransportMetrics } from '../../metrics/transportMetrics.js';
import { createConnectionPause, type ConnectionPause, type SlowClientOptions } from '../slowClients.js';
import { DEFAULT_MAX_BUFFERED_BYTES, dropSlowClient, LiveSocketSink, type SocketSinkHost } from './liveSocketSink.js';

/** What {@link startLiveOnSocket} needs besides the socket. */
export interface LiveStartDeps {
  envelop: Envelop;
  engine: LiveQueryEngine;
  createContext: ContextFactory;
  /** Unsent bytes after which the socket's client is dropped at once (1008): a safety net. */
  maxBufferedBytes?: number;
  /** The watermark that pauses a socket's live queries, and how long it may stay paused. */
  slowClients: SlowClientOptions;
  /** Where each socket's pause state is found (the keep-alive spares paused sockets: the timeout owns them). */
  pauses: WeakMap<WebSocket, ConnectionPause>;
  metrics: TransportMetrics;
}

/**
 * The router's way in (`viewer` is the socket's, once acknowledged): starts a live query that parses, validates and has its variables right, and
 * leaves every other operation (and every error, which graphql-ws answers) to graphql-ws. Throws what
 * `engine.subscribe` throws.
 */
export function startLiveOnSocket(
  socket: WebSocket,
  request: IncomingMessage,
  viewer: () => Viewer,
  deps: LiveStartDeps,
): StartLive {
  // Made at the first live query: the router's `onComplete` is one function per socket.
  let host: SocketSinkHost | undefined;
  return (id, payload) => {
    const enveloped = deps.envelop(request, payload);
    let document: DocumentNode;
    try {
      document = enveloped.parse(payload.query);
    } catch {
      return undefined;
    }
    if (!hasLiveDirective(document, payload.operationName)) return undefined;
    if (enveloped.validate(enveloped.schema, document).length > 0) return undefined;
    const args = {
      schema: enveloped.schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      extensions: payload.extensions,
    };
    const live = liveRequestOf(args, viewer(), deps.createContext);
    if (!live || 'errors' in live) return undefined;
    return (onComplete) => {
      host ??= createSocketSinkHost(socket, request, onComplete, deps);
      return new LiveSocketSink(host, id).start(deps.engine, live);
    };
  };
}

/**
 * What a socket's live queries share, made at its first: their pause state, resumed when a ping sent
 * at the first pause is written (every byte queued before it has then reached the operating system),
 * and dropping the client (1008) when that takes longer than the timeout.
 */
export function createSocketSinkHost(
  socket: WebSocket,
  request: Pick<IncomingMessage, 'socket'>,
  onComplete: SocketSinkHost['onComplete'],
  deps: Pick<LiveStartDeps, 'metrics' | 'slowClients' | 'pauses' | 'maxBufferedBytes'>,
): SocketSinkHost {
  const { metrics, slowClients } = deps;
  const pause = createConnectionPause(
    slowClients,
    // A ping is harmless to any client (it answers with a pong); ws calls back once it is written, or
    // with an error when the socket closed first (then resuming writes nothing).
    (drained) => socket.ping(undefined, undefined, () => drained()),
    () => {
      metrics.droppedSlow('ws');
      dropSlowClient(socket, `nothing read for ${slowClients.timeoutMs} ms`);
    },
  );
  deps.pauses.set(socket, pause);
  socket.once('close', () => pause.dispose());
  const maxBufferedBytes = deps.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  return {
    socket,
    // The upgraded request's TCP stream is the one ws writes to: corked per tick (tickCork.ts).
    stream: request.socket,
    corkedThisTick: false,
    // Negotiated in the handshake, before any live query: fixed for the socket's life.
    plainFrames: socket.extensions === '',
    watermarkBytes: slowClients.watermarkBytes,
    pause,
    maxBufferedBytes,
    onComplete,
    metrics,
  };
}
