/**
 * The status side of a live socket: turns graphql-ws's connection events into a
 * {@link ConnectionState}, counts running operations (a lazy socket with none is idle, not
 * reconnecting), and closes a connection whose ping goes unanswered.
 */
import type { ClientOptions } from 'graphql-ws';
import { createConnectionState, type ConnectionState } from './connectionState.js';

/** The graphql-ws event listeners a client is created with. */
export type SocketListeners = NonNullable<ClientOptions['on']>;

/** What a live socket tells its status, and the listeners that feed it. */
export interface SocketStatus {
  /** The published status. */
  readonly connection: ConnectionState;
  /** The listeners to pass to graphql-ws's `createClient({ on })`. */
  readonly listeners: SocketListeners;
  /** An operation started on the socket. */
  operationStarted(): void;
  /** An operation ended (completed, failed or stopped). */
  operationEnded(): void;
  /** The socket is being disposed: the watchdog stops, and a closing connection publishes `closed`. */
  disposing(): void;
  /** The socket is disposed: publishes `closed`. */
  disposed(): void;
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

/** Creates the status of a socket that is `lazy` (connects only while operations run) or not. */
export function createSocketStatus(lazy: boolean, pongTimeoutMs: number): SocketStatus {
  const connection = createConnectionState(lazy ? 'idle' : 'connecting');
  let everConnected = false;
  let disposed = false;
  let active = 0;
  let socket: ClosableSocket | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const listeners: SocketListeners = {
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
  };

  return {
    connection,
    listeners,
    operationStarted: () => {
      active++;
    },
    operationEnded: () => {
      active--;
    },
    disposing() {
      disposed = true;
      clearTimeout(pongTimer);
    },
    disposed: () => connection.set('closed'),
  };
}
