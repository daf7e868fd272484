/**
 * One graphql-ws connection (subprotocol graphql-transport-ws) shared by every live query of a client:
 * retries forever with exponential backoff, detects dead connections with ping/pong, and publishes its
 * status (socketStatus.ts). graphql-ws re-sends every active subscription after a reconnect. With
 * `getToken`, every connection carries the viewer's token and a refused one is replaced (tokenAuth.ts).
 */
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import { exponentialBackoff, type BackoffOptions } from './backoff.js';
import type { ConnectionState } from './connectionState.js';
import { createSocketStatus, type SocketListeners, type SocketStatus } from './socketStatus.js';
import { createTokenAuth, type GetToken } from './tokenAuth.js';
import { createTransportState, type TransportState } from './transportState.js';

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
  /** Payload of `connection_init` (its `authorization` comes from `getToken`). */
  connectionParams?: Record<string, unknown>;
  /**
   * The viewer's token, asked for before every connection attempt and sent as
   * `{ authorization: "Bearer <token>" }` in `connection_init`; null/undefined connects anonymously.
   * On a 4403 close (token refused or expired) the socket reconnects with backoff and asks again with
   * `{ rejected: true }`; after `maxAuthAttempts` refusals in a row the operations fail.
   */
  getToken?: GetToken;
  /** Refusals (or `getToken` failures) in a row before operations fail. Default 3 (`MAX_AUTH_ATTEMPTS`). */
  maxAuthAttempts?: number;
  /** More graphql-ws listeners, called after the socket's own (the `auto` transport watches attempts). */
  on?: Pick<SocketListeners, 'connected' | 'closed' | 'error'>;
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
  /** The transport the operations use (absent: a WebSocket). */
  readonly transport?: TransportState;
  /** Starts an operation; returns the function that stops it (sends `complete`). */
  subscribe(payload: SubscribePayload, sink: PayloadSink): () => void;
  /** Closes the connection and stops every operation. */
  dispose(): Promise<void>;
}

/** Creates the connection (lazily, unless `lazy: false`). */
export function createLiveSocket(options: LiveSocketOptions): LiveSocket {
  const lazy = options.lazy ?? true;
  const status = createSocketStatus(lazy, options.pongTimeoutMs ?? 5_000);
  const auth = createTokenAuth(options);
  const client: Client = createClient({
    url: options.url,
    webSocketImpl: options.webSocketImpl,
    lazy,
    retryAttempts: Infinity,
    // Retry every failure that is not fatal (graphql-ws decides fatal close codes before asking):
    // a refused connection reports an error event, not a close event, and must be retried too.
    // Only a token refused too many times in a row is given up on.
    shouldRetry: auth.shouldRetry,
    retryWait: exponentialBackoff(options.backoff),
    keepAlive: options.keepAliveMs ?? 10_000,
    connectionParams: auth.connectionParams,
    onNonLazyError: () => {
      // Fatal errors surface on each operation's sink; the status shows the rest.
    },
    // The token's listeners first: they count a refusal before graphql-ws decides whether to retry.
    on: {
      ...status.listeners,
      closed(event) {
        auth.closed(event);
        status.listeners.closed?.(event);
        options.on?.closed?.(event);
      },
      connected(socket, payload, wasRetry) {
        auth.connected();
        status.listeners.connected?.(socket, payload, wasRetry);
        options.on?.connected?.(socket, payload, wasRetry);
      },
      error: (error) => options.on?.error?.(error),
    },
  });

  return {
    connection: status.connection,
    transport: createTransportState('ws'),
    subscribe: (payload, sink) => subscribeCounted(client, status, payload, sink),
    async dispose() {
      status.disposing();
      try {
        await client.dispose();
      } catch {
        // graphql-ws rejects with the failure of an attempt still under way: nothing is left to close.
      }
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

