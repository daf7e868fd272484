/**
 * The SSE transport behind the {@link LiveSocket} interface: every operation is its own event-stream
 * request (GraphQL over SSE, distinct connections mode; sseOperation.ts), restarted until it is
 * stopped. The status sums up the operations' streams: `live` while they are all open, `reconnecting`
 * while one waits to be restarted, `idle` with none.
 */
import type { BackoffOptions } from './backoff.js';
import { createConnectionState, type ConnectionStatus } from './connectionState.js';
import { endpointFor, type EndpointUrl } from './endpointUrl.js';
import type { LiveSocket, PayloadSink } from './liveSocket.js';
import { runSseOperation, type SseOperationState } from './sseOperation.js';
import type { GetToken } from './tokenAuth.js';
import { createTransportState } from './transportState.js';

/** Options of {@link createSseSocket}. */
export interface SseSocketOptions {
  /** The GraphQL endpoint: http(s):// (a ws(s):// URL is turned into its http(s) twin), or a function returning it. */
  url: EndpointUrl;
  /** The viewer's token, asked for before every request and sent as `Authorization: Bearer <token>`. */
  getToken?: GetToken;
  /** 401s (or `getToken` failures) in a row before an operation fails. Default 3. */
  maxAuthAttempts?: number;
  /** Delays before restarting a stream. */
  backoff?: BackoffOptions;
  /** A fetch implementation where there is no global one. */
  fetchFn?: unknown;
}

/** Creates the transport; nothing is requested until an operation starts. */
export function createSseSocket(options: SseSocketOptions): LiveSocket {
  const operationOptions = { ...options, url: endpointFor(options.url, 'http') };
  const connection = createConnectionState('idle');
  const states = new Map<symbol, Exclude<SseOperationState, 'ended'>>();
  const running = new Map<symbol, { stop: () => void; sink: PayloadSink }>();
  let everOpen = false;
  let disposed = false;

  const update = () => {
    if (!disposed) connection.set(summarize([...states.values()], everOpen));
  };

  return {
    connection,
    transport: createTransportState('sse'),
    subscribe(payload, sink) {
      const key = Symbol('operation');
      const stop = runSseOperation(operationOptions, payload, sink, (state) => {
        if (state === 'ended') {
          states.delete(key);
          running.delete(key);
        } else {
          states.set(key, state);
          if (state === 'open') everOpen = true;
        }
        update();
      });
      if (states.has(key)) running.set(key, { stop, sink });
      return stop;
    },
    dispose() {
      disposed = true;
      // As a disposed graphql-ws client does: the running operations complete.
      for (const { stop, sink } of [...running.values()]) {
        stop();
        sink.complete();
      }
      connection.set('closed');
      return Promise.resolve();
    },
  };
}

/** The status of a set of operation streams. */
function summarize(states: Exclude<SseOperationState, 'ended'>[], everOpen: boolean): ConnectionStatus {
  if (states.length === 0) return 'idle';
  if (states.includes('reconnecting')) return everOpen ? 'reconnecting' : 'connecting';
  return states.includes('open') ? 'live' : 'connecting';
}
