/**
 * A subscription storm: thousands of sockets connect and subscribe at once to distinct live queries.
 * Every one must get `connection_ack` within the 3 s init window and its first result, while a client
 * that was live before the storm keeps getting its updates and pongs in time (the scheduler runs
 * first executions in bounded slices and re-runs of live groups first: server/live/scheduler.ts).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { initMessage, messageText, mutate } from '../support/clients.js';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.js';
import { waitFor, withTimeout } from '../support/waitFor.js';

const SOCKETS = 5_000;
/** Live queries of real documents among them (the rest watch ids that do not exist: null results). */
const REAL_DOCUMENTS = 200;
/** The client ends of the sockets are in this process, the server's in its own (with the same limit). */
const FILES_NEEDED = SOCKETS + 1_000;
/**
 * Sockets in their TCP and HTTP handshake at once: beyond the listen backlog (511) the kernel drops
 * SYNs, which clients retry only seconds later. Every opened socket sends connection_init at once.
 */
const CONNECTING = 400;
/** The second storm: fewer sockets, each subscribing to many live queries in one burst (as a page of many would). */
const BURST_SOCKETS = 200;
const BURST_QUERIES = 50;
const STORM_DEADLINE_MS = 45_000;
/**
 * How late a connection_ack, a pong or an update of the client that was live before the storm may be:
 * within the 3 s init window, which is the contract (no 4408). Typically 0.1–0.7 s alone; the suite
 * runs other files beside this one on two cores.
 */
const LIVE_BOUND_MS = 2_900;

const DOC = 'query Doc($id: ID!) @live { document(id: $id) { id title } }';

/** The soft limit on open files of this process (Linux), or undefined where it cannot be read. */
function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}

const fileLimit = openFileLimit();
const enoughFiles = fileLimit === undefined || fileLimit >= FILES_NEEDED;
if (!enoughFiles) console.warn(`storm.test.ts skipped: ulimit -n is ${fileLimit}, the storm needs ${FILES_NEEDED} open files`);

/** What became of one storm socket. */
interface Outcome {
  /** From the socket's open to its connection_ack. */
  initToAckMs?: number;
  /** From the storm's start to the last first result of its subscriptions. */
  firstMs?: number;
  closeCode?: number;
  error?: string;
}

/**
 * Opens a raw graphql-transport-ws socket that sends `init`, subscribes to each of `docIds` once
 * acknowledged, and settles on the first `next` of every one (or its close or error). Calls
 * `onOpen` once, when open or failed; `sockets` keeps it for cleanup.
 */
function stormSocket(url: string, init: string, docIds: readonly string[], start: number, sockets: WebSocket[], onOpen: () => void): Promise<Outcome> {
  const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
  sockets.push(socket);
  const outcome: Outcome = {};
  let openedAt = 0;
  const waiting = new Set(docIds.map((_, i) => String(i)));
  return new Promise((resolve) => {
    socket.once('open', onOpen);
    socket.once('error', onOpen);
    socket.on('open', () => {
      openedAt = performance.now();
      socket.send(init);
    });
    socket.on('error', (error) => {
      outcome.error = error.message;
      resolve(outcome);
    });
    socket.on('close', (code) => {
      outcome.closeCode = code;
      resolve(outcome);
    });
    socket.on('message', (data) => {
      const message = JSON.parse(messageText(data)) as { type: string; id?: string };
      if (message.type === 'connection_ack') {
        outcome.initToAckMs = performance.now() - openedAt;
        docIds.forEach((id, i) => socket.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query: DOC, variables: { id } } })));
      } else if (message.type === 'next' && waiting.delete(message.id ?? '') && waiting.size === 0) {
        outcome.firstMs = performance.now() - start;
        resolve(outcome);
      } else if (message.type === 'ping') socket.send('{"type":"pong"}');
    });
  });
}

/** A client live before the storm: pings every `everyMs`, and notes pong round trips and updates. */
interface Watcher {
  readonly pongs: number[];
  readonly updates: { at: number; title: string }[];
  stop(): void;
}

async function watch(url: string, docId: string, everyMs: number, sockets: WebSocket[]): Promise<Watcher> {
  const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
  sockets.push(socket);
  const pongs: number[] = [];
  const updates: { at: number; title: string }[] = [];
  let pingSentAt = 0;
  let first: () => void = () => {};
  const live = new Promise<void>((resolve) => (first = resolve));
  const init = await initMessage();
  socket.on('open', () => socket.send(init));
  socket.on('message', (data) => {
    const message = JSON.parse(messageText(data)) as { type: string; payload?: { data?: { document: { title: string } }; patch?: { value: string }[] } };
    if (message.type === 'connection_ack') {
      socket.send(JSON.stringify({ id: 'w', type: 'subscribe', payload: { query: DOC, variables: { id: docId } } }));
    } else if (message.type === 'pong') {
      pongs.push(performance.now() - pingSentAt);
      pingSentAt = 0;
    } else if (message.type === 'next') {
      const title = message.payload?.data?.document.title ?? message.payload?.patch?.[0]?.value ?? '';
      updates.push({ at: performance.now(), title });
      first();
    }
  });
  await withTimeout(live, 15_000, 'the watcher to be live');
  const timer = setInterval(() => {
    if (pingSentAt !== 0 || socket.readyState !== WebSocket.OPEN) return; // one ping in flight at a time
    pingSentAt = performance.now();
    socket.send('{"type":"ping"}');
  }, everyMs);
  return {
    pongs,
    updates,
    stop() {
      clearInterval(timer);
      // A ping still unanswered counts with its wait so far: a stall at the end shows too.
      if (pingSentAt !== 0) pongs.push(performance.now() - pingSentAt);
    },
  };
}

