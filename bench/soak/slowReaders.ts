/**
 * The soak's slow readers: raw graphql-transport-ws clients (bench/slowReader/pausableClient.ts) on the
 * bulky document, signed in, that read for a few seconds, stop reading their TCP socket for 10–25 s
 * (under the server's 60 s slow-client timeout), read again, and so on. One whose socket closed (its
 * instance restarted, or the server dropped it) is counted by close code and opened again elsewhere.
 */
import { openPausableClient, type PausableClient } from '../slowReader/pausableClient.js';
import type { Cluster } from './cluster.js';
import { operation, type LiveOperation } from './operations.js';
import { createStopSignal } from './stopSignal.js';

const READ_MS = [2_000, 5_000] as const;
const PAUSE_MS = [10_000, 25_000] as const;

/** One slow reader: its current client and who it is. */
export interface SlowReader {
  readonly viewer: string;
  readonly operation: LiveOperation;
  client: PausableClient | undefined;
}

/** What the slow readers did. */
export interface SlowReaderStats {
  opened: number;
  pauses: number;
  pausedMs: number;
  /** Close codes of sockets that closed under them. */
  closes: Record<string, number>;
  /** Protocol problems (revision gaps, patches that did not apply) and failures to open. */
  problems: string[];
}

/** The running slow readers. */
export interface SlowReaders {
  readonly readers: readonly SlowReader[];
  /** Ends the cycles; every reader reads again, and one whose socket closed is opened again. */
  stop(): Promise<void>;
  stats(): SlowReaderStats;
  close(): void;
}

const between = ([low, high]: readonly [number, number]) => low + Math.random() * (high - low);

/** Starts `count` readers on document `documentId`, each for at most `durationMs`. */
export function startSlowReaders(
  count: number,
  settings: { cluster: Cluster; documentId: string; token(viewer: string): Promise<string>; durationMs: number },
): SlowReaders {
  const signal = createStopSignal();
  const stats: SlowReaderStats = { opened: 0, pauses: 0, pausedMs: 0, closes: {}, problems: [] };
  const readers: SlowReader[] = Array.from({ length: count }, (_, i) => ({
    viewer: `soak-slow-${i}`,
    operation: operation('document', { id: settings.documentId }),
    client: undefined,
  }));

  /** The reader's client, opened again (on an instance that is up) when it has none or it closed. */
  const ensureOpen = async (reader: SlowReader): Promise<PausableClient | undefined> => {
    const code = reader.client?.closeCode();
    if (reader.client && code === undefined) return reader.client;
    if (code !== undefined) stats.closes[code] = (stats.closes[code] ?? 0) + 1;
    if (reader.client) stats.problems.push(...reader.client.problems.slice(0, 5));
    reader.client = undefined;
    const up = settings.cluster.upInstances();
    const instance = up[Math.floor(Math.random() * up.length)];
    if (!instance) return undefined;
    try {
      reader.client = await openPausableClient({
        url: instance.wsUrl,
        query: reader.operation.live,
        variables: reader.operation.variables,
        parse: true,
        connectionPayload: { authorization: `Bearer ${await settings.token(reader.viewer)}` },
        timeoutMs: 20_000,
      });
      stats.opened++;
    } catch (error) {
      if (stats.problems.length < 20) stats.problems.push(`opening a slow reader failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return reader.client;
  };

  const cycle = async (reader: SlowReader) => {
    const deadline = performance.now() + settings.durationMs;
    while (!signal.isStopped() && performance.now() < deadline) {
      const client = await ensureOpen(reader);
      await signal.sleep(between(READ_MS));
      if (!client || signal.isStopped()) continue;
      const pausedAt = performance.now();
      client.pause();
      stats.pauses++;
      await signal.sleep(between(PAUSE_MS));
      client.resume();
      stats.pausedMs += performance.now() - pausedAt;
    }
  };
  const cycles = readers.map(cycle);

  return {
    readers,
    async stop() {
      signal.stop();
      await Promise.all(cycles);
      for (const reader of readers) await ensureOpen(reader);
    },
    stats: () => ({
      ...stats,
      pausedMs: Math.round(stats.pausedMs),
      closes: { ...stats.closes },
      problems: [...stats.problems, ...readers.flatMap((r) => r.client?.problems ?? [])].slice(0, 20),
    }),
    close() {
      for (const reader of readers) reader.client?.close();
    },
  };
}
