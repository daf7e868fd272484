/**
 * The numbers behind a server's metrics, as plain fields: transports add to them on their hot paths
 * (transportMetrics.ts), and prom-client reads them only when scraped (promMetrics.ts), as does the
 * status snapshot (serverStatus.ts).
 */
import * as closeCodes from '../../wire/closeCodes.js';
import { createDeliveryTimes, type DeliveryTimes } from './deliveryTimes.js';
import type { InvalidationMetrics, LimitName, TransportMetrics, TransportName } from './transportMetrics.js';

/** Counts per transport. */
export interface TransportCounts {
  open: number;
  messages: number;
  bytes: number;
  droppedSlow: number;
}

/** Every count of one server. */
export interface MetricCounts extends TransportMetrics, InvalidationMetrics {
  readonly transports: Readonly<Record<TransportName, Readonly<TransportCounts>>>;
  /** WebSocket closes per close code; 0 stands for any code outside {@link KNOWN_CLOSE_CODES}. */
  readonly closes: ReadonlyMap<number, number>;
  readonly limits: ReadonlyMap<LimitName, number>;
  readonly invalidations: Readonly<{ feed: number; bus: number; published: number }>;
  readonly delivery: DeliveryTimes;
}

/** Creates zeroed counts. */
export function createMetricCounts(): MetricCounts {
  const transports: Record<TransportName, TransportCounts> = { ws: zeroed(), sse: zeroed() };
  const closes = new Map<number, number>();
  const limits = new Map<LimitName, number>();
  const invalidations = { feed: 0, bus: 0, published: 0 };
  const delivery = createDeliveryTimes();
  return {
    transports,
    closes,
    limits,
    invalidations,
    delivery,
    opened(transport) {
      transports[transport].open++;
    },
    closed(transport, code) {
      transports[transport].open--;
      if (code === undefined) return;
      const label = KNOWN_CLOSE_CODES.has(code) ? code : 0;
      closes.set(label, (closes.get(label) ?? 0) + 1);
    },
    delivered(transport, bytes, invalidatedAt) {
      const counts = transports[transport];
      counts.messages++;
      counts.bytes += bytes;
      if (invalidatedAt > 0) {
        const now = performance.now();
        delivery.observe(now - invalidatedAt, now);
      }
    },
    droppedSlow(transport) {
      transports[transport].droppedSlow++;
    },
    limitHit(limit) {
      limits.set(limit, (limits.get(limit) ?? 0) + 1);
    },
    received(source) {
      invalidations[source]++;
    },
    published() {
      invalidations.published++;
    },
  };
}

/**
 * Close codes counted under their own label: the standard ones (1000–1015) and ours (wire/closeCodes.ts).
 * A client may close with any code from 3000 to 4999; those are counted together, keeping the label set small.
 */
export const KNOWN_CLOSE_CODES: ReadonlySet<number> = new Set([
  ...Array.from({ length: 16 }, (_, i) => 1000 + i),
  ...Object.values(closeCodes).filter((value): value is number => typeof value === 'number'),
]);

function zeroed(): TransportCounts {
  return { open: 0, messages: 0, bytes: 0, droppedSlow: 0 };
}
