/** The five scenario kinds as {@link PhasePlan}s: their data, their subscriptions and their update loop. */
import type { DeliveryTracker } from './deliveryTracker.js';
import { appendSections, createDataset, createDocuments } from './fixtures.js';
import { postGraphQL } from './graphqlHttp.js';
import { measurePhase, type DriveOutcome, type PhaseContext } from './measurePhase.js';
import {
  DATASET_LIVE,
  DOCUMENT_LIVE,
  DOCUMENT_SECTIONS_LIVE,
  INSERT_HEAD,
  SET_ROW_VALUE,
  SET_TITLE,
  numberMarker,
  titleMarker,
  withoutLive,
} from './operations.js';
import { distribution, sleep, waitUntil } from './stats.js';
import type {
  DatasetScenario,
  IdleScenario,
  InsertHeadScenario,
  OneDocScenario,
  OwnDocScenario,
  Scenario,
  ScenarioResult,
} from './types.js';

/** Longest wait for one update (or round) to reach every client. */
const DELIVERY_TIMEOUT_MS = 30_000;

/** Round-trip times of the writer's mutations (send → HTTP response), in ms. */
type WriteTimes = number[];

/** POSTs an update mutation and records its round trip in `times`. */
async function timedWrite(times: WriteTimes, url: string, query: string, variables: Record<string, unknown>): Promise<void> {
  const sent = performance.now();
  await postGraphQL(url, query, variables);
  times.push(performance.now() - sent);
}

