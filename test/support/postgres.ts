/**
 * PostgreSQL for tests: detect the local server, and create throwaway databases on it.
 *
 * The server is expected at 127.0.0.1:5432 (user postgres, database test, trust auth); override with
 * `TEST_POSTGRES_URL`. When it is unreachable, suites skip, unless `REQUIRE_SERVICES=1` (CI), where
 * {@link postgresAvailable} throws so the run fails:
 *
 * ```ts
 * const hasPostgres = await postgresAvailable();
 * describe.skipIf(!hasPostgres)('… on PostgreSQL', () => { … });
 * ```
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Connection string of the database used to administer temporary ones. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let availability: Promise<string | null> | undefined;

/** Resolves with null when PostgreSQL answers, else with the reason it does not. Cached. */
export function postgresUnavailableReason(): Promise<string | null> {
  availability ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (err) {
      return `PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return availability;
}

/**
 * True when PostgreSQL answers. When it does not: throws if `REQUIRE_SERVICES=1`, else warns with the
 * reason (once per file) and returns false so the caller can `describe.skipIf(!available)`.
 */
export async function postgresAvailable(): Promise<boolean> {
  const reason = await postgresUnavailableReason();
  if (reason === null) return true;
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`${reason} (REQUIRE_SERVICES=1)`);
  if (!warned) console.warn(`Skipping PostgreSQL tests: ${reason}. Set REQUIRE_SERVICES=1 to fail instead.`);
  warned = true;
  return false;
}
let warned = false;

/** A database created for one test (suite). */
export interface TempDatabase {
  /** Its name, `livedoc_t_<random>`. */
  name: string;
  /** Connection string for it. */
  url: string;
  /** Drops it, terminating connections still open (`WITH (FORCE)`). Idempotent. */
  drop(): Promise<void>;
}

/** Runs `fn` on a short-lived connection to the admin database. */
export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates an empty, uniquely named database on the test server. */
export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `livedoc_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: url.toString(),
    drop() {
      dropped ??= withAdminClient(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}
