import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { ConnectionListener, Db, Queryable } from './db.js';

/** Wraps a PGlite transaction (or the instance itself) as a {@link Queryable}. */
function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * Opens an embedded PGlite database stored in `dataDir` (created by PGlite when missing; `memory://`
 * keeps it in memory). PGlite is a single connection: its `transaction` API holds a mutex, so queries
 * and transactions are serialized, and LISTEN never disconnects.
 *
 * Only one process may open a data directory at a time.
 */
export async function openPgliteDb(dataDir: string): Promise<Db> {
  const pglite = await PGlite.create(dataDir);
  const direct = queryable(pglite);
  let closing: Promise<void> | null = null;

  return {
    kind: 'pglite',
    query: direct.query,
    exec: direct.exec,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => fn(queryable(tx)));
    },
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    onConnectionChange(_listener: ConnectionListener) {
      // Embedded: the change feed cannot be lost while the instance is open.
      return () => {};
    },
    isReady() {
      return closing === null && pglite.ready && !pglite.closed;
    },
    close() {
      closing ??= pglite.closed ? Promise.resolve() : pglite.close();
      return closing;
    },
  };
}
