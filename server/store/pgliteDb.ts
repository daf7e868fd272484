import { PGlite, parse, protocol, type Transaction } from '@electric-sql/pglite';
import type { ConnectionListener, Db, Queryable } from './db.js';
import { toTextParam } from './textParams.js';

/**
 * One statement as a single extended-protocol exchange (Parse, Bind, Describe, Execute, Sync), its
 * parameters in text form: PGlite's `query` spends two more exchanges (and four more calls into the
 * database) asking for the parameter types first.
 */
function extendedQuery(sql: string, params: readonly unknown[]): Uint8Array {
  const parts = [
    protocol.serialize.parse({ text: sql }),
    protocol.serialize.bind({ values: params.map(toTextParam) }),
    protocol.serialize.describe({ type: 'P' }),
    protocol.serialize.execute({}),
    protocol.serialize.sync(),
  ];
  const message = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

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
    // This process is the database's only user: no other statement can run between this one's
    // commit and `announce`, which therefore sees writes in commit order.
    announcingQuery<T>(sql: string, params: readonly unknown[], announce: (rows: T[]) => void): Promise<T[]> {
      return pglite._runExclusiveTransaction(() =>
        pglite._runExclusiveQuery(async () => {
          const { messages } = await pglite.execProtocol(extendedQuery(sql, params), { syncToFs: true });
          const rows = (parse.parseResults(messages, pglite.parsers)[0]?.rows ?? []) as T[];
          announce(rows);
          return rows;
        }),
      );
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
