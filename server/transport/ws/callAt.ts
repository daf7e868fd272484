/** A timer for a moment in time, however far away: Node's setTimeout caps a delay at about 24.8 days. */

/** Node's largest timer delay (2^31 − 1 ms); longer ones fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Calls `callback` once at `at` (ms since the epoch; a moment already past: on the next turn).
 * Returns the function that cancels it. A delay over Node's cap is covered by a chain of timers.
 */
export function callAt(at: number, callback: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = at - Date.now();
    timer = left > MAX_DELAY_MS ? setTimeout(arm, MAX_DELAY_MS) : setTimeout(callback, Math.max(0, left));
  };
  arm();
  return () => clearTimeout(timer);
}
