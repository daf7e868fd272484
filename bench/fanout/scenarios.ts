/**
 * The scenarios of issue 5 (and, on livedoc alone, issue 12's viewer rows and issue 14's SSE rows)
 * and how they are grouped into server processes. A full run gives every
 * fan-out or memory scenario a fresh process; `--quick` (under 2 minutes) runs everything in one
 * process per server and sends fewer updates.
 */
import type { OneDocScenario, OwnDocScenario, Scenario, Session } from './types.js';

/** Scenario names, used as keys by the report. */
export const NAMES = {
  fanout100: 'one-doc-100-watchers',
  fanout1000: 'one-doc-1000-watchers',
  fanout5000: 'one-doc-5000-watchers',
  /** 10,000 sockets of 2 live queries each (a process here holds at most 20,000 descriptors); livedoc and raw. */
  fanout20000: 'one-doc-20000-watchers',
  ownDoc: 'own-doc-1000-watchers',
  dataset: (rows: number) => `dataset-${rows}-rows`,
  idle: 'idle-5000-live-queries',
  insertHead: 'insert-head-30-sections',
  /** Like fanout5000, each socket signed in as its own viewer: compared with it, not with the peers. */
  viewers5000: 'one-doc-5000-viewers',
  /** Like ownDoc, each viewer watching and writing its own PRIVATE document. */
  ownPrivate: 'own-private-doc-1000-viewers',
  /** Like fanout1000 and fanout5000, each watcher live over SSE (its own HTTP connection): compared with them. */
  sse1000: 'one-doc-1000-watchers-sse',
  sse5000: 'one-doc-5000-watchers-sse',
} as const;

/** The sessions of a run. */
export function buildSessions(quick: boolean): Session[] {
  const settleMs = quick ? 600 : 2_000;
  const fanout100: Scenario = { kind: 'oneDoc', name: NAMES.fanout100, watchers: 100, updates: quick ? 20 : 100, intervalMs: 100, settleMs };
  const fanout1000: OneDocScenario = { kind: 'oneDoc', name: NAMES.fanout1000, watchers: 1_000, updates: quick ? 5 : 40, intervalMs: 500, settleMs };
  const fanout5000: OneDocScenario = { kind: 'oneDoc', name: NAMES.fanout5000, watchers: 5_000, updates: quick ? 3 : 20, intervalMs: 2_000, settleMs };
  // The peer would spend ~1.6 s per update here (405 ms at 5,000): the target is against the floor.
  const fanout20000: OneDocScenario = {
    ...fanout5000,
    name: NAMES.fanout20000,
    watchers: 20_000,
    watchersPerSocket: 2,
    intervalMs: 3_000,
    servers: ['livedoc', 'raw'],
  };
  const ownDoc: OwnDocScenario = { kind: 'ownDoc', name: NAMES.ownDoc, watchers: 1_000, rounds: quick ? 2 : 10, writesPerRound: 100, settleMs };
  // The peer and the raw floor have no viewers: these run on livedoc alone, against the rows above.
  const viewers5000: OneDocScenario = { ...fanout5000, name: NAMES.viewers5000, viewers: 'distinct', servers: ['livedoc'] };
  const ownPrivate: OwnDocScenario = { ...ownDoc, name: NAMES.ownPrivate, viewers: 'distinct', servers: ['livedoc'] };
  // The peer and the raw floor have no SSE either: livedoc alone, against its graphql-ws rows.
  const sse1000: OneDocScenario = { ...fanout1000, name: NAMES.sse1000, transport: 'sse', servers: ['livedoc'] };
  const sse5000: OneDocScenario = { ...fanout5000, name: NAMES.sse5000, transport: 'sse', servers: ['livedoc'] };
  const datasets: Scenario[] = (quick ? [100, 10_000] : [100, 1_000, 10_000]).map((rows) => ({
    kind: 'dataset',
    name: NAMES.dataset(rows),
    rows,
    watchers: 10,
    updates: quick ? 4 : 20,
    settleMs: quick ? 300 : 1_000,
  }));
  const idle: Scenario = { kind: 'idle', name: NAMES.idle, liveQueries: 5_000, sockets: 100, settleMs: quick ? 1_000 : 4_000 };
  const insertHead: Scenario = {
    kind: 'insertHead',
    name: NAMES.insertHead,
    sections: 30,
    watchers: 10,
    inserts: quick ? 2 : 5,
    settleMs: quick ? 300 : 1_000,
    servers: ['livedoc', 'peer'],
  };
  if (quick) {
    // One process per server for everything: memory readings follow a forced GC, so sharing is tolerable.
    // Not the 20,000-watcher row: it adds ~40 s, and behind the other rows' heap it measures their GC too.
    return [
      {
        name: 'quick',
        scenarios: [fanout100, fanout1000, sse1000, ownDoc, ownPrivate, ...datasets, insertHead, fanout5000, sse5000, viewers5000, idle],
      },
    ];
  }
  return [
    { name: 'fanout-100', scenarios: [fanout100] },
    { name: 'fanout-1000', scenarios: [fanout1000] },
    { name: 'fanout-5000', scenarios: [fanout5000] },
    { name: 'fanout-20000', scenarios: [fanout20000] },
    { name: 'fanout-5000-viewers', scenarios: [viewers5000] },
    { name: 'fanout-1000-sse', scenarios: [sse1000] },
    { name: 'fanout-5000-sse', scenarios: [sse5000] },
    { name: 'own-doc-1000', scenarios: [ownDoc] },
    { name: 'own-private-doc-1000', scenarios: [ownPrivate] },
    { name: 'datasets', scenarios: datasets },
    { name: 'idle-5000', scenarios: [idle] },
    { name: 'insert-head', scenarios: [insertHead] },
  ];
}

/**
 * The session `--profile` runs: livedoc alone, its update phase profiled, in the scenarios whose
 * targets are hardest: 100 watchers at 100 ms (latency), 5,000 and 20,000 watchers on one document, 1,000 on
 * their own documents, a 10,000-row dataset.
 */
export function profileSession(cpuProfileDir: string, quick: boolean): Session {
  const servers = ['livedoc'] as const;
  return {
    name: 'profile',
    cpuProfileDir,
    scenarios: [
      { kind: 'oneDoc', name: NAMES.fanout100, watchers: 100, updates: quick ? 20 : 100, intervalMs: 100, settleMs: 600, servers },
      { kind: 'oneDoc', name: NAMES.fanout5000, watchers: 5_000, updates: quick ? 5 : 20, intervalMs: 2_000, settleMs: 1_000, servers },
      { kind: 'oneDoc', name: NAMES.fanout20000, watchers: 20_000, watchersPerSocket: 2, updates: quick ? 5 : 20, intervalMs: 3_000, settleMs: 1_000, servers },
      { kind: 'ownDoc', name: NAMES.ownDoc, watchers: 1_000, rounds: quick ? 3 : 10, writesPerRound: 100, settleMs: 1_000, servers },
      { kind: 'dataset', name: NAMES.dataset(10_000), rows: 10_000, watchers: 10, updates: quick ? 5 : 20, settleMs: 500, servers },
    ],
  };
}
