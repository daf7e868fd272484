/**
 * Trouble during the soak: every second, drops the connections of a few live clients (half of them
 * moved to another instance first, so they reconnect — and re-subscribe — elsewhere), and once, at
 * `restartAt`, restarts an instance: marked down, its writes drained, SIGTERM, started again on its
 * port; its clients reconnect to it, and the time until all of them are live again is recorded.
 */
import { waitUntil } from '../fanout/stats.js';
import type { Cluster } from './cluster.js';
import type { Fleet } from './fleet.js';
import { createStopSignal } from './stopSignal.js';

/** What the restart did, in ms since the start. */
export interface RestartRecord {
  instance: number;
  /** Clients whose home was the instance when it went down. */
  clients: number;
  downAt: number;
  sigtermAt: number;
  exitedAt: number;
  upAt: number;
  /** When every one of those clients was live again, or null if not within a minute. */
  allBackAt: number | null;
  exitCode: number | string;
}

/** What the disruptor did. */
export interface DisruptorStats {
  disconnects: number;
  /** Disconnects that moved the client to another instance. */
  moved: number;
  /** `[ms since start, clients dropped]` per second with drops. */
  timeline: [number, number][];
  restart: RestartRecord | null;
  restartError: string | null;
}

/** The running disruptor. */
export interface Disruptor {
  /** Resolves with the restart once its clients are back (null when there is none, or it failed). */
  readonly restarted: Promise<RestartRecord | null>;
  /** Stops dropping clients and waits for a restart under way. */
  stop(): Promise<void>;
  stats(): DisruptorStats;
}

/** Options of {@link startDisruptor}. */
export interface DisruptorOptions {
  cluster: Cluster;
  fleet: Fleet;
  disconnectsPerSecond: number;
  durationMs: number;
  /** ms after the start to restart `restartInstance`; undefined: no restart. */
  restartAt: number | undefined;
  restartInstance: number;
  /** Waits for the writes in flight to an instance (the writer's drain). */
  drain(instance: number): Promise<void>;
  now(): number;
  log(message: string): void;
}

const ALL_BACK_TIMEOUT_MS = 60_000;

/** Starts dropping clients at once, and schedules the restart. */
export function startDisruptor(options: DisruptorOptions): Disruptor {
  const { cluster, fleet } = options;
  const signal = createStopSignal();
  const stats: DisruptorStats = { disconnects: 0, moved: 0, timeline: [], restart: null, restartError: null };

  const dropSome = (count: number) => {
    const live = fleet.clients.filter((c) => c.live());
    for (let i = 0; i < count && live.length > 0; i++) {
      const [client] = live.splice(Math.floor(Math.random() * live.length), 1);
      if (!client) break;
      const elsewhere = cluster.upInstances().filter((instance) => instance.index !== client.home);
      const to = elsewhere[Math.floor(Math.random() * elsewhere.length)];
      if (to && Math.random() < 0.5) {
        client.home = to.index;
        stats.moved++;
      }
      client.drop();
      stats.disconnects++;
    }
  };

  const disconnects = (async () => {
    let budget = 0;
    for (let second = 0; second < Math.ceil(options.durationMs / 1000) && !signal.isStopped(); second++) {
      await signal.sleep(1_000);
      budget += options.disconnectsPerSecond;
      const count = Math.floor(budget);
      budget -= count;
      if (count === 0 || signal.isStopped()) continue;
      dropSome(count);
      stats.timeline.push([Math.round(options.now()), count]);
    }
  })();

  const restart = async (at: number, index: number): Promise<RestartRecord | null> => {
    await signal.sleep(at - options.now());
    if (signal.isStopped()) return null;
    const affected = fleet.clients.filter((c) => c.home === index);
    options.log(`restarting instance ${index} (${affected.length} clients)`);
    try {
      const times = await cluster.restart(index, () => options.drain(index));
      const since = (t: number) => Math.round(options.now() - (performance.now() - t));
      const allBack = await waitUntil(() => affected.every((c) => c.live()), ALL_BACK_TIMEOUT_MS, 100);
      stats.restart = {
        instance: index,
        clients: affected.length,
        downAt: since(times.downAt),
        sigtermAt: since(times.sigtermAt),
        exitedAt: since(times.exitedAt),
        upAt: since(times.upAt),
        allBackAt: allBack ? Math.round(options.now()) : null,
        exitCode: times.exitCode,
      };
      options.log(`instance ${index} back after ${Math.round(times.upAt - times.downAt)} ms; its clients ${allBack ? 'all live again' : 'NOT all live within a minute'}`);
      return stats.restart;
    } catch (error) {
      stats.restartError = error instanceof Error ? error.message : String(error);
      options.log(`restart failed: ${stats.restartError}`);
      return null;
    }
  };
  const restarted = options.restartAt === undefined ? Promise.resolve(null) : restart(options.restartAt, options.restartInstance);

  return {
    restarted,
    async stop() {
      signal.stop();
      await disconnects;
      await restarted;
    },
    stats: () => ({ ...stats, timeline: [...stats.timeline] }),
  };
}
