/**
 * The servers under soak: a fresh PostgreSQL database and N instances of server/main.ts as child
 * processes, on the Redis bus, sharing the tests' AUTH_SECRET. An instance can be restarted (SIGTERM,
 * then started again on the same port, so that its clients reconnect to it); while it is down it is
 * marked so, and the writer and the slow readers leave it alone.
 */
import { randomBytes } from 'node:crypto';
import { createTempDatabase, type TempDatabase } from '../../test/support/postgres.js';
import { REDIS_URL } from '../../test/support/redis.js';
import { startServerProcess, type ServerProcess } from '../../test/support/serverProcess.js';
import { LOAD_GENERATOR_LIMITS } from '../loadGeneratorLimits.js';

/** The environment of every instance. */
function instanceEnv(databaseUrl: string, metricsToken: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    BUS: 'redis',
    REDIS_URL,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // Production serves /metrics only behind a token.
    METRICS_TOKEN: metricsToken,
    // The fleet comes from one address: per-client limits would count it as one client.
    ...LOAD_GENERATOR_LIMITS,
  };
}

/**
 * SIGKILL after this long: above `ws`'s 30 s close timeout, which a client that does not read holds a
 * closing server to (each close frame waits for an answer that never comes).
 */
export const SHUTDOWN_GRACE_MS = 45_000;

/** The inspector on a loopback port the system picks: memory readings force a full GC first. */
const INSPECTED = { nodeArgs: ['--inspect=127.0.0.1:0'] };

/** One instance slot: its current process, or none while it restarts. */
export interface Instance {
  readonly index: number;
  /** The GraphQL URLs of the current process (the same port across a restart). */
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** The current process's pid. */
  readonly pid: number;
  /** False from the moment a restart is decided until the new process serves. */
  readonly up: boolean;
  /** Processes started in this slot so far (1, then 2 after a restart). */
  readonly generation: number;
  /** The current process's inspector (loopback), to force a full GC before a memory reading. */
  inspectorUrl(): string | undefined;
}

/** The database and the instances. */
export interface Cluster {
  readonly databaseUrl: string;
  /** `Authorization: Bearer <this>` reads `/metrics`. */
  readonly metricsToken: string;
  readonly instances: readonly Instance[];
  /** The instances that are up. */
  upInstances(): Instance[];
  /** Marks `index` down (the writer stops choosing it), then waits for `drained` before stopping it. */
  restart(index: number, drained: () => Promise<void>): Promise<RestartTimes>;
  /** The last output of the instance's current process (for a failure message). */
  output(index: number): string;
  /** Stops every instance and drops the database. */
  close(): Promise<void>;
}

/** When a restart happened, in `performance.now()` time. */
export interface RestartTimes {
  downAt: number;
  /** SIGTERM sent (the writes in flight to it drained). */
  sigtermAt: number;
  exitedAt: number;
  upAt: number;
  exitCode: number | string;
}

class Slot implements Instance {
  up = true;
  generation = 1;
  constructor(
    readonly index: number,
    public process: ServerProcess,
  ) {}
  get httpUrl() {
    return this.process.httpUrl;
  }
  get wsUrl() {
    return this.process.wsUrl;
  }
  get pid() {
    return this.process.pid;
  }
  inspectorUrl() {
    return this.process.inspectorUrl();
  }
}

/** Creates the database and starts `count` instances. */
export async function startCluster(count: number): Promise<Cluster> {
  const database: TempDatabase = await createTempDatabase();
  const metricsToken = randomBytes(24).toString('hex');
  const env = instanceEnv(database.url, metricsToken);
  // At once: migrations run under an advisory lock, so the later instances wait and find them done.
  const start = (extra: Record<string, string> = {}) => startServerProcess({ ...env, ...extra }, 120_000, INSPECTED);
  const started = await Promise.allSettled(Array.from({ length: count }, () => start()));
  const processes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(processes.map((process) => process.stop()));
    await database.drop();
    throw failed.reason;
  }
  const slots = processes.map((process, index) => new Slot(index, process));

  const slotAt = (index: number): Slot => {
    const slot = slots[index];
    if (!slot) throw new Error(`Expected an instance index from 0 to ${slots.length - 1}, but got ${index}.`);
    return slot;
  };

  return {
    databaseUrl: database.url,
    metricsToken,
    instances: slots,
    upInstances: () => slots.filter((slot) => slot.up),
    async restart(index, drained) {
      const slot = slotAt(index);
      const downAt = performance.now();
      slot.up = false;
      await drained();
      const sigtermAt = performance.now();
      const exitCode = await slot.process.stop(SHUTDOWN_GRACE_MS);
      const exitedAt = performance.now();
      // The same port: clients retry the address they had, as behind a fixed service address.
      slot.process = await start({ PORT: String(slot.process.port) });
      slot.generation++;
      slot.up = true;
      return { downAt, sigtermAt, exitedAt, upAt: performance.now(), exitCode };
    },
    output: (index) => slotAt(index).process.output(),
    async close() {
      await Promise.all(slots.map((slot) => slot.process.stop()));
      await database.drop();
    },
  };
}
