/**
 * Counts the statements a {@link Db} sends, transactions' BEGIN and COMMIT included, so operators (and
 * the scale-out bench) can see what each write and each live update costs the database.
 */
import type { Db, Queryable } from './db.js';

/** A {@link Db} that counts its statements. */
export interface CountingDb extends Db {
  /** Statements sent so far (LISTEN connections and migrations before wrapping not counted). */
  statements(): number;
}

/** Wraps `db`; every call goes to it unchanged. */
export function countStatements(db: Db): CountingDb {
  let statements = 0;
  const counted = (q: Queryable): Queryable => ({
    query: <T>(sql: string, params?: readonly unknown[]) => {
      statements++;
      return q.query<T>(sql, params);
    },
    exec: (sql: string) => {
      statements++;
      return q.exec(sql);
    },
  });
  const direct = counted(db);
  const announcing = db.announcingQuery?.bind(db);
  return {
    kind: db.kind,
    query: (sql, params) => direct.query(sql, params),
    exec: (sql) => direct.exec(sql),
    transaction(fn) {
      statements += 2;
      return db.transaction((tx) => fn(counted(tx)));
    },
    ...(announcing && {
      announcingQuery<T>(sql: string, params: readonly unknown[], announce: (rows: T[]) => void) {
        statements++;
        return announcing(sql, params, announce);
      },
    }),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    onConnectionChange: (listener) => db.onConnectionChange(listener),
    isReady: () => db.isReady(),
    close: () => db.close(),
    statements: () => statements,
  };
}
