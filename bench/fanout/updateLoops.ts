/** The writer's side of an update phase: timed mutations, their failures, and the closed update loop. */
import type { DeliveryTracker } from './deliveryTracker.js';
import { postGraphQL } from './graphqlHttp.js';
import type { DriveOutcome } from './measurePhase.js';
import { distribution, sleep, waitUntil } from './stats.js';

/** Longest wait for one update (or round) to reach every client. */
export const DELIVERY_TIMEOUT_MS = 30_000;

/** Round-trip times of the writer's mutations (send → HTTP response), in ms. */
export type WriteTimes = number[];

/** POSTs an update mutation as `authorization`'s viewer and records its round trip in `times`. */
export async function timedWrite(
  times: WriteTimes,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  authorization: string | undefined,
): Promise<void> {
  const sent = performance.now();
  await postGraphQL(url, query, variables, authorization);
  times.push(performance.now() - sent);
}

/** Counts failed writes and keeps the first messages. */
export function writeErrors(results: PromiseSettledResult<unknown>[]): string[] {
  return results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .slice(0, 3)
    .map((r) => `write failed: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
}

/**
 * Sends `count` updates one after the other, each once the previous reached all `clients` (then
 * `gapMs` of quiet), so each update is measured alone.
 */
export async function closedLoop(
  tracker: DeliveryTracker,
  count: number,
  clients: number,
  deadline: number,
  send: (update: number, times: WriteTimes) => Promise<unknown>,
  gapMs = 50,
): Promise<DriveOutcome> {
  let sent = 0;
  const notes: string[] = [];
  const times: WriteTimes = [];
  for (let u = 0; u < count; u++) {
    if (performance.now() > deadline - DELIVERY_TIMEOUT_MS) {
      notes.push(`deadline: sent ${sent} of ${count} updates`);
      break;
    }
    tracker.markSent(u);
    sent++;
    const [result] = await Promise.allSettled([send(u, times)]);
    notes.push(...writeErrors([result]));
    const arrived = await waitUntil(() => tracker.deliveredCount(u) >= clients, DELIVERY_TIMEOUT_MS, 2);
    if (!arrived) notes.push(`update ${u} reached ${tracker.deliveredCount(u)}/${clients} clients`);
    await sleep(gapMs);
  }
  return { cpuUnits: sent, rounds: null, notes, writeMs: distribution(times) };
}
