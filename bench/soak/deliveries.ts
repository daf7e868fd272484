/**
 * Delivery latency over time: from the writer sending a title to a client holding a result with it
 * (a client that was disconnected meanwhile counts its reconnection too), in buckets of the run's
 * time for the chart, and over the whole run.
 */
import { distribution } from '../fanout/stats.js';
import type { Distribution } from '../fanout/types.js';

/** One bucket: `[start ms, deliveries, p50 ms, p99 ms, max ms]`. */
export type LatencyBucket = [number, number, number | null, number | null, number | null];

/** The latency recorder. */
export interface Deliveries {
  readonly bucketMs: number;
  record(latencyMs: number, at: number): void;
  /** Over the whole run. */
  overall(): Distribution;
  buckets(): LatencyBucket[];
}

/** Creates a recorder with buckets of `bucketMs`. */
export function createDeliveries(bucketMs: number): Deliveries {
  const byBucket = new Map<number, number[]>();
  return {
    bucketMs,
    record(latencyMs, at) {
      const index = Math.max(0, Math.floor(at / bucketMs));
      let values = byBucket.get(index);
      if (!values) byBucket.set(index, (values = []));
      values.push(latencyMs);
    },
    overall: () => distribution([...byBucket.values()].flat()),
    buckets: () =>
      Array.from({ length: Math.max(-1, ...byBucket.keys()) + 1 }, (_, index): LatencyBucket => {
        const d = distribution(byBucket.get(index) ?? []);
        return [index * bucketMs, d.count, d.p50, d.p99, d.max];
      }),
  };
}
