/** Waiting for a live subscription to catch up with the data: its state against a fresh execution. */
import { expect } from 'vitest';
import { deepEqual } from '../../server/live/diffResult.js';
import type { JsonValue } from '../../server/live/liveResult.js';
import type { LiveSubscription } from './clients.js';

/**
 * Takes messages until the subscription's state equals what `fresh` returns (a fresh execution of
 * its query), within `timeoutMs`; then checks equality (failing with the difference). Revision
 * errors of the stepper fail at once.
 */
export async function converge(s: LiveSubscription, fresh: () => Promise<JsonValue>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await fresh();
    if (deepEqual(s.state, now)) return;
    if (Date.now() > deadline) expect(s.state).toEqual(now);
    // A message may be on its way; on a timeout the loop re-checks.
    await s.next(2_000).catch((error: unknown) => {
      if (!(error instanceof Error && error.message.startsWith('Timed out'))) throw error;
    });
  }
}
