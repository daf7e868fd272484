/**
 * A typed snapshot of a server's state for status pages and a `serverStatus` field: a few counters
 * and two quantiles, cheap enough to take every second (one pass over the engine's groups, and
 * merging six small arrays of bucket counts).
 */
import type { LiveQueryEngineStats } from '../live/liveQueryEngine.js';
import type { MetricCounts } from './metricCounts.js';

/** What {@link serverStatus} returns. */
export interface ServerStatus {
  /** Open WebSockets. */
  sockets: number;
  /** Open event streams (SSE). */
  streams: number;
  /** Live query groups (distinct documents, variables and viewer scopes). */
  groups: number;
  /** Live query subscriptions, over both transports. */
  liveQueries: number;
  /** Live updates answering a change, written to clients per second over about the last minute. */
  patchesPerSecond: number;
  /** Median delivery time (change reaching the engine → written to a client), seconds, about the last minute; null without deliveries. */
  deliveryP50: number | null;
  /** 99th percentile of the same; null without deliveries. */
  deliveryP99: number | null;
}

/** Takes the snapshot. */
export function serverStatus(counts: MetricCounts, stats: LiveQueryEngineStats, nowMs = performance.now()): ServerStatus {
  const { count, spanMs } = counts.delivery.recentCount(nowMs);
  return {
    sockets: counts.transports.ws.open,
    streams: counts.transports.sse.open,
    groups: stats.groups,
    liveQueries: stats.subscribers,
    patchesPerSecond: count / (spanMs / 1000),
    deliveryP50: counts.delivery.recentQuantile(0.5, nowMs) ?? null,
    deliveryP99: counts.delivery.recentQuantile(0.99, nowMs) ?? null,
  };
}
