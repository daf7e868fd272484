/**
 * What transports and request handlers tell the metrics: the small interface they see instead of
 * prom-client. Every method is a few additions on plain numbers (metricCounts.ts): the ones on the
 * fan-out path run once per member write.
 */

/** The transports of live queries, as label values. */
export type TransportName = 'ws' | 'sse';

/** The limits that refuse a request or operation, as label values (README, "Metrics"). */
export type LimitName =
  | 'cost'
  | 'depth'
  | 'aliases'
  | 'tokens'
  | 'nesting'
  | 'query_bytes'
  | 'body_bytes'
  | 'result_bytes'
  | 'live_per_socket'
  | 'sockets_per_viewer'
  | 'mutation_rate'
  | 'unauthenticated';

/** Every limit name, in the order the metrics list them. */
export const LIMIT_NAMES: readonly LimitName[] = [
  'cost',
  'depth',
  'aliases',
  'tokens',
  'nesting',
  'query_bytes',
  'body_bytes',
  'result_bytes',
  'live_per_socket',
  'sockets_per_viewer',
  'mutation_rate',
  'unauthenticated',
];

/** Counts of one server's transports and limits. */
export interface TransportMetrics {
  /** A WebSocket connected, or an event stream was accepted. */
  opened(transport: TransportName): void;
  /** It ended; `code` is a WebSocket's close code (event streams have none). */
  closed(transport: TransportName, code?: number): void;
  /**
   * A live update of `bytes` (UTF-8, as written) went to one client; `invalidatedAt` is the update's
   * (`LiveUpdate.invalidatedAt`): when nonzero, its delivery time is observed.
   */
  delivered(transport: TransportName, bytes: number, invalidatedAt: number): void;
  /** A client that did not read was dropped (WebSocket 1008, event stream cut). */
  droppedSlow(transport: TransportName): void;
  /** A limit refused something. */
  limitHit(limit: LimitName): void;
}

/** What the invalidation path tells the metrics. */
export interface InvalidationMetrics {
  /** A batch of keys reached the engine from the store's change feed or the bus. */
  received(source: 'feed' | 'bus'): void;
  /** A batch of keys was published on the bus by this server (`LivedocServer.invalidate`). */
  published(): void;
}
