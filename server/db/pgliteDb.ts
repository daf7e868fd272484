import { setFlagsFromString } from 'node:v8';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { ConnectionListener, Db, Queryable } from './db.js';
import { createPreparedRunner, type PreparedRunner } from './pglitePrepared.js';

/**
 * PostgreSQL settings for the embedded database, after PGlite's own. The data directory's
 * postgresql.conf (written by initdb) asks for 128 MB of shared buffers, and PGlite's WebAssembly
 * memory touches all of them at start: most of an idle instance's memory, while the store's working
 * set is a few MB. 16 MB still holds the sample data many times over (one PGlite connection: no
 * other backend shares them). Given on the command line, they also apply to existing directories.
 */
export const PGLITE_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '16MB',
};

/**
 * Compiles PGlite's WebAssembly with V8's baseline compiler (Liftoff) only. By default V8 recompiles
 * hot functions of the 9 MB module with TurboFan on background threads, whose C heaps keep 60–80 MB
 * after the work is done. Measured on 1,000 updateDocument calls through the store: the first ones
 * cost ~20 % less CPU (nothing is recompiled), and once warm within 0–15 % of TurboFan's code. The
 * flag is read when a module is compiled, so it is set before the first PGlite starts; it applies to
 * the whole process, in which PGlite is the only WebAssembly.
 */
function compileWasmWithLiftoffOnly(): void {
  setFlagsFromString('--liftoff-only');
}

/**
 * The statements of the store on PGlite: prepared once per text and run in one exchange each
 * (pglitePrepared.ts), under PGlite's locks — outside a transaction both (no transaction may be open
 * around it), inside one the query lock (the transaction holds the other).
 */
function queryable(pglite: PGlite, prepared: PreparedRunner, tx?: Transaction): Queryable {
  return {
    query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      if (tx) return pglite._runExclusiveQuery(() => prepared<T>(sql, params, { inTransaction: true }));
      return alone(pglite, () => prepared<T>(sql, params));
    },
    async exec(sql: string): Promise<void> {
      await (tx ?? pglite).exec(sql);
    },
  };
}

/** Runs `fn` holding both of PGlite's locks: no statement and no transaction runs meanwhile. */
function alone<T>(pglite: PGlite, fn: () => Promise<T>): Promise<T> {
  return pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(fn));
}

/**
 * Opens an embedded PGlite database stored in `dataDir` (created by PGlite when missing; `memory://`
 * keeps it in memory). PGlite is a single connection: its `transaction` API holds a mutex, so queries
 * and transactions are serialized, and LISTEN never disconnects.
 *
 * Only one process may open a data directory at a time. (openStore creates a new one in a child
 * process: store/createPgliteDataDir.ts.)
 */
export async function openPgliteDb(dataDir: string): Promise<Db> {
  compileWasmWithLiftoffOnly();
  const settings = Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const pglite = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...settings] });
  const prepared = createPreparedRunner(pglite);
  const direct = queryable(pglite, prepared);
  let closing: Promise<void> | null = null;

  return {
    kind: 'pglite',
    query: direct.query.bind(direct),
    exec: direct.exec.bind(direct),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => fn(queryable(pglite, prepared, tx)));
    },
    // This process is the database's only user: no other statement can run between this one's
    // commit and `announce`, which therefore sees writes in commit order.
    announcingQuery<T>(sql: string, params: readonly unknown[], announce: (rows: T[]) => void): Promise<T[]> {
      return alone(pglite, async () => {
        const rows = await prepared<T>(sql, params);
        announce(rows);
        return rows;
      });
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
