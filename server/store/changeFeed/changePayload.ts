/**
 * The payloads of the change feed (NOTIFY livedoc_changes, sent by the triggers of
 * migrations/0013-change-feed.sql): a JSON array of invalidation keys, or
 * `{"keys": [...], "records": {"<Type>:<id>": {<the committed row>}}}` for types that carry their
 * records. Anyone with database access can NOTIFY on the channel, so a record is read by its type's
 * {@link RecordReader}, which checks it; one that does not fit is dropped (its key still invalidates,
 * and the object is read back from the database).
 */
import { parseKeyList } from '../../keys/resourceKeys.js';
import type { ChangedRecords } from '../types.js';

/** Turns a committed row (as `to_jsonb(row)` gives it) into the store's record, or null when it does not fit. */
export type RecordReader = (row: Readonly<Record<string, unknown>>) => object | null;

/** One change notification: the keys, and the records of some of them (keyed like the keys). */
export interface ChangePayload {
  keys: string[];
  records: ChangedRecords | undefined;
}

/** Parses a payload, reading records with `readers` (by type name); null when it is neither form. */
export function parseChangePayload(payload: string, readers: Readonly<Record<string, RecordReader>>): ChangePayload | null {
  if (!payload.startsWith('{')) {
    const keys = parseKeyList(payload);
    return keys === null ? null : { keys, records: undefined };
  }
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isObject(value) || !Array.isArray(value.keys)) return null;
  const keys = [...new Set(value.keys.filter((key): key is string => typeof key === 'string'))];
  return { keys, records: isObject(value.records) ? readRecords(keys, value.records, readers) : undefined };
}

/** Reads the rows of `raw` that belong to `keys` with their types' readers; undefined when none fits. */
export function readRecords(
  keys: readonly string[],
  raw: Readonly<Record<string, unknown>>,
  readers: Readonly<Record<string, RecordReader>>,
): ChangedRecords | undefined {
  const records = new Map<string, object>();
  for (const key of keys) {
    const row = raw[key];
    const read = readers[key.slice(0, key.indexOf(':'))];
    const record = read && isObject(row) ? read(row) : null;
    if (record) records.set(key, record);
  }
  return records.size > 0 ? records : undefined;
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A timestamp of a committed row (`to_jsonb` writes timestamptz as ISO 8601 with an offset) in the store's form. */
export function isoTimestamp(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
