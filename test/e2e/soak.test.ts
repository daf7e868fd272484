/**
 * The soak (bench/soak.ts, `npm run soak`) in one minute: 100 clients of the client library over two
 * instances on PostgreSQL with the Redis bus, random writes, random disconnects, two slow readers and
 * one instance restarted; every check of the soak must pass (states equal fresh queries, no
 * acknowledged write missing, RSS at the end at most 10 % above after warm-up, …).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOAK_OPTIONS, type SoakOptions } from '../../bench/soak/options.js';
import { runSoak } from '../../bench/soak/runSoak.js';
import { postgresAvailable } from '../support/postgres.js';
import { redisAvailable } from '../support/redis.js';

const hasPostgres = await postgresAvailable();
const hasRedis = await redisAvailable();

const OPTIONS: SoakOptions = { ...DEFAULT_SOAK_OPTIONS, durationMs: 60_000, clients: 100, instances: 2, slow: 2 };

/**
 * Setup (a database, two server processes, 100 clients) up to about 90 s on a busy 2-core machine,
 * the minute itself, then the quiet point and the comparison (each bounded to 60 s) and the teardown.
 */
const TIMEOUT_MS = 330_000;

describe.skipIf(!hasPostgres || !hasRedis)('soak, one minute', () => {
  it(
    'every state equals a fresh query, no acknowledged write is missing, memory stays flat',
    async () => {
      const lines: string[] = [];
      const result = await runSoak(OPTIONS, (line) => lines.push(line));
      const failed = result.checks.filter((check) => !check.passed);
      expect(failed, [...lines, ...result.convergence.examples, ...result.writesCheck.differences].join('\n')).toEqual([]);
      expect(result.writes.acknowledged).toBeGreaterThan(0);
      expect(result.disruptions.disconnects).toBeGreaterThan(0);
      expect(result.disruptions.restart).not.toBeNull();
    },
    TIMEOUT_MS,
  );
});
