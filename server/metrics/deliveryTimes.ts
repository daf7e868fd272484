/**
 * Delivery times (from an invalidation reaching the engine to a member's update being written), kept
 * as bucket counts in typed arrays: observing is a short loop and two additions, with no allocation —
 * it runs once per member write. Besides the totals since start (exported as a Prometheus histogram),
 * six ten-second slots give quantiles and a rate over about the last minute.
 */

/** Upper bounds of the buckets, in seconds (the last bucket, +Inf, is implicit). */
export const DELIVERY_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

const SLOT_MS = 10_000;
const SLOTS = 6;
/** Bounds in milliseconds, the unit observations arrive in. */
const BOUNDS_MS = Float64Array.from(DELIVERY_BUCKETS, (seconds) => seconds * 1000);
const WIDTH = BOUNDS_MS.length + 1;

/** The accumulated times of one server. */
export interface DeliveryTimes {
  /** Observes one delivery that took `ms`, written at `nowMs` (`performance.now()`). */
  observe(ms: number, nowMs: number): void;
  /** Per-bucket counts since start (not cumulative; the last one is +Inf). */
  readonly totals: Float64Array;
  /** Sum of every observation since start, in seconds. */
  readonly sumSeconds: number;
  /** Quantile `q` (0..1) in seconds over about the last minute; undefined without observations there. */
  recentQuantile(q: number, nowMs: number): number | undefined;
  /** Observations over about the last minute, and the milliseconds they span. */
  recentCount(nowMs: number): { count: number; spanMs: number };
}

/** Creates an empty accumulator; `startedAt` (`performance.now()`) bounds the span of a young server. */
export function createDeliveryTimes(startedAt = performance.now()): DeliveryTimes {
  const totals = new Float64Array(WIDTH);
  const slots = new Float64Array(WIDTH * SLOTS);
  const slotEpochs = new Float64Array(SLOTS).fill(-1);
  let sumMs = 0;

  const recent = (nowMs: number): Float64Array => {
    const epoch = Math.floor(nowMs / SLOT_MS);
    const merged = new Float64Array(WIDTH);
    for (let slot = 0; slot < SLOTS; slot++) {
      const slotEpoch = slotEpochs[slot] ?? -1;
      if (slotEpoch < 0 || epoch - slotEpoch >= SLOTS) continue;
      for (let i = 0; i < WIDTH; i++) merged[i] = (merged[i] ?? 0) + (slots[slot * WIDTH + i] ?? 0);
    }
    return merged;
  };

  return {
    observe(ms, nowMs) {
      let bucket = 0;
      while (bucket < BOUNDS_MS.length && ms > (BOUNDS_MS[bucket] ?? Infinity)) bucket++;
      totals[bucket] = (totals[bucket] ?? 0) + 1;
      sumMs += ms;
      const epoch = Math.floor(nowMs / SLOT_MS);
      const slot = epoch % SLOTS;
      if (slotEpochs[slot] !== epoch) {
        slotEpochs[slot] = epoch;
        slots.fill(0, slot * WIDTH, (slot + 1) * WIDTH);
      }
      slots[slot * WIDTH + bucket] = (slots[slot * WIDTH + bucket] ?? 0) + 1;
    },
    totals,
    get sumSeconds() {
      return sumMs / 1000;
    },
    recentQuantile: (q, nowMs) => quantileOf(recent(nowMs), q),
    recentCount(nowMs) {
      const count = recent(nowMs).reduce((sum, n) => sum + n, 0);
      const windowStart = (Math.floor(nowMs / SLOT_MS) - SLOTS + 1) * SLOT_MS;
      return { count, spanMs: Math.max(1, nowMs - Math.max(windowStart, startedAt)) };
    },
  };
}

/**
 * The `q` quantile of bucket counts, interpolated linearly inside its bucket as Prometheus's
 * `histogram_quantile` does; in the +Inf bucket, the largest finite bound.
 */
export function quantileOf(counts: Float64Array, q: number): number | undefined {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return undefined;
  const rank = q * total;
  const largest = DELIVERY_BUCKETS[DELIVERY_BUCKETS.length - 1] ?? 0;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const upper = DELIVERY_BUCKETS[i];
      if (upper === undefined) return largest;
      const lower = DELIVERY_BUCKETS[i - 1] ?? 0;
      return lower + (upper - lower) * ((rank - seen) / count);
    }
    seen += count;
  }
  return largest;
}
