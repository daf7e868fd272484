/**
 * The metrics of one server: the counts its transports and invalidation path add to, the Prometheus
 * exposition of them (with the process's Node metrics), and a typed status snapshot.
 */
import type { LiveQueryEngineStats } from '../live/liveQueryEngine.js';
import { createMetricCounts } from './metricCounts.js';
import { createPromRegistry, processMetrics } from './promMetrics.js';
import { serverStatus, type ServerStatus } from './serverStatus.js';
import type { InvalidationMetrics, TransportMetrics } from './transportMetrics.js';

export type { ServerStatus } from './serverStatus.js';
export type { InvalidationMetrics, LimitName, TransportMetrics, TransportName } from './transportMetrics.js';

/** A server's metrics. */
export interface ServerMetrics {
  /** What transports and request handlers report to. */
  readonly transport: TransportMetrics;
  /** What the change feed, the bus and `invalidate` report to. */
  readonly invalidation: InvalidationMetrics;
  /** The current state (see {@link ServerStatus}). */
  snapshot(): ServerStatus;
  /** The Prometheus text exposition: this server's metrics, then the process's. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** Creates the metrics of a server whose engine reports `stats` (and store its `statements`). */
export function createServerMetrics(stats: () => LiveQueryEngineStats, statements?: () => number): ServerMetrics {
  const counts = createMetricCounts();
  const registry = createPromRegistry(counts, stats, statements);
  return {
    transport: counts,
    invalidation: counts,
    snapshot: () => serverStatus(counts, stats()),
    async scrape() {
      const [own, process] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
      return { contentType: registry.contentType, body: own + '\n' + process };
    },
  };
}
