/**
 * The connection side of a soak client: which instance it connects to (its `home`, read on every
 * attempt), which one it is connected to, how many connections it made, and how to cut them as a
 * network failure would — the WebSocket terminated, or the event-stream requests aborted.
 */
import WebSocket from 'ws';
import type { LiveClientOptions } from '../../client/liveClient.js';
import type { Instance } from './cluster.js';

/** The options a client is created with, and the handles on its connections. */
export interface ClientConnection {
  /** `url`, `webSocketImpl`, `fetchFn` and the socket listeners for createLiveClient. */
  readonly options: Pick<LiveClientOptions, 'url' | 'webSocketImpl' | 'fetchFn' | 'on'>;
  home: number;
  /** The instance of the current connection (of the latest request, on SSE), if any. */
  connectedTo(): number | undefined;
  /** WebSocket connections acknowledged, or event-stream requests made. */
  connections(): number;
  /** Cuts the connection(s); the library reconnects. */
  drop(): void;
}

/** Creates the connection side of a client of `transport`, first on instance `home`. */
export function createClientConnection(transport: 'ws' | 'sse', home: number, instances: readonly Instance[]): ClientConnection {
  let connectedTo: number | undefined;
  let connecting: number | undefined;
  let connections = 0;
  let socket: unknown;
  // Aborting its request cuts an event stream; only a drop clears these (a few requests per client).
  const aborts = new Set<AbortController>();

  const connection: ClientConnection = {
    options: {
      url: () => {
        connecting = connection.home;
        const instance = instances[connection.home]!;
        return transport === 'ws' ? instance.wsUrl : instance.httpUrl;
      },
      webSocketImpl: WebSocket,
      fetchFn: (input: string, init: RequestInit = {}) => {
        const abort = new AbortController();
        aborts.add(abort);
        connections++;
        connectedTo = connecting;
        const signal = init.signal ? AbortSignal.any([init.signal, abort.signal]) : abort.signal;
        return fetch(input, { ...init, signal });
      },
      on: {
        connected(ws) {
          socket = ws;
          connections++;
          connectedTo = connecting;
        },
        closed() {
          socket = undefined;
          connectedTo = undefined;
        },
      },
    },
    home,
    connectedTo: () => connectedTo,
    connections: () => connections,
    drop() {
      if (socket instanceof WebSocket) socket.terminate();
      for (const abort of aborts) abort.abort(new Error('soak: connection dropped'));
      aborts.clear();
    },
  };
  return connection;
}
