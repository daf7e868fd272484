/** A tiny observable store of a socket's connection status, for indicators (e.g. React's useSyncExternalStore). */

/**
 * - `idle`: no socket, none needed yet (lazy, nothing subscribed).
 * - `connecting`: opening the first connection.
 * - `live`: connected and acknowledged; live queries receive updates.
 * - `reconnecting`: the connection was lost (or never came up) and is being retried with backoff.
 * - `closed`: disposed; no more connections.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'closed';

/** Read-only view of the status. */
export interface ConnectionState {
  get(): ConnectionStatus;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (status: ConnectionStatus) => void): () => void;
}

/** A {@link ConnectionState} its owner can set. */
export interface WritableConnectionState extends ConnectionState {
  set(status: ConnectionStatus): void;
}

/** Creates a connection state starting at `initial`. */
export function createConnectionState(initial: ConnectionStatus = 'idle'): WritableConnectionState {
  let status = initial;
  const listeners = new Set<(status: ConnectionStatus) => void>();
  return {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next) {
      if (next === status) return;
      status = next;
      for (const listener of [...listeners]) listener(status);
    },
  };
}
