/**
 * The ownDoc scenario: N clients, each live on its own document, and writes to those documents, one
 * per request or several as aliases of one request; in rounds of `writesPerRound` concurrent writes
 * (CPU per round), or sustained for a while by a few request loops (CPU per write, writes per second).
 */
import type { DeliveryTracker } from './deliveryTracker.js';
import { createDocuments, createOwnDocuments } from './fixtures.js';
import { measurePhase, type DriveOutcome, type PhaseContext } from './measurePhase.js';
import { DOCUMENT_LIVE, SET_TITLE, setTitles, titleMarker, withoutLive } from './operations.js';
import { viewerAuthorizations } from './signIn.js';
import { distribution, round, sleep, waitUntil } from './stats.js';
import type { OwnDocScenario, ScenarioResult } from './types.js';
import { DELIVERY_TIMEOUT_MS, timedWrite, writeErrors, type WriteTimes } from './updateLoops.js';

/** Sends writes `first … first + count - 1` (write u: document u mod watchers) as requests of `perRequest` aliases. */
type SendWrites = (first: number, count: number, times: WriteTimes) => Promise<unknown>[];

/** Runs an ownDoc scenario against the context's server. */
export async function runOwnDoc(s: OwnDocScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const url = ctx.task.httpUrl;
  const viewers = s.viewers === 'distinct' && ctx.task.server === 'livedoc' ? await viewerAuthorizations(s.watchers) : undefined;
  // Distinct viewers create (PRIVATE) and write their own documents; else the writer does, PUBLIC.
  const ids = viewers ? await createOwnDocuments(url, viewers) : await createDocuments(url, ctx.writer, s.watchers);
  const perRequest = viewers ? 1 : (s.writesPerRequest ?? 1);
  const send =
    (tracker: DeliveryTracker): SendWrites =>
    (first, count, times) => {
      const requests: Promise<unknown>[] = [];
      for (let from = first; from < first + count; from += perRequest) {
        const size = Math.min(perRequest, first + count - from);
        const variables: Record<string, unknown> = {};
        for (let i = 0; i < size; i++) {
          tracker.markSent(from + i);
          const doc = (from + i) % s.watchers;
          if (size === 1) Object.assign(variables, { id: ids[doc], value: titleMarker(tracker.seqBase + from) });
          else Object.assign(variables, { [`id${i}`]: ids[doc], [`v${i}`]: titleMarker(tracker.seqBase + from + i) });
        }
        const writer = viewers?.[from % s.watchers] ?? ctx.writer.authorization;
        requests.push(timedWrite(times, url, size === 1 ? SET_TITLE : setTitles(size), variables, writer));
      }
      return requests;
    };
  const updates = s.rounds * s.writesPerRound;
  return measurePhase(
    {
      scenario: s,
      sockets: s.watchers,
      subscriptions: (socket) => [{ id: '1', query: DOCUMENT_LIVE, variables: { id: ids[socket] } }],
      connectionPayload: viewers && ((socket) => ({ authorization: viewers[socket] })),
      groupDocuments: ids,
      updates,
      expected: () => 1,
      fresh: { query: withoutLive(DOCUMENT_LIVE), variables: { id: ids[0] }, authorization: viewers?.[0] },
      settleMs: s.settleMs,
      drive: (tracker, deadline) => (s.sustainedMs ? driveSustained(s, tracker, send(tracker)) : driveRounds(s, tracker, deadline, send(tracker))),
    },
    ctx,
  );
}

/** True once writes `first … end - 1` reached their watcher. */
const deliveredAll = (tracker: DeliveryTracker, first: number, end: number) => () => {
  for (let u = first; u < end; u++) if (tracker.deliveredCount(u) < 1) return false;
  return true;
};

/** Rounds of `writesPerRound` writes, each round once the previous one reached every watcher, 100 ms apart. */
async function driveRounds(s: OwnDocScenario, tracker: DeliveryTracker, deadline: number, send: SendWrites): Promise<DriveOutcome> {
  const roundMs: number[] = [];
  const notes: string[] = [];
  const times: WriteTimes = [];
  let rounds = 0;
  for (let r = 0; r < s.rounds; r++) {
    if (performance.now() > deadline - DELIVERY_TIMEOUT_MS) {
      notes.push(`deadline: ran ${rounds} of ${s.rounds} rounds`);
      break;
    }
    const first = r * s.writesPerRound;
    const end = first + s.writesPerRound;
    const roundStart = performance.now();
    notes.push(...writeErrors(await Promise.allSettled(send(first, s.writesPerRound, times))));
    if (await waitUntil(deliveredAll(tracker, first, end), DELIVERY_TIMEOUT_MS, 2)) {
      let last = 0;
      for (let u = first; u < end; u++) last = Math.max(last, tracker.sentAt(u) + tracker.latency(u % s.watchers, u));
      roundMs.push(last - roundStart);
    } else {
      notes.push(`round ${r} incomplete`);
    }
    rounds++;
    await sleep(100);
  }
  return { cpuUnits: rounds, rounds, fanoutMs: distribution(roundMs), notes, writeMs: distribution(times) };
}

/** `inFlight` request loops writing for `sustainedMs`; then every acknowledged write must reach its watcher. */
async function driveSustained(s: OwnDocScenario, tracker: DeliveryTracker, send: SendWrites): Promise<DriveOutcome> {
  const perRequest = s.writesPerRequest ?? 1;
  const capacity = s.rounds * s.writesPerRound;
  const notes: string[] = [];
  const times: WriteTimes = [];
  let next = 0;
  let acknowledged = 0;
  const start = performance.now();
  const end = start + (s.sustainedMs ?? 0);
  const loop = async () => {
    while (performance.now() < end && next + perRequest <= capacity) {
      const first = next;
      next += perRequest;
      const [result] = await Promise.allSettled(send(first, perRequest, times));
      if (result?.status === 'fulfilled') acknowledged += perRequest;
      else notes.push(...writeErrors(result ? [result] : []));
    }
  };
  await Promise.all(Array.from({ length: s.inFlight ?? 4 }, loop));
  const seconds = (performance.now() - start) / 1000;
  if (next >= capacity) notes.push(`stopped at the ${capacity} writes the scenario has markers for`);
  if (!(await waitUntil(deliveredAll(tracker, 0, next), DELIVERY_TIMEOUT_MS, 5))) notes.push('not every acknowledged write reached its watcher');
  return { cpuUnits: acknowledged, rounds: null, notes: notes.slice(0, 5), writeMs: distribution(times), writesPerSecond: round(acknowledged / seconds) ?? 0 };
}
