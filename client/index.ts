/**
 * The livedoc client library: runs `@live` queries over one graphql-ws connection (or GraphQL over
 * SSE, `transport`; `auto` falls back to it when the WebSocket cannot get through) and yields each
 * update as a full result, patched immutably with structural sharing. Works in browsers and Node.
 *
 * - urql apps put {@link liveExchange} before `cacheExchange`.
 * - Other code (Node scripts, other frameworks) uses {@link createLiveClient}, typed by codegen's
 *   TypedDocumentNodes.
 * - Lower layers, for custom integrations: {@link createLiveSocket} (one shared connection with
 *   backoff and status), {@link subscribeLive} (one operation as full results), {@link applyPatch}
 *   and {@link createLiveResultTracker} (the patch logic, without any transport).
 *
 * Each export carries its own TSDoc in the module that defines it.
 */

/** The urql exchange for `@live` queries and subscriptions. */
export { liveExchange, type LiveExchange, type LiveExchangeOptions } from './liveExchange.js';

/** A framework-agnostic typed client: `live()` yields full results, `execute()` resolves one. */
export {
  createLiveClient,
  GraphQLOperationError,
  type LiveClient,
  type LiveClientOptions,
  type VariablesArgs,
} from './liveClient.js';

/** The transports: `ws`, `sse`, or `auto` (WebSocket first, SSE when it cannot get through). */
export { createLiveTransport, type LiveTransportOptions, type TransportChoice } from './liveTransport.js';
export { createAutoSocket, FALLBACK_AFTER, type AutoSocketOptions } from './autoSocket.js';
export { createSseSocket, type SseSocketOptions } from './sseSocket.js';
export { createTransportState, type LiveTransport, type TransportState } from './transportState.js';
export { withScheme, type EndpointUrl } from './endpointUrl.js';

/** One shared graphql-ws connection, retried with backoff, with a published status. */
export { createLiveSocket, type LiveSocket, type LiveSocketOptions, type PayloadSink } from './liveSocket.js';
/** The viewer's token on the socket: `getToken`, refreshed after a 4403. */
export { bearer, MAX_AUTH_ATTEMPTS, TokenError, type GetToken, type TokenRequest } from './tokenAuth.js';
export { backoffDelay, exponentialBackoff, type BackoffOptions } from './backoff.js';
export {
  createConnectionState,
  type ConnectionState,
  type ConnectionStatus,
  type WritableConnectionState,
} from './connectionState.js';

/** One operation on a socket, yielding full results; re-subscribes when the state cannot be trusted. */
export { subscribeLive, type FullResultSink, type SubscribeLiveOptions } from './subscribeLive.js';
export type { FullResult } from './fullResult.js';
export { toError } from './toError.js';

/** The patch logic, independent of any transport. */
export { applyPatch, PatchError, readPatch } from './applyPatch.js';
export { createLiveResultTracker, type LiveResultTracker, type TrackedPayload } from './liveResultTracker.js';

/** Helpers: which operations are live, and a push source as an async iterator of its newest value. */
export { isLiveQuery, selectOperation } from './isLiveQuery.js';
export { latestValues, type PushSink } from './latestValues.js';

/** The wire shapes the library reads (wire/), for code that handles raw payloads. */
export type { JsonObject, JsonValue } from '../wire/json.js';
export type {
  JsonPatchOperation,
  LiveInitialResult,
  LivePatchResult,
  LiveResult,
  Patch,
  PatchOperation,
} from '../wire/liveResult.js';
