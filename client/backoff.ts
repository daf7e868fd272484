/** Reconnect delays: exponential with full jitter, capped, so a fleet of clients does not reconnect in lockstep. */

/** Options of {@link exponentialBackoff}. */
export interface BackoffOptions {
  /** Upper bound of the first delay, in ms. Default 500. */
  baseMs?: number;
  /** Largest delay, in ms. Default 15,000. */
  maxMs?: number;
}

/** The delay before retry number `retries` (0-based): random in [cap/2, cap], cap = min(max, base·2^retries). */
export function backoffDelay(retries: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 15_000;
  const cap = Math.min(max, base * 2 ** Math.min(retries, 30));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** A graphql-ws `retryWait`: resolves after {@link backoffDelay}. */
export function exponentialBackoff(options: BackoffOptions = {}): (retries: number) => Promise<void> {
  return (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelay(retries, options)));
}
