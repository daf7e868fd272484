/**
 * The small database surface the store needs, implemented by both drivers
 * (embedded PGlite in `pgliteDb.ts`, PostgreSQL through `pg` in `pgDb.ts`).
 * All SQL in the store is written once against this interface.
 */

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  /**
   * Runs one statement with `$1…$n` parameters and returns its rows.
   * `T` is trusted, not checked: alias and cast columns in SQL so both drivers return the same shapes
   * (e.g. `count(*)::int`, timestamps formatted as text; `pg` returns bigint as string).
   */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** Which driver a {@link Db} uses. */
export type DbKind = 'pglite' | 'postgres';

/** Called when the change feed connection is lost (`false`) or established again (`true`). */
export type ConnectionListener = (ready: boolean) => void;

/** A connection (pool) to one database, with transactions and LISTEN. */
export interface Db extends Queryable {
  readonly kind: DbKind;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws (the error is
   * rethrown). Notifications sent inside are delivered only on commit.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Present where this process is the database's only user (embedded PGlite): runs one statement on
   * its own (its own transaction) and calls `announce` with its rows right after it commits, before
   * any other statement can run. The store announces its own writes this way instead of through
   * NOTIFY, and in commit order with everything the change feed delivers.
   */
  announcingQuery?<T>(sql: string, params: readonly unknown[], announce: (rows: T[]) => void): Promise<T[]>;
  /**
   * Subscribes to NOTIFY on `channel` (a lowercase SQL identifier). Resolves once the subscription is
   * active; the returned function unsubscribes.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Reports losses (`false`) and re-establishments (`true`) of the LISTEN connection. After a `true`
   * notifications sent while it was down are lost: consumers must assume anything may have changed.
   */
  onConnectionChange(listener: ConnectionListener): () => void;
  /** True while queries and the LISTEN connection are usable. */
  isReady(): boolean;
  /** Closes every connection; further calls fail. Idempotent. */
  close(): Promise<void>;
}

/** A structured logger (pino's `logger.warn(obj, msg)` shape) for connection events. */
export interface StoreLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** Default logger: silent for info, `console.warn` / `console.error` otherwise. */
export const consoleLogger: StoreLogger = {
  info: () => {},
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

/** Quotes `name` as an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
