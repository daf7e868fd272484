/**
 * Redis for tests at 127.0.0.1:6379 (override with TEST_REDIS_URL). Unreachable: suites skip with the
 * reason, unless REQUIRE_SERVICES=1 (CI), where that is a failure.
 */
import { Redis } from 'ioredis';

/** The test server's URL. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let availability: Promise<string | null> | undefined;

/** True when Redis answers PING; throws under REQUIRE_SERVICES=1 when it does not. */
export async function redisAvailable(): Promise<boolean> {
  availability ??= (async () => {
    const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      return null;
    } catch (err) {
      return `Redis at ${REDIS_URL} is unreachable: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      client.disconnect();
    }
  })();
  const reason = await availability;
  if (reason === null) return true;
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`${reason} (REQUIRE_SERVICES=1)`);
  console.warn(`Skipping Redis tests: ${reason}. Set REQUIRE_SERVICES=1 to fail instead.`);
  return false;
}

/** Runs `fn` with a short-lived admin connection (for CLIENT KILL and the like). */
export async function withRedis<T>(fn: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  try {
    return await fn(client);
  } finally {
    client.disconnect();
  }
}
