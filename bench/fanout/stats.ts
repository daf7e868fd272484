/** Small numeric helpers for the fan-out benchmark. */
import type { Distribution } from './types.js';

/** Rounds to 2 decimals (null stays null). */
export function round(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : Math.round(value * 100) / 100;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** p50/p90/p99/max/mean of the finite values of `values`. */
export function distribution(values: Iterable<number>): Distribution {
  const finite = Float64Array.from([...values].filter(Number.isFinite)).sort();
  let sum = 0;
  for (const value of finite) sum += value;
  return {
    count: finite.length,
    p50: round(percentile(finite, 50)),
    p90: round(percentile(finite, 90)),
    p99: round(percentile(finite, 99)),
    max: round(finite.length ? finite[finite.length - 1]! : null),
    mean: round(finite.length ? sum / finite.length : null),
  };
}

/** `a / b`, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.round((a / b) * 1000) / 1000;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `done()` or until `timeoutMs` passed, polling every `everyMs`; returns whether it got done. */
export async function waitUntil(done: () => boolean, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() >= until) return false;
    await sleep(everyMs);
  }
  return true;
}

/** Runs `task(i)` for i in [0, count) with at most `limit` in flight; rejects with the first failure. */
export async function runLimited(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
