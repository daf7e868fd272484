/** A tiny observable store of a socket's connection status, for indicators (e.g. React's useSyncExternalStore). */
import { createObservableValue, type ObservableValue, type WritableValue } from './observableValue.js';

/**
 * - `idle`: no socket, none needed yet (lazy, nothing subscribed).
 * - `connecting`: opening the first connection.
 * - `live`: connected and acknowledged; live queries receive updates.
 * - `reconnecting`: the connection was lost (or never came up) and is being retried with backoff.
 * - `closed`: disposed; no more connections.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'closed';

/** Read-only view of the status. */
export type ConnectionState = ObservableValue<ConnectionStatus>;

/** A {@link ConnectionState} its owner can set. */
export type WritableConnectionState = WritableValue<ConnectionStatus>;

/** Creates a connection state starting at `initial`. */
export function createConnectionState(initial: ConnectionStatus = 'idle'): WritableConnectionState {
  return createObservableValue(initial);
}
