/**
 * The storm's server instances: compiled livedoc on plain node, pinned to the servers' core, all on
 * one PostgreSQL database with the Redis bus, sharing AUTH_SECRET and RESUME_SECRET (a resume token
 * issued by one instance must verify on another).
 */
import { TEST_AUTH_SECRET } from '../../test/support/auth.js';
import { REDIS_URL } from '../../test/support/redis.js';
import { startServerProcess, type ServerProcess } from '../../test/support/serverProcess.js';
import { COMPILED_ENTRIES } from '../compiledServers.js';
import type { Pinning } from '../fanout/pinning.js';
import { LOAD_GENERATOR_LIMITS } from '../loadGeneratorLimits.js';

/** The secret every instance verifies resume tokens with (32+ characters). */
export const STORM_RESUME_SECRET = 'reconnect-storm-bench-resume-secret-0123456789';

/** The environment of every instance on `databaseUrl`. */
export function instanceEnv(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SEED: 'false',
    DATABASE_URL: databaseUrl,
    BUS: 'redis',
    REDIS_URL,
    AUTH_SECRET: TEST_AUTH_SECRET,
    RESUME_SECRET: STORM_RESUME_SECRET,
    ...LOAD_GENERATOR_LIMITS,
  };
}

/** Starts `count` instances at once; stops the started ones if one fails. */
export async function startInstances(databaseUrl: string, pinning: Pinning, count: number): Promise<ServerProcess[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () =>
      startServerProcess(instanceEnv(databaseUrl), 120_000, {
        entry: COMPILED_ENTRIES.livedoc,
        wrapper: pinning.serverWrapper,
      }),
    ),
  );
  const failed = started.find((s) => s.status === 'rejected');
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (failed) {
    await Promise.all(running.map((s) => s.stop()));
    throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }
  return running;
}