let server: ServerProcess | undefined;
const sockets: WebSocket[] = [];
const docIds: string[] = [];

beforeAll(async () => {
  if (!enoughFiles) return;
  // Its own process, as in production: the storm's clients do not share the server's event loop.
  server = await startServerProcess({ MAX_SOCKETS_PER_VIEWER: '100000', MUTATION_RATE: '1000000', MUTATION_BURST: '1000000', LOG_LEVEL: 'warn' });
  for (let i = 0; i < REAL_DOCUMENTS + 1; i++) {
    const data = await mutate(server.httpUrl, 'mutation($t: String!) { createDocument(input: { title: $t }) { id } }', { t: `Storm ${i}` });
    docIds.push((data.createDocument as { id: string }).id);
  }
}, 90_000);
afterEach(() => {
  for (const s of sockets.splice(0)) s.terminate();
});
afterAll(async () => {
  await server?.stop();
}, 30_000);

/** What a storm measured. */
interface StormReport {
  results: Outcome[];
  elapsedMs: number;
  maxInitToAckMs: number;
  /** Of this (client) process: the server runs in its own. */
  maxClientLoopDelayMs: number;
  pongs: number[];
  writeLatencies: number[];
}

const maxOf = (values: readonly number[]) => Math.round(Math.max(0, ...values));

/**
 * Opens `sockets` sockets (at most {@link CONNECTING} in their handshake), each subscribing to the
 * documents `docsOf(i)` once acknowledged, while a client live before the storm pings every 50 ms
 * and its document is written again as soon as each update arrives. Resolves when every socket got
 * its first results or ended.
 */
async function storm(count: number, docsOf: (i: number) => string[]): Promise<StormReport> {
  const { wsUrl: url, httpUrl: http } = server!;
  const watched = docIds[REAL_DOCUMENTS]!;
  const watcher = await watch(url, watched, 50, sockets);
  const init = await initMessage();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.now();
  const outcomes: Promise<Outcome>[] = [];
  const launchNext = (): void => {
    if (outcomes.length === count) return;
    let opened = false;
    const onOpen = () => {
      if (opened) return;
      opened = true;
      launchNext();
    };
    outcomes.push(stormSocket(url, init, docsOf(outcomes.length), start, sockets, onOpen));
  };
  for (let k = 0; k < CONNECTING; k++) launchNext();
  const storm = { on: true };
  const all = waitFor(() => outcomes.length === count, STORM_DEADLINE_MS, 'every socket to open')
    .then(() => Promise.all(outcomes))
    .finally(() => (storm.on = false));
  // Meanwhile the watched document changes: each update must reach the watcher in time.
  const writeLatencies: number[] = [];
  const writes = (async () => {
    for (let n = 1; storm.on && n <= 1_000; n++) {
      const title = `Write ${n}`;
      const sentAt = performance.now();
      await mutate(http, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id: watched, t: title });
      const update = await waitFor(() => watcher.updates.find((u) => u.title === title), 10_000, `the update "${title}"`);
      writeLatencies.push(update.at - sentAt);
    }
  })();
  try {
    const results = await withTimeout(all, STORM_DEADLINE_MS, `${count} sockets to get their first results`);
    const elapsedMs = performance.now() - start;
    await writes;
    return {
      results,
      elapsedMs,
      maxInitToAckMs: maxOf(results.map((r) => r.initToAckMs ?? 0)),
      maxClientLoopDelayMs: Math.round(delay.max / 1e6),
      pongs: watcher.pongs,
      writeLatencies,
    };
  } finally {
    storm.on = false;
    void writes.catch(() => undefined); // awaited above unless the storm failed: its failure is the one to report
    watcher.stop();
    delay.disable();
  }
}

/** Checks a storm's outcome and prints its figures. */
function expectServed(name: string, report: StormReport): void {
  const { results, pongs, writeLatencies } = report;
  console.info(
    `${name}: every first result in ${Math.round(report.elapsedMs)} ms; slowest connection_ack ${report.maxInitToAckMs} ms after open; ` +
      `max event-loop delay of the clients' process ${report.maxClientLoopDelayMs} ms; live client: ${pongs.length} pongs ` +
      `(slowest ${maxOf(pongs)} ms), ${writeLatencies.length} updates (slowest ${maxOf(writeLatencies)} ms from write to update)`,
  );
  expect(results.filter((r) => r.closeCode === 4408)).toEqual([]);
  expect(results.filter((r) => r.firstMs === undefined).slice(0, 3)).toEqual([]);
  expect(report.maxInitToAckMs).toBeLessThan(LIVE_BOUND_MS);
  expect(writeLatencies.length).toBeGreaterThan(0);
  expect(maxOf(writeLatencies)).toBeLessThan(LIVE_BOUND_MS);
  expect(pongs.length).toBeGreaterThan(0);
  expect(maxOf(pongs)).toBeLessThan(LIVE_BOUND_MS);
}

describe.skipIf(!enoughFiles)('a subscription storm', () => {
  it(`${SOCKETS} sockets subscribing at once each to its own live query: all acknowledged and answered, a live client keeps its updates`, async () => {
    const report = await storm(SOCKETS, (i) => [i < REAL_DOCUMENTS ? docIds[i]! : `d${i}`]);
    expectServed(`${SOCKETS} sockets × 1`, report);
  }, 60_000);

  it(`${BURST_SOCKETS} sockets × ${BURST_QUERIES} live queries sent at once: the same`, async () => {
    const report = await storm(BURST_SOCKETS, (i) => Array.from({ length: BURST_QUERIES }, (_, k) => `b${i}-${k}`));
    expectServed(`${BURST_SOCKETS} sockets × ${BURST_QUERIES}`, report);
  }, 60_000);
});