/** Counts failed writes and keeps the first messages. */
function writeErrors(results: PromiseSettledResult<unknown>[]): string[] {
  return results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .slice(0, 3)
    .map((r) => `write failed: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
}

/**
 * Sends `count` updates one after the other, each once the previous reached all `clients` (then
 * `gapMs` of quiet), so each update is measured alone.
 */
async function closedLoop(
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

async function runOneDoc(s: OneDocScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const url = ctx.task.httpUrl;
  const [id] = await createDocuments(url, 1);
  return measurePhase(
    {
      scenario: s,
      sockets: s.watchers,
      subscriptions: () => [{ id: '1', query: DOCUMENT_LIVE, variables: { id } }],
      updates: s.updates,
      expected: () => s.watchers,
      fresh: { query: withoutLive(DOCUMENT_LIVE), variables: { id } },
      settleMs: s.settleMs,
      async drive(tracker, deadline) {
        // Open loop: one update every intervalMs whether or not the previous one arrived everywhere.
        const writes: Promise<unknown>[] = [];
        const notes: string[] = [];
        const times: WriteTimes = [];
        const start = performance.now();
        let sent = 0;
        for (let u = 0; u < s.updates; u++) {
          const wait = start + u * s.intervalMs - performance.now();
          if (wait > 0) await sleep(wait);
          if (performance.now() > deadline - DELIVERY_TIMEOUT_MS) {
            notes.push(`deadline: sent ${sent} of ${s.updates} updates`);
            break;
          }
          tracker.markSent(u);
          writes.push(timedWrite(times, url, SET_TITLE, { id, value: titleMarker(tracker.seqBase + u) }));
          sent++;
        }
        notes.push(...writeErrors(await Promise.allSettled(writes)));
        // Updates may be coalesced, never dropped: the last one must reach everybody.
        if (sent > 0 && !(await waitUntil(() => tracker.deliveredCount(sent - 1) >= s.watchers, DELIVERY_TIMEOUT_MS))) {
          notes.push(`last update reached ${tracker.deliveredCount(sent - 1)}/${s.watchers} clients`);
        }
        return { cpuUnits: sent, rounds: null, notes, writeMs: distribution(times) };
      },
    },
    ctx,
  );
}

async function runOwnDoc(s: OwnDocScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const url = ctx.task.httpUrl;
  const ids = await createDocuments(url, s.watchers);
  const updates = s.rounds * s.writesPerRound;
  return measurePhase(
    {
      scenario: s,
      sockets: s.watchers,
      subscriptions: (socket) => [{ id: '1', query: DOCUMENT_LIVE, variables: { id: ids[socket] } }],
      updates,
      expected: () => 1,
      fresh: { query: withoutLive(DOCUMENT_LIVE), variables: { id: ids[0] } },
      settleMs: s.settleMs,
      async drive(tracker, deadline) {
        // Update u writes document u mod watchers, which only client u mod watchers watches.
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
          const roundStart = performance.now();
          const writes: Promise<unknown>[] = [];
          for (let u = first; u < first + s.writesPerRound; u++) {
            tracker.markSent(u);
            writes.push(timedWrite(times, url, SET_TITLE, { id: ids[u % s.watchers], value: titleMarker(tracker.seqBase + u) }));
          }
          notes.push(...writeErrors(await Promise.allSettled(writes)));
          const done = () => {
            for (let u = first; u < first + s.writesPerRound; u++) if (tracker.deliveredCount(u) < 1) return false;
            return true;
          };
          if (await waitUntil(done, DELIVERY_TIMEOUT_MS, 2)) {
            let last = 0;
            for (let u = first; u < first + s.writesPerRound; u++) {
              last = Math.max(last, tracker.sentAt(u) + tracker.latency(u % s.watchers, u));
            }
            roundMs.push(last - roundStart);
          } else {
            notes.push(`round ${r} incomplete`);
          }
          rounds++;
          await sleep(100);
        }
        return { cpuUnits: rounds, rounds, fanoutMs: distribution(roundMs), notes, writeMs: distribution(times) };
      },
    },
    ctx,
  );
}

async function runDataset(s: DatasetScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const url = ctx.task.httpUrl;
  const dataset = await createDataset(url, s.rows);
  const rowId = dataset.rowIds[Math.floor(s.rows / 2)];
  return measurePhase(
    {
      scenario: s,
      sockets: s.watchers,
      subscriptions: () => [{ id: '1', query: DATASET_LIVE, variables: { id: dataset.id } }],
      updates: s.updates,
      expected: () => s.watchers,
      fresh: { query: withoutLive(DATASET_LIVE), variables: { id: dataset.id } },
      settleMs: s.settleMs,
      drive: (tracker, deadline) =>
        closedLoop(tracker, s.updates, s.watchers, deadline, (u, times) =>
          timedWrite(times, url, SET_ROW_VALUE, { id: rowId, value: numberMarker(tracker.seqBase + u) }),
        ),
    },
    ctx,
  );
}

async function runIdle(s: IdleScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const ids = await createDocuments(ctx.task.httpUrl, s.liveQueries);
  const perSocket = Math.ceil(s.liveQueries / s.sockets);
  return measurePhase(
    {
      scenario: s,
      sockets: s.sockets,
      subscriptions: (socket) => {
        const plans = [];
        for (let i = 0; i < perSocket && socket * perSocket + i < s.liveQueries; i++) {
          plans.push({ id: String(i + 1), query: DOCUMENT_LIVE, variables: { id: ids[socket * perSocket + i] } });
        }
        return plans;
      },
      updates: 0,
      expected: () => 0,
      fresh: { query: withoutLive(DOCUMENT_LIVE), variables: { id: ids[0] } },
      settleMs: s.settleMs,
      drive: () => Promise.resolve({ cpuUnits: 0, rounds: null }),
    },
    ctx,
  );
}

async function runInsertHead(s: InsertHeadScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const url = ctx.task.httpUrl;
  const [id] = await createDocuments(url, 1);
  await appendSections(url, id!, s.sections);
  return measurePhase(
    {
      scenario: s,
      sockets: s.watchers,
      subscriptions: () => [{ id: '1', query: DOCUMENT_SECTIONS_LIVE, variables: { id } }],
      updates: s.inserts,
      expected: () => s.watchers,
      fresh: { query: withoutLive(DOCUMENT_SECTIONS_LIVE), variables: { id } },
      settleMs: s.settleMs,
      drive: (tracker, deadline) =>
        closedLoop(tracker, s.inserts, s.watchers, deadline, (u, times) =>
          timedWrite(times, url, INSERT_HEAD, { id, value: titleMarker(tracker.seqBase + u) }),
        ),
    },
    ctx,
  );
}

/** Runs `scenario` against the context's server. */
export function runScenario(scenario: Scenario, ctx: PhaseContext): Promise<ScenarioResult> {
  switch (scenario.kind) {
    case 'oneDoc':
      return runOneDoc(scenario, ctx);
    case 'ownDoc':
      return runOwnDoc(scenario, ctx);
    case 'dataset':
      return runDataset(scenario, ctx);
    case 'idle':
      return runIdle(scenario, ctx);
    case 'insertHead':
      return runInsertHead(scenario, ctx);
  }
}

/** How many markers a scenario uses (to give each scenario of a session its own seq range). */
export function markerCount(scenario: Scenario): number {
  switch (scenario.kind) {
    case 'oneDoc':
      return scenario.updates;
    case 'ownDoc':
      return scenario.rounds * scenario.writesPerRound;
    case 'dataset':
      return scenario.updates;
    case 'idle':
      return 0;
    case 'insertHead':
      return scenario.inserts;
  }
}
