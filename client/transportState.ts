/** Which transport a client's live operations use right now, observable (the `auto` transport may switch once). */

/** `ws`: one graphql-ws connection; `sse`: one GraphQL-over-SSE request per operation. */
export type LiveTransport = 'ws' | 'sse';

/** Read-only view of the transport in use. */
export interface TransportState {
  get(): LiveTransport;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (transport: LiveTransport) => void): () => void;
}

/** A {@link TransportState} its owner can set. */
export interface WritableTransportState extends TransportState {
  set(transport: LiveTransport): void;
}

/** Creates the state, starting at `initial`. */
export function createTransportState(initial: LiveTransport): WritableTransportState {
  let transport = initial;
  const listeners = new Set<(transport: LiveTransport) => void>();
  return {
    get: () => transport,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next) {
      if (next === transport) return;
      transport = next;
      for (const listener of [...listeners]) listener(transport);
    },
  };
}
