/**
 * Writes the store may announce itself. Where this process is the database's only user (embedded
 * PGlite, {@link Db.announcingQuery}), a statement marks itself with a transaction-local flag that
 * the NOTIFY triggers skip (migrations 11, 12), and its committed rows go to `announce` before any
 * other statement runs; elsewhere the same statement runs unmarked and the triggers NOTIFY as ever.
 */
import type { Db, Queryable } from '../db/db.js';

/** Runs one write statement (in a transaction where the store collects keys). */
export type WriteStatement = <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>;

/** A condition true for every row that sets the flag: any row the statement updates was tested by it. */
export const MARK_ANNOUNCED = `set_config('livedoc.announced', 'on', true) = 'on'`;

/** Clears the flag, so that later statements of the same transaction are announced by the triggers again. */
export const UNMARK_ANNOUNCED = `SELECT set_config('livedoc.announced', 'off', true)`;

/**
 * Runs the statement `sql(mark)` (`mark` is a condition to AND into its WHERE clause) and returns its
 * rows; calls `announce` with them when the store announces the write itself.
 */
export type OwnWrite = <T>(sql: (mark: string) => string, params: readonly unknown[], announce: (rows: T[]) => void) => Promise<T[]>;

/** The store's {@link OwnWrite}: announced on `db` when it can (and keys go to no other bus), else `write`. */
export function createOwnWrite(db: Db, write: WriteStatement, keysElsewhere: boolean): OwnWrite {
  const announcing = keysElsewhere ? undefined : db.announcingQuery?.bind(db);
  if (!announcing) return (sql, params) => write((q) => q.query(sql('true'), params));
  return (sql, params, announce) => announcing(sql(MARK_ANNOUNCED), params, announce);
}

/**
 * Runs the statement `sql(mark)`, which writes either all `count` rows it names or none, and returns
 * them, or null when it wrote none; calls `announce` with them when the store announces the write
 * itself. The statement is expected to check its own condition (one snapshot); where another writer
 * may still slip in between (PostgreSQL), it runs in a transaction that is rolled back unless all
 * `count` rows came back.
 */
export type OwnWriteAll = <T>(sql: (mark: string) => string, params: readonly unknown[], count: number, announce: (rows: T[]) => void) => Promise<T[] | null>;

/** Thrown inside the transaction to roll back a statement that did not write every row. */
const NOT_ALL = new Error('not every row was written');

/** The store's {@link OwnWriteAll}, announcing like {@link createOwnWrite}. */
export function createOwnWriteAll(db: Db, transaction: WriteStatement, keysElsewhere: boolean): OwnWriteAll {
  const announcing = keysElsewhere ? undefined : db.announcingQuery?.bind(db);
  if (announcing) {
    // The only user of the database: nothing runs between the statement's check and its writes.
    return async (sql, params, count, announce) => {
      const rows = await announcing(sql(MARK_ANNOUNCED), params, announce);
      return rows.length === count ? rows : null;
    };
  }
  return async <T>(sql: (mark: string) => string, params: readonly unknown[], count: number) => {
    try {
      return await transaction(async (tx) => {
        const rows = await tx.query<T>(sql('true'), params);
        if (rows.length !== count) throw NOT_ALL;
        return rows;
      });
    } catch (error) {
      if (error === NOT_ALL) return null;
      throw error;
    }
  };
}
