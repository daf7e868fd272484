/** Which transport a client's live operations use right now, observable (the `auto` transport may switch once). */
import { createObservableValue, type ObservableValue, type WritableValue } from './observableValue.js';

/** `ws`: one graphql-ws connection; `sse`: one GraphQL-over-SSE request per operation. */
export type LiveTransport = 'ws' | 'sse';

/** Read-only view of the transport in use. */
export type TransportState = ObservableValue<LiveTransport>;

/** A {@link TransportState} its owner can set. */
export type WritableTransportState = WritableValue<LiveTransport>;

/** Creates the state, starting at `initial`. */
export function createTransportState(initial: LiveTransport): WritableTransportState {
  return createObservableValue(initial);
}
