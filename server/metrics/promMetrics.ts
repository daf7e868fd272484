/**
 * A server's Prometheus metrics: one prom-client `Registry` per server (tests run several servers in
 * one process), whose metrics read the server's counts (metricCounts.ts) and the engine's stats when
 * scraped — nothing on a hot path touches prom-client. Node's own metrics (event-loop lag, heap, GC)
 * are the process's, collected once per process into a registry of their own.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { LiveQueryEngineStats } from '../live/liveQueryEngine.js';
import { DeliveryHistogram } from './deliveryHistogram.js';
import type { MetricCounts } from './metricCounts.js';
import { LIMIT_NAMES, type TransportName } from './transportMetrics.js';

const TRANSPORTS: readonly TransportName[] = ['ws', 'sse'];

/** Builds the registry of one server. */
export function createPromRegistry(counts: MetricCounts, stats: () => LiveQueryEngineStats, statements?: () => number): Registry {
  const registry = new Registry();
  const registers = [registry];
  const perTransport = (name: string, help: string, read: (transport: TransportName) => number, kind: 'gauge' | 'counter') => {
    const collect = function (this: Gauge<'transport'> | Counter<'transport'>) {
      this.reset();
      for (const transport of TRANSPORTS) {
        if (this instanceof Gauge) this.set({ transport }, read(transport));
        else this.inc({ transport }, read(transport));
      }
    };
    const config = { name, help, labelNames: ['transport'] as const, registers, collect };
    return kind === 'gauge' ? new Gauge(config) : new Counter(config);
  };
  const fromStats = (name: string, help: string, read: (stats: LiveQueryEngineStats) => number, kind: 'gauge' | 'counter') => {
    const collect = function (this: Gauge | Counter) {
      this.reset();
      if (this instanceof Gauge) this.set(read(stats()));
      else this.inc(read(stats()));
    };
    return kind === 'gauge' ? new Gauge({ name, help, registers, collect }) : new Counter({ name, help, registers, collect });
  };
  const { transports } = counts;

  perTransport('livedoc_connections_open', 'Open WebSockets (ws) and event streams (sse).', (t) => transports[t].open, 'gauge');
  fromStats('livedoc_live_queries', 'Live query subscriptions (members of groups).', (s) => s.subscribers, 'gauge');
  fromStats('livedoc_live_query_groups', 'Live query groups (distinct documents, variables and viewer scopes).', (s) => s.groups, 'gauge');
  new Counter({
    name: 'livedoc_executions_total',
    help: 'Live query executions: full ones, and partial ones that re-resolved only the invalidated objects.',
    labelNames: ['kind'] as const,
    registers,
    collect() {
      const { executions, partialExecutions } = stats();
      this.reset();
      this.inc({ kind: 'full' }, executions - partialExecutions);
      this.inc({ kind: 'partial' }, partialExecutions);
    },
  });
  labelledCounter(registry, 'livedoc_live_resumes_total', 'Live queries subscribed with a resume token, by answer: empty patch, the missed patches, or the whole result.', 'answer', () => {
    const { empty, patch, whole } = stats().resumes;
    return [['empty', empty], ['patch', patch], ['whole', whole]];
  });
  fromStats('livedoc_patches_published_total', 'Patches published by live query groups (one per group update).', (s) => s.publishedPatches, 'counter');
  perTransport('livedoc_patch_messages_sent_total', 'Live query messages written to clients (one per member update).', (t) => transports[t].messages, 'counter');
  perTransport('livedoc_sent_bytes_total', 'UTF-8 bytes of live query messages written to clients.', (t) => transports[t].bytes, 'counter');
  perTransport('livedoc_slow_clients_dropped_total', 'Clients dropped for not reading (WebSocket 1008, event stream cut).', (t) => transports[t].droppedSlow, 'counter');
  new DeliveryHistogram(
    'livedoc_delivery_seconds',
    'From the keys of a change reaching the live engine to a member update being written to its socket or stream.',
    counts.delivery,
    registry,
  );
  labelledCounter(registry, 'livedoc_websocket_closes_total', 'WebSocket closes by close code ("other": a code outside the known set).', 'code', () =>
    [...counts.closes].map(([code, n]) => [code === 0 ? 'other' : String(code), n]),
  );
  labelledCounter(registry, 'livedoc_limits_hit_total', 'Requests or operations refused by a limit.', 'limit', () =>
    LIMIT_NAMES.map((limit) => [limit, counts.limits.get(limit) ?? 0]),
  );
  labelledCounter(registry, 'livedoc_invalidations_received_total', 'Batches of invalidated keys that reached the engine, by source (change feed or bus).', 'source', () => [
    ['feed', counts.invalidations.feed],
    ['bus', counts.invalidations.bus],
  ]);
  labelledCounter(registry, 'livedoc_bus_messages_published_total', 'Batches of keys this server published on the bus (invalidate calls).', undefined, () => [
    ['', counts.invalidations.published],
  ]);
  if (statements) {
    labelledCounter(registry, 'livedoc_store_statements_total', 'SQL statements the store sent to its database (BEGIN and COMMIT included).', undefined, () => [
      ['', statements()],
    ]);
  }
  return registry;
}

/** A counter set at scrape time from `read`'s label values and totals (no label when `label` is undefined). */
function labelledCounter(
  registry: Registry,
  name: string,
  help: string,
  label: string | undefined,
  read: () => Iterable<readonly [string, number]>,
): void {
  new Counter({
    name,
    help,
    labelNames: label ? [label] : [],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, total] of read()) {
        if (label) this.inc({ [label]: value }, total);
        else this.inc(total);
      }
    },
  });
}

let processRegistry: Registry | undefined;

/**
 * The process's registry of Node's default metrics, created on first use: its event-loop monitor and
 * GC observer are per process, so servers share them instead of each starting its own.
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
