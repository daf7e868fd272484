/**
 * Idle live queries at scale, for bench/memoryAtRest.ts: a new compiled server (PGlite, no sample
 * data, the load generator's limits), `queries` live queries, each its own group, 100 per socket;
 * RSS and JS heap after forced garbage collections: before, with the sockets open (acknowledged, no
 * live query yet), and with every live query subscribed.
 *
 * Creating a document through the API takes milliseconds, so 100,000 of them would take minutes:
 * each document is watched by 100 live queries that differ in the alias of their root field alone
 * (100 query texts, each parsed once and shared by its groups), so every live query is still its own
 * group with its own execution, result, tracking and index entries, on variables `{id}` as in the
 * fan-out bench's idle scenario (where each live query has a document of its own; here one
 * `Document:<id>` index entry holds 100 groups).
 */
import { COMPILED_SERVER_ENTRY, startServerProcess } from '../test/support/serverProcess.js';
import { LOAD_GENERATOR_LIMITS } from './loadGeneratorLimits.js';
import { createDocuments } from './fanout/fixtures.js';
import { openFleet } from './fanout/fleet.js';
import { collectGarbage } from './fanout/inspector.js';
import { writerFor } from './fanout/signIn.js';
import { runLimited } from './fanout/stats.js';

/** Live queries per socket, and per document (one throttle each). */
export const PER_SOCKET = 100;

/** The query of alias `k`: the fan-out bench's DOCUMENT_LIVE, its root field named `dk`. */
const queryOf = (k: number): string => `query Doc($id: ID!) @live {
  d${k}: document(id: $id) { id title revision updatedAt sections { id heading } }
}`;

/** What one scale step measured. */
export interface IdleScale {
  queries: number;
  subscribed: number;
  sockets: number;
  subscribeMs: number;
  /** RSS and JS heap after forced GCs, in bytes: idle, with the sockets open, and with the live queries too. */
  rss: { idle: number; sockets: number; loaded: number };
  heap: { idle: number; sockets: number; loaded: number };
  failures: string[];
}

/** Reads the server's RSS (bytes) once it has settled after a forced GC, and its heap after that GC. */
export type SettledReading = (pid: number, inspectorUrl: string) => Promise<{ rss: number; heap: number }>;

/** Subscribes `queries` idle live queries on a new server and measures it before and after. */
export async function idleAtScale(queries: number, read: SettledReading, log: (line: string) => void): Promise<IdleScale> {
  const server = await startServerProcess({ NODE_ENV: 'production', LOG_LEVEL: 'warn', ...LOAD_GENERATOR_LIMITS }, 120_000, {
    entry: COMPILED_SERVER_ENTRY,
    nodeArgs: ['--inspect=127.0.0.1:0'],
    stderr: 'capture',
  });
  try {
    const inspectorUrl = server.inspectorUrl();
    if (!inspectorUrl) throw new Error('the server did not print its inspector URL');
    const documents = Math.ceil(queries / PER_SOCKET);
    const ids = await createDocuments(server.httpUrl, await writerFor('livedoc'), documents);
    const idle = await read(server.pid, inspectorUrl);
    const sockets = Math.ceil(queries / PER_SOCKET);
    const texts = Array.from({ length: PER_SOCKET }, (_, k) => queryOf(k));
    log(`  ${queries} live queries: ${documents} documents made, subscribing on ${sockets} sockets`);
    const fleet = await openFleet({
      transport: 'ws',
      wsUrl: server.wsUrl,
      httpUrl: server.httpUrl,
      sockets,
      concurrency: 16,
      timeoutMs: 5 * 60_000,
      subscriptions: () => [],
      listener: () => ({ onUpdate: () => {} }),
    });
    const withSockets = await read(server.pid, inspectorUrl);
    // Subscription n watches document n mod D under alias ⌊n / D⌋: distinct groups, each socket's on distinct documents.
    let subscribed = 0;
    const failures = [...fleet.failures];
    const started = performance.now();
    await runLimited(fleet.sockets.length, 16, async (socket) => {
      const plans = Array.from({ length: Math.min(PER_SOCKET, queries - socket * PER_SOCKET) }, (_, i) => socket * PER_SOCKET + i);
      const results = await Promise.allSettled(
        plans.map((n, i) => fleet.sockets[socket]!.subscribe(String(i + 1), texts[Math.floor(n / documents)]!, { id: ids[n % documents] })),
      );
      for (const result of results) {
        if (result.status === 'fulfilled') subscribed++;
        else if (failures.length < 5) failures.push(String(result.reason));
      }
    });
    const subscribeMs = performance.now() - started;
    log(`  subscribed ${subscribed}/${queries} in ${(subscribeMs / 1000).toFixed(1)} s`);
    const loaded = await read(server.pid, inspectorUrl);
    await fleet.close();
    return {
      queries,
      subscribed,
      sockets: fleet.sockets.length,
      subscribeMs,
      rss: { idle: idle.rss, sockets: withSockets.rss, loaded: loaded.rss },
      heap: { idle: idle.heap, sockets: withSockets.heap, loaded: loaded.heap },
      failures,
    };
  } finally {
    await server.stop();
  }
}

/** Forces full GCs in the server, then reads its settled RSS. */
export function gcThenRead(settledBytes: (pid: number) => Promise<number>): SettledReading {
  return async (pid, inspectorUrl) => {
    const heap = await collectGarbage(inspectorUrl);
    return { heap, rss: await settledBytes(pid) };
  };
}
