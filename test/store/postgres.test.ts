import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../server/store/migrate.js';
import { openStore } from '../../server/store/openStore.js';
import { createTempDatabase, postgresAvailable, withAdminClient } from '../support/postgres.js';
import { waitFor } from '../support/waitFor.js';
import { describeStore, recordingLogger, watchKeys, TESTER } from './storeSuite.js';

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)('PostgreSQL (127.0.0.1:5432)', () => {
  describeStore('SQL store on PostgreSQL', async () => {
    const database = await createTempDatabase();
    // Direct SQL goes through its own plain connection, like someone in psql.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return {
      open: (options) => openStore({ databaseUrl: database.url, seed: options?.seed, logger: options?.logger }),
      sql: async (_store, text, params) => {
        await client.query(text, params ? [...params] : []);
      },
      dispose: async () => {
        await client.end();
        await database.drop();
      },
    };
  });

  /** Terminates this database's backends whose application_name is `name`; returns how many. */
  async function terminate(database: string, name: string): Promise<number> {
    return withAdminClient(async (admin) => {
      const result = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2`,
        [database, name],
      );
      return result.rowCount ?? 0;
    });
  }

  it('emits * after losing the LISTEN connection, then keeps delivering changes', async () => {
    const database = await createTempDatabase();
    const log = recordingLogger();
    const store = await openStore({
      databaseUrl: database.url,
      seed: false,
      logger: log.logger,
      postgres: { applicationName: 'livedoc-reconnect', reconnectInitialMs: 20, reconnectMaxMs: 200 },
    });
    try {
      const states: boolean[] = [];
      store.db.onConnectionChange((ready) => states.push(ready));
      const watch = watchKeys(store);
      await store.listDocuments(null, TESTER); // leaves an idle pooled connection behind

      // Kill the listener and the idle pool connection; refuse new connections for a while.
      await withAdminClient((admin) => admin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`));
      expect(await terminate(database.name, 'livedoc-reconnect-listener')).toBe(1);
      expect(await terminate(database.name, 'livedoc-reconnect')).toBeGreaterThanOrEqual(1);
      await waitFor(() => log.entries.filter((e) => e.msg.includes('reconnect failed')).length >= 2, 5_000, 'failed reconnects');
      expect(store.isReady()).toBe(false);
      expect(watch.seen.has('*')).toBe(false);

      await withAdminClient((admin) => admin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`));
      await watch.waitFor(['*']);
      expect(store.isReady()).toBe(true);
      expect(states).toEqual([false, true]);

      const doc = await store.createDocument({ title: 'After reconnect' }, TESTER);
      await watch.waitFor([`Document:${doc.id}`]);
      expect(log.entries.some((e) => e.level === 'warn' && e.msg.includes('listener connection lost'))).toBe(true);
      expect(log.entries.some((e) => e.level === 'warn' && e.msg.includes('idle postgres connection failed'))).toBe(true);
      expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
      watch.stop();
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it('lets two instances start at once on a new database: migrated and seeded once', async () => {
    const database = await createTempDatabase();
    const stores = await Promise.all([1, 2].map(() => openStore({ databaseUrl: database.url, logger: recordingLogger().logger })));
    try {
      const [a, b] = stores as [(typeof stores)[0], (typeof stores)[0]];
      expect((await a.listDocuments(null, TESTER)).map((d) => d.id)).toEqual(['welcome', 'live-queries', 'roadmap']);
      expect(await b.listDatasets(TESTER)).toHaveLength(1);
      const [applied] = await a.db.query<{ count: number }>('SELECT count(*)::int AS count FROM livedoc_migrations');
      expect(applied?.count).toBe(migrations.length);

      // A write through one instance reaches the other's listeners.
      const watch = watchKeys(b);
      const doc = await a.createDocument({ title: 'Shared' }, TESTER);
      await watch.waitFor([`Document:${doc.id}`]);
      watch.stop();
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await database.drop();
    }
  });

  it('seeds on a later start when the first one opted out and nothing was written', async () => {
    const database = await createTempDatabase();
    try {
      const bare = await openStore({ databaseUrl: database.url, seed: false });
      expect(await bare.listDocuments(null, TESTER)).toEqual([]);
      await bare.close();
      const seeded = await openStore({ databaseUrl: database.url });
      expect((await seeded.listDocuments(null, TESTER)).map((d) => d.id)).toEqual(['welcome', 'live-queries', 'roadmap']);
      await seeded.close();
    } finally {
      await database.drop();
    }
  });

  it('fails to open, leaving nothing open, when the server refuses', async () => {
    await expect(openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/livedoc_no_such_database' })).rejects.toThrow(
      /does not exist/,
    );
  });
});
