/**
 * One storm, run inside the load generator: every client goes live on instance A (B's own watchers
 * on B first, in a warm case); then A gets SIGTERM, the outage's writes are made through C, and every
 * client reconnects to B and re-subscribes in the task's mode, until each holds a state equal to a
 * fresh query (read from C). B's CPU and what its clients received are measured from SIGTERM on.
 * Every wait is bounded by the task's timeouts.
 */
import { backoffDelay } from '../../client/backoff.js';
import { postGraphQL } from '../fanout/graphqlHttp.js';
import { openLiveSocket, type LiveSocket } from '../fanout/liveSocket.js';
import { DATASET_LIVE, DOCUMENT_LIVE, SET_ROW_VALUE, SET_TITLE, withoutLive } from '../fanout/operations.js';
import { writerFor, type Writer } from '../fanout/signIn.js';
import { runLimited, sleep } from '../fanout/stats.js';
import { withTimeout } from '../../test/support/waitFor.js';
import { readServer, type ServerReading } from './serverProbes.js';
import { createFreshResults, type FreshResults } from './sharedPayloads.js';
import { StormClient } from './stormClient.js';
import { stormResult, type StormTimes } from './stormFigures.js';
import type { QueryKind, StormResult, StormTask } from './types.js';

/** Problems kept verbatim (the rest are counted). */
const PROBLEMS_KEPT = 10;
/** Quiet time on A after every client is live, before SIGTERM. */
const CALM_MS = 2_000;

type Operations = Record<QueryKind, { query: string; variables: Record<string, unknown> }>;

