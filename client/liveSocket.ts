/**
 * One graphql-ws connection (subprotocol graphql-transport-ws) shared by every live query of a client:
 * retries forever with exponential backoff, detects dead connections with ping/pong, and publishes its
 * status (socketStatus.ts). graphql-ws re-sends every active subscription after a reconnect.
 */
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import { exponentialBackoff, type BackoffOptions } from './backoff.js';
import type { ConnectionState } from './connectionState.js';
import { createSocketStatus, type SocketStatus } from './socketStatus.js';

/** Options of {@link createLiveSocket}. */
export interface LiveSocketOptions {
  /** ws:// or wss:// URL of the GraphQL endpoint, or a function returning it (called on every connect). */
  url: string | (() => string | Promise<string>);
  /** A WebSocket constructor where there is no global one (Node 20: `import { WebSocket } from 'ws'`). */
  webSocketImpl?: unknown;
  /** Connect only while something is subscribed (default true). false keeps a connection up, for indicators. */
  lazy?: boolean;
  /** Reconnect delays. */
  backoff?: BackoffOptions;
  /** Ping the server this often (ms) when idle; 0 disables. Default 10,000. */
  keepAliveMs?: number;
  /** Close and reconnect when a ping is not answered within this many ms. Default 5,000. */
  pongTimeoutMs?: number;
  /** Payload of `connection_init`. */
  connectionParams?: Record<string, unknown>;
}

/** Receives the raw payloads of one operation. */
export interface PayloadSink {
  next(payload: unknown): void;
  /** A CloseEvent, an Error, or the GraphQLError array of an `error` message. */
  error(error: unknown): void;
  complete(): void;
}

/** A shared graphql-ws connection. */
export interface LiveSocket {
  /** The connection status, for indicators. */
  readonly connection: ConnectionState;
  /** Starts an operation; returns the function that stops it (sends `complete`). */
  subscribe(payload: SubscribePayload, sink: PayloadSink): () => void;
  /** Closes the connection and stops every operation. */
  dispose(): Promise<void>;
}

/** Creates the connection (lazily, unless `lazy: false`). */
export function createLiveSocket(options: LiveSocketOptions): LiveSocket {
  const lazy = options.lazy ?? true;
  const status = createSocketStatus(lazy, options.pongTimeoutMs ?? 5_000);
  const client: Client = createClient({
    url: options.url,
    webSocketImpl: options.webSocketImpl,
    lazy,
    retryAttempts: Infinity,
    // Retry every failure that is not fatal (graphql-ws decides fatal close codes before asking):
    // a refused connection reports an error event, not a close event, and must be retried too.
    shouldRetry: () => true,
    retryWait: exponentialBackoff(options.backoff),
    keepAlive: options.keepAliveMs ?? 10_000,
    connectionParams: options.connectionParams,
    onNonLazyError: () => {
      // Fatal errors surface on each operation's sink; the status shows the rest.
    },
    on: status.listeners,
  });

  return {
    connection: status.connection,
    subscribe: (payload, sink) => subscribeCounted(client, status, payload, sink),
    async dispose() {
      status.disposing();
      await client.dispose();
      status.disposed();
    },
  };
}

/** Runs one operation on `client`, counted as active on `status` until it ends or is stopped. */
function subscribeCounted(client: Client, status: SocketStatus, payload: SubscribePayload, sink: PayloadSink): () => void {
  status.operationStarted();
  let ended = false;
  const end = () => {
    if (ended) return false;
    ended = true;
    status.operationEnded();
    return true;
  };
  const stop = client.subscribe(payload, {
    next: (value) => sink.next(value),
    error: (error) => {
      if (end()) sink.error(error);
    },
    complete: () => {
      if (end()) sink.complete();
    },
  });
  return () => {
    end();
    stop();
  };
}
