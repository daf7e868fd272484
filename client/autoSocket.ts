/**
 * The `auto` transport: a WebSocket first, and GraphQL over SSE for the rest of the client's life when
 * the WebSocket cannot get through — typically a proxy that refuses or drops upgrades. It falls back
 * when the server answers the upgrade with an HTTP status (Node's `ws` reports it; browsers cannot
 * tell it from a lost connection), or after `fallbackAfter` failed attempts in a row, before any
 * connection was ever acknowledged. A socket that was acknowledged once never falls back: a server
 * restart is a reconnect, not a blocked transport. Closes with 4000–4999 prove the server speaks
 * graphql-ws (a refused token: 4403) and do not count.
 */
import { createConnectionState } from './connectionState.js';
import { endpointFor } from './endpointUrl.js';
import { createLiveSocket, type LiveSocket, type LiveSocketOptions, type PayloadSink } from './liveSocket.js';
import { createSseSocket, type SseSocketOptions } from './sseSocket.js';
import { createTransportState } from './transportState.js';

/** Failed WebSocket attempts in a row, never acknowledged, after which `auto` switches to SSE. */
export const FALLBACK_AFTER = 3;

/** Options of {@link createAutoSocket}. */
export interface AutoSocketOptions extends LiveSocketOptions, SseSocketOptions {
  /** Default {@link FALLBACK_AFTER}. */
  fallbackAfter?: number;
}

/** Creates the transport: operations run on the WebSocket until it falls back, then over SSE. */
export function createAutoSocket(options: AutoSocketOptions): LiveSocket {
  const fallbackAfter = options.fallbackAfter ?? FALLBACK_AFTER;
  const operations = new Set<{ move(to: LiveSocket): void }>();
  const transport = createTransportState('ws');
  let acknowledged = false;
  let failures = 0;
  let disposed = false;
  // The WebSocket, then SSE once fallen back.
  let current: LiveSocket;

  const fallBack = () => {
    if (acknowledged || disposed || transport.get() === 'sse') return;
    const sse = createSseSocket(options);
    const ws = current;
    current = sse;
    follow(sse);
    transport.set('sse');
    for (const operation of operations) operation.move(sse);
    void ws.dispose();
  };
  const ws = createLiveSocket({
    ...options,
    url: endpointFor(options.url, 'ws'),
    on: {
      connected: () => void (acknowledged = true),
      closed(event) {
        if (acknowledged || isGraphqlWsClose(event)) return;
        // Not from inside graphql-ws's listener: switching disposes its client.
        if (++failures >= fallbackAfter) queueMicrotask(fallBack);
      },
      error(error) {
        if (!acknowledged && isRefusedUpgrade(error)) queueMicrotask(fallBack);
      },
    },
  });
  current = ws;

  const connection = createConnectionState(ws.connection.get());
  let unfollow = () => {};
  function follow(socket: LiveSocket) {
    unfollow();
    connection.set(socket.connection.get());
    unfollow = socket.connection.subscribe((status) => connection.set(status));
  }
  follow(ws);

  return {
    connection,
    transport,
    subscribe(payload, sink) {
      const operation = movableOperation(payload, sink, () => operations.delete(operation));
      operations.add(operation);
      operation.move(current);
      return operation.stop;
    },
    async dispose() {
      disposed = true;
      await current.dispose();
      unfollow();
      connection.set('closed');
    },
  };
}

/** One operation that can move to another socket; events of the socket it left are dropped. */
function movableOperation(payload: Parameters<LiveSocket['subscribe']>[0], sink: PayloadSink, ended: () => void) {
  let generation = 0;
  let stopped = false;
  let stopCurrent = () => {};
  const finish = (deliver: () => void) => {
    stopped = true;
    ended();
    deliver();
  };
  return {
    move(to: LiveSocket) {
      const mine = ++generation;
      const current = () => !stopped && mine === generation;
      stopCurrent();
      stopCurrent = to.subscribe(payload, {
        next(value) {
          if (current()) sink.next(value);
        },
        error(error) {
          if (current()) finish(() => sink.error(error));
        },
        complete() {
          if (current()) finish(() => sink.complete());
        },
      });
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      ended();
      stopCurrent();
    },
  };
}

/** A close the graphql-ws server chose (4000–4999): the WebSocket got through. */
function isGraphqlWsClose(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number' && event.code >= 4000 && event.code < 5000;
}

/** Node's `ws` reports an upgrade answered with an HTTP status as "Unexpected server response: 403". */
function isRefusedUpgrade(error: unknown): boolean {
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  return typeof message === 'string' && message.startsWith('Unexpected server response');
}
