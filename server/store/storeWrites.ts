/**
 * How the store's writes run and how their changes are announced, shared by every aggregate module:
 * statements and transactions (collecting their keys for another bus where asked), writes the store
 * announces itself, and the listeners that every announcement reaches.
 */
import { ALL_KEYS, parseKeyList } from '../keys/resourceKeys.js';
import type { Db, Queryable, StoreLogger } from '../db/db.js';
import { createOwnWrite, createOwnWriteAll, type OwnWrite, type OwnWriteAll } from './ownWrites.js';
import { isObject } from './changeFeed/changePayload.js';
import type { ChangedRecords, ChangeListener } from './types.js';

/** What an aggregate module writes with. */
export interface StoreWrites {
  readonly db: Db;
  /** Runs a write in a transaction (with `onWriteKeys`, collecting its keys instead of notifying). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a single-statement write: on its own, or in a transaction when keys are collected. */
  statement<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** A write the store announces itself where it can ({@link OwnWrite}). */
  readonly ownWrite: OwnWrite;
  /** A write of all its rows or none, announced like {@link ownWrite} ({@link OwnWriteAll}). */
  readonly ownWriteAll: OwnWriteAll;
  /** Hands keys (and records) of committed changes to every listener. */
  announce(keys: string[], records?: ChangedRecords): void;
}

/** The announcement side of {@link StoreWrites}: listeners, and closing them off. */
export interface Announcer {
  listen(listener: ChangeListener): () => void;
  announce(keys: string[], records?: ChangedRecords): void;
  /** No announcement reaches anyone after this. */
  close(): void;
}

/** Listeners of the store's changes; a throwing listener is logged and does not stop the others. */
export function createAnnouncer(logger: StoreLogger): Announcer {
  const listeners = new Set<ChangeListener>();
  let closed = false;
  return {
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    announce(keys, records) {
      if (closed || keys.length === 0) return;
      for (const listener of [...listeners]) {
        try {
          listener(keys, records);
        } catch (err) {
          logger.error({ err: err instanceof Error ? err.message : String(err) }, 'change listener threw');
        }
      }
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}

/**
 * The store's writes on `db`. With `onWriteKeys`, its writes send no NOTIFY: the triggers collect
 * their keys in the transaction and `onWriteKeys` gets them after commit (to publish on another bus).
 */
export function createStoreWrites(db: Db, announcer: Announcer, onWriteKeys?: WrittenKeysListener): StoreWrites {
  async function transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    if (!onWriteKeys) return db.transaction(fn);
    let keys: string[] = [];
    let rows: Record<string, unknown> | undefined;
    const result = await db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('livedoc.defer_keys', 'on', true)`);
      const value = await fn(tx);
      const [row] = await tx.query<{ keys: string | null; records: string | null }>(
        `SELECT current_setting('livedoc.pending_keys', true) AS keys, current_setting('livedoc.pending_records', true) AS records`,
      );
      keys = row?.keys ? [...new Set(parseKeyList(row.keys) ?? [ALL_KEYS])] : [];
      rows = pendingRecords(row?.records);
      return value;
    });
    if (keys.length > 0) onWriteKeys(keys, rows);
    return result;
  }
  const statement = <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => (onWriteKeys ? transaction(fn) : fn(db));
  return {
    db,
    transaction,
    statement,
    // Where this process is the database's only user, its document updates and row values are
    // announced by the store itself, with their committed rows, instead of NOTIFYed to itself.
    ownWrite: createOwnWrite(db, statement, onWriteKeys !== undefined),
    ownWriteAll: createOwnWriteAll(db, transaction, onWriteKeys !== undefined),
    announce: (keys, records) => announcer.announce(keys, records),
  };
}

/**
 * Receives the keys of a committed transaction and the committed rows of some of them (by key, as the
 * triggers' `to_jsonb(row)` gives them, unread: the receivers read them by type).
 */
export type WrittenKeysListener = (keys: string[], rows?: Readonly<Record<string, unknown>>) => void;

/** The rows the triggers collected (migration 0017), or undefined when there are none. */
function pendingRecords(text: string | null | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  const value: unknown = JSON.parse(text);
  return isObject(value) && Object.keys(value).length > 0 ? value : undefined;
}

/** The records of `ids`, in that order; null where none came back. */
export function inOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): (T | null)[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The first row of an `INSERT … RETURNING`; throws when there is none (which a constraint would have said). */
export function returned<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return row;
}