/** Runs the storm of `task`; `log` reports progress. */
export async function runStorm(task: StormTask, log: (message: string) => void): Promise<StormResult> {
  const operations: Operations = {
    document: { query: DOCUMENT_LIVE, variables: { id: task.fixtures.documentId } },
    dataset: { query: DATASET_LIVE, variables: { id: task.fixtures.datasetId } },
  };
  const fresh = createFreshResults();
  const problems: string[] = [];
  let problemCount = 0;
  const problem = (message: string) => {
    problemCount++;
    if (problems.length < PROBLEMS_KEPT) problems.push(message);
  };
  const live = { count: 0, onAll: () => {} };
  const onLive = () => {
    if (++live.count === clients.length) live.onAll();
  };
  const client = (kind: QueryKind) =>
    new StormClient({ kind, ...operations[kind], mode: task.mode, fresh, problem, onLive });
  // Interleaved, so that neither kind connects (or reconnects) first as a block.
  const every = Math.max(1, Math.round(task.documentClients / Math.max(1, task.datasetClients)));
  const clients: StormClient[] = [];
  for (let d = 0, s = 0; d < task.documentClients || s < task.datasetClients;) {
    if (s < task.datasetClients && (d >= task.documentClients || d % every === 0)) {
      clients.push(client('dataset'));
      s++;
    }
    if (d < task.documentClients) {
      clients.push(client('document'));
      d++;
    }
  }
  const own: LiveSocket[] = [];
  try {
    await refreshFresh(task, operations, fresh);
    if (task.stormCase.warmB) own.push(...(await openOwnWatchers(task, operations)));
    const subscribeMs = await setUp(task, clients, fresh, log);
    await sleep(CALM_MS);
    const setup = {
      subscribeMs,
      withToken: clients.filter((c) => c.token !== undefined).length,
      maxTokenBytes: Math.max(0, ...clients.map((c) => (c.token === undefined ? 0 : Buffer.byteLength(c.token)))),
    };
    const writer = await writerFor('livedoc');
    const times = await storm(task, clients, live, { operations, fresh, writer, log });
    // Clients were stopped at the end of the window: what they hold is checked against the data as it is now.
    await refreshFresh(task, operations, fresh);
    return stormResult({ task, clients, setup, times, fresh, problems, problemCount });
  } finally {
    for (const c of clients) c.stop();
    for (const socket of own) socket.close();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Sets `fresh` to both queries' results, read from C over HTTP. */
async function refreshFresh(task: StormTask, operations: Operations, fresh: FreshResults): Promise<void> {
  for (const kind of ['document', 'dataset'] as const) {
    const { query, variables } = operations[kind];
    fresh.set(kind, await postGraphQL(task.cHttpUrl, withoutLive(query), variables));
  }
}

/** One watcher per query on B, so that B's groups exist before the storm. */
async function openOwnWatchers(task: StormTask, operations: Operations): Promise<LiveSocket[]> {
  const sockets: LiveSocket[] = [];
  for (const kind of ['document', 'dataset'] as const) {
    const socket = await openLiveSocket(task.bWsUrl, { onUpdate: () => {} });
    sockets.push(socket);
    await socket.subscribe('1', operations[kind].query, operations[kind].variables);
  }
  return sockets;
}

/** Every client live on A with a state equal to a fresh query; resolves with how long that took. */
async function setUp(
  task: StormTask,
  clients: readonly StormClient[],
  fresh: FreshResults,
  log: (message: string) => void,
): Promise<number> {
  const started = performance.now();
  const failures: string[] = [];
  const opening = runLimited(clients.length, task.setupConcurrency, async (i) => {
    try {
      await clients[i]!.connect(task.aWsUrl, task.setupTimeoutMs);
    } catch (error) {
      failures.push(`client ${i}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await withTimeout(opening, task.setupTimeoutMs, `${clients.length} clients to go live on A`);
  if (failures.length > 0)
    throw new Error(`${failures.length} clients did not go live on A: ${failures.slice(0, 3).join('; ')}`);
  const stale = clients.filter((c) => !fresh.equals(c.kind, c.state)).length;
  if (stale > 0) throw new Error(`${stale} clients on A hold a state other than a fresh query's`);
  const ms = performance.now() - started;
  log(`${clients.length} clients live on A in ${(ms / 1000).toFixed(1)} s`);
  return round(ms);
}

/** What the storm itself needs besides the task and the clients. */
interface StormContext {
  operations: Operations;
  fresh: FreshResults;
  writer: Writer;
  log(message: string): void;
}

/** SIGTERM to A, the outage's writes, the reconnects; resolves once every client is live again (or at the timeout) and B settled. */
async function storm(
  task: StormTask,
  clients: readonly StormClient[],
  live: { count: number; onAll: () => void },
  ctx: StormContext,
): Promise<StormTimes> {
  let atLive: ServerReading | undefined;
  const everyoneLive = new Promise<void>((resolve) => {
    live.onAll = () => {
      atLive = readServer(task.bPid);
      resolve();
    };
  });
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const delayMs = () => (task.reconnectDelay === 'client' ? backoffDelay(0) : 0);
  for (const c of clients) c.arm({ url: task.bWsUrl, gate, delayMs: delayMs(), maxAttempts: task.maxAttempts });

  const before = readServer(task.bPid);
  const generatorBefore = process.cpuUsage();
  const t0 = performance.now();
  process.kill(task.aPid, 'SIGTERM');
  let writesDone = t0;
  let outageEnd = t0;
  try {
    await writeDuringOutage(task, ctx.writer);
    writesDone = performance.now();
    // Read while B is still idle, so that this read is not part of B's storm. Without writes the
    // results read at setup stand.
    if (task.stormCase.writes > 0) await refreshFresh(task, ctx.operations, ctx.fresh);
    outageEnd = performance.now();
  } finally {
    // Clients reconnect once the outage is over (so that every one of them missed its writes).
    openGate();
  }
  ctx.log(
    `SIGTERM sent; outage writes made at +${Math.round(writesDone - t0)} ms, outage over at +${Math.round(outageEnd - t0)} ms`,
  );
  const left = task.stormTimeoutMs - (performance.now() - t0);
  await withTimeout(everyoneLive, Math.max(0, left), 'every client to be live again').catch(() => {
    ctx.log(`${clients.length - live.count} clients not live again within ${task.stormTimeoutMs} ms`);
  });
  await sleep(task.settleMs);
  const settled = readServer(task.bPid);
  const generator = process.cpuUsage(generatorBefore);
  // The counted window ends: nothing more is received or counted.
  for (const c of clients) c.stop();
  const allLiveAt =
    live.count === clients.length ? Math.max(...clients.map((c) => c.figures.liveAt ?? Infinity)) : undefined;
  return {
    t0,
    writesDone,
    outageEnd,
    allLiveAt,
    before,
    atLive,
    settled,
    generatorCpuMs: Math.round((generator.user + generator.system) / 1000),
  };
}

/** The outage's writes, through C: the document's title and a row's value, alternately. */
async function writeDuringOutage(task: StormTask, writer: Writer): Promise<void> {
  const { fixtures, writeSeed } = task;
  for (let i = 0; i < task.stormCase.writes; i++) {
    if (i % 2 === 0) {
      await postGraphQL(
        task.cHttpUrl,
        SET_TITLE,
        { id: fixtures.documentId, value: `storm ${writeSeed}.${i}` },
        writer.authorization,
      );
    } else {
      await postGraphQL(
        task.cHttpUrl,
        SET_ROW_VALUE,
        { id: fixtures.rowId, value: 200_000 + writeSeed * 100 + i },
        writer.authorization,
      );
    }
  }
}
