/**
 * One graphql-ws connection (subprotocol graphql-transport-ws) shared by every live query of a client:
 * retries forever with exponential backoff, detects dead connections with ping/pong, and publishes its
 * status. graphql-ws re-sends every active subscription after a reconnect.
 */
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import { exponentialBackoff, type BackoffOptions } from './backoff.js';
import { createConnectionState, type ConnectionState } from './connectionState.js';

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

/** What we need of the socket object graphql-ws hands to its listeners (typed `unknown` there). */
interface ClosableSocket {
  readyState: number;
  close(code?: number, reason?: string): void;
}

function isClosableSocket(value: unknown): value is ClosableSocket {
  return typeof value === 'object' && value !== null && 'readyState' in value && 'close' in value;
}

const WEBSOCKET_OPEN = 1;
/** Not fatal to graphql-ws, so closing with it leads to a retry. */
const PONG_TIMEOUT_CLOSE_CODE = 4408;

/** Creates the connection (lazily, unless `lazy: false`). */
export function createLiveSocket(options: LiveSocketOptions): LiveSocket {
  const lazy = options.lazy ?? true;
  const pongTimeoutMs = options.pongTimeoutMs ?? 5_000;
  const connection = createConnectionState(lazy ? 'idle' : 'connecting');
  let everConnected = false;
  let disposed = false;
  let active = 0;
  let socket: ClosableSocket | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

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
    on: {
      connecting: (isRetry) => {
        if (!disposed) connection.set(everConnected || isRetry ? 'reconnecting' : 'connecting');
      },
      connected: (opened) => {
        everConnected = true;
        socket = isClosableSocket(opened) ? opened : undefined;
        if (!disposed) connection.set('live');
      },
      ping: (received) => {
        if (received || !socket) return;
        const pinged = socket;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          if (pinged.readyState === WEBSOCKET_OPEN) pinged.close(PONG_TIMEOUT_CLOSE_CODE, 'Pong timeout');
        }, pongTimeoutMs);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: () => {
        clearTimeout(pongTimer);
        socket = undefined;
        if (disposed) connection.set('closed');
        else if (active > 0 || !lazy) connection.set(everConnected ? 'reconnecting' : 'connecting');
        else connection.set('idle');
      },
    },
  });

  return {
    connection,
    subscribe(payload, sink) {
      active++;
      let ended = false;
      const end = () => {
        if (ended) return false;
        ended = true;
        active--;
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
    },
    async dispose() {
      disposed = true;
      clearTimeout(pongTimer);
      await client.dispose();
      connection.set('closed');
    },
  };
}
