/**
 * Token buckets per key (a viewer, an address): each holds up to `burst` tokens and gains `ratePerSecond`
 * a second. Memory stays bounded: a bucket idle long enough to be full again is the same as no bucket,
 * so a sweep (at most once per refill time, no timer) drops those; past `maxKeys` the oldest go first.
 */

/** Options of {@link createTokenBuckets}. */
export interface TokenBucketOptions {
  ratePerSecond: number;
  burst: number;
  /** Buckets kept at most (default 100,000); the oldest is dropped for a new key past it. */
  maxKeys?: number;
  /** Milliseconds on a monotonic clock (default `performance.now`). */
  now?: () => number;
}

/** Buckets per key. */
export interface TokenBuckets {
  /**
   * Takes `count` tokens (at most `burst`: a larger request waits for a full bucket) from `key`'s
   * bucket. Returns 0 when taken, else the milliseconds until they will be there (nothing taken).
   */
  take(key: string, count: number): number;
  /** Buckets currently held (the full ones are dropped by the next sweep). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

/** Creates the buckets; throws on a rate or burst that is not positive. */
export function createTokenBuckets(options: TokenBucketOptions): TokenBuckets {
  const { ratePerSecond, burst } = options;
  if (!(ratePerSecond > 0) || !(burst >= 1)) throw new RangeError(`Expected a positive rate and a burst of at least 1, but got ${ratePerSecond} and ${burst}.`);
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? (() => performance.now());
  const perMs = ratePerSecond / 1000;
  const refillMs = burst / perMs;
  const buckets = new Map<string, Bucket>();
  let sweptAt = now();

  function sweep(time: number): void {
    sweptAt = time;
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (time - bucket.at) * perMs >= burst) buckets.delete(key);
    }
  }

  return {
    take(key, count) {
      const time = now();
      if (time - sweptAt >= refillMs) sweep(time);
      const wanted = Math.min(count, burst);
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) {
          const oldest = buckets.keys().next();
          if (!oldest.done) buckets.delete(oldest.value);
        }
        bucket = { tokens: burst, at: time };
        buckets.set(key, bucket);
      } else {
        bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * perMs);
        bucket.at = time;
        // Most recently used last: the cap drops the least recently used.
        buckets.delete(key);
        buckets.set(key, bucket);
      }
      if (bucket.tokens >= wanted) {
        bucket.tokens -= wanted;
        return 0;
      }
      return Math.ceil((wanted - bucket.tokens) / perMs);
    },
    get size() {
      return buckets.size;
    },
  };
}
