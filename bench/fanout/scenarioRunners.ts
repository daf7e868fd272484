/**
 * The five scenario kinds as {@link PhasePlan}s: their data, their subscriptions and their update
 * loop. On livedoc the writer is signed in (signIn.ts); sockets sign in only where the scenario has
 * distinct viewers.
 */
import { appendSections, createDataset, createDocuments } from './fixtures.js';
import { measurePhase, type PhaseContext } from './measurePhase.js';
import { runOwnDoc } from './ownDocRunner.js';
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
import { viewerAuthorizations } from './signIn.js';
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
import { DELIVERY_TIMEOUT_MS, closedLoop, timedWrite, writeErrors, type WriteTimes } from './updateLoops.js';

/** Distinct viewers' `Bearer <jwt>`, one per socket, when the scenario signs sockets in (livedoc only). */
async function socketViewers(s: OneDocScenario | OwnDocScenario, ctx: PhaseContext): Promise<string[] | undefined> {
  return s.viewers === 'distinct' && ctx.task.server === 'livedoc' ? viewerAuthorizations(s.watchers) : undefined;
}

/** The `connection_init` payloads that sign socket i in as viewer i. */
function signedIn(viewers: readonly string[] | undefined): ((socket: number) => Record<string, unknown>) | undefined {
  return viewers && ((socket) => ({ authorization: viewers[socket] }));
}

async function runOneDoc(s: OneDocScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const url = ctx.task.httpUrl;
  const { writer } = ctx;
  const [id] = await createDocuments(url, writer, 1);
  const viewers = await socketViewers(s, ctx);
  const perSocket = s.watchersPerSocket ?? 1;
  const subscriptions = Array.from({ length: perSocket }, (_, k) => ({ id: String(k + 1), query: DOCUMENT_LIVE, variables: { id } }));
  return measurePhase(
    {
      scenario: s,
      sockets: Math.ceil(s.watchers / perSocket),
      watchersPerSocket: perSocket,
      subscriptions: () => subscriptions,
      connectionPayload: signedIn(viewers),
      groupDocuments: [id!],
      updates: s.updates,
      expected: () => s.watchers,
      fresh: { query: withoutLive(DOCUMENT_LIVE), variables: { id }, authorization: viewers?.[0] },
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
          writes.push(timedWrite(times, url, SET_TITLE, { id, value: titleMarker(tracker.seqBase + u) }, writer.authorization));
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

async function runDataset(s: DatasetScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const url = ctx.task.httpUrl;
  const dataset = await createDataset(url, ctx.writer, s.rows);
  // A row in the watched window (the first 1,000 rows): each update patches it and the summary.
  const rowId = dataset.rowIds[Math.min(500, Math.floor(s.rows / 2))];
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
          timedWrite(times, url, SET_ROW_VALUE, { id: rowId, value: numberMarker(tracker.seqBase + u) }, ctx.writer.authorization),
        ),
    },
    ctx,
  );
}

async function runIdle(s: IdleScenario, ctx: PhaseContext): Promise<ScenarioResult> {
  const ids = await createDocuments(ctx.task.httpUrl, ctx.writer, s.liveQueries);
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
  const [id] = await createDocuments(url, ctx.writer, 1);
  await appendSections(url, ctx.writer, id!, s.sections);
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
          timedWrite(times, url, INSERT_HEAD, { id, value: titleMarker(tracker.seqBase + u) }, ctx.writer.authorization),
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
