/**
 * Picks the transport of a client's live operations: `ws` (one graphql-ws connection), `sse` (GraphQL
 * over SSE, one request per operation) or `auto` (the default: a WebSocket, falling back to SSE when
 * it cannot get through; autoSocket.ts). All three are a {@link LiveSocket}, so the results take the
 * same path above them (subscribeLive.ts: revisions checked, patches applied).
 */
import { createAutoSocket, type AutoSocketOptions } from './autoSocket.js';
import { endpointFor } from './endpointUrl.js';
import { createLiveSocket, type LiveSocket } from './liveSocket.js';
import { createSseSocket } from './sseSocket.js';

/** What `transport` may ask for. */
export type TransportChoice = 'ws' | 'sse' | 'auto';

/** Options of {@link createLiveTransport}: those of every transport, and which one. */
export interface LiveTransportOptions extends AutoSocketOptions {
  /**
   * `auto` (default): WebSocket, falling back to SSE after `fallbackAfter` failed attempts that were
   * never acknowledged. `ws`: only the WebSocket. `sse`: only SSE (`url` may be ws(s) or http(s)).
   */
  transport?: TransportChoice;
}

/** Creates the transport `options.transport` names. */
export function createLiveTransport(options: LiveTransportOptions): LiveSocket {
  const transport = options.transport ?? 'auto';
  if (transport === 'sse') return createSseSocket(options);
  if (transport === 'ws') return createLiveSocket({ ...options, url: endpointFor(options.url, 'ws') });
  // Checked: the option may come from untyped code or a URL parameter.
  if ((transport as string) !== 'auto') {
    throw new TypeError(`transport must be 'ws', 'sse' or 'auto', but got ${JSON.stringify(transport)}.`);
  }
  return createAutoSocket(options);
}
