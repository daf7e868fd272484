/**
 * The messages of the bus (docs/protocol.md, "Bus messages"): a JSON array of keys, ending, when a write
 * carries the committed rows of some of its keys, with one object `{"records": {"<key>": {<row>}}}`.
 * Instances that know keys alone read the strings of the array and skip the object, so instances of
 * both kinds can share a bus during an upgrade. A message is input from the network: one that is not
 * an array with a key is reported and dropped; records that are not an object are dropped (the keys
 * still invalidate); each row is read and checked by its type's reader where it is used.
 */
import { keysOf, parseJsonArray } from '../keys/resourceKeys.js';

/** Committed rows by key, as the database's `to_jsonb(row)` gives them, not yet read by type. */
export type BusRows = Readonly<Record<string, unknown>>;

/** One received message: its keys, and the rows of some of them. */
export interface BusMessage {
  keys: string[];
  rows: BusRows | undefined;
}

/** Parses a received message; null when it is not an array naming at least one key. */
export function parseBusMessage(message: string): BusMessage | null {
  const items = parseJsonArray(message);
  const keys = items && keysOf(items);
  if (!keys || keys.length === 0) return null;
  const last: unknown = items.at(-1);
  const rows = isPlainObject(last) && isPlainObject(last.records) ? onlyRowsOf(keys, last.records) : undefined;
  return { keys, rows };
}

/**
 * Serializes keys with rows, or returns null when they do not fit in `maxBytes` (the caller then sends
 * the keys alone). Only rows of `keys` go out.
 */
export function serializeWithRows(keys: readonly string[], rows: BusRows, maxBytes: number): string | null {
  const records = onlyRowsOf(keys, rows);
  if (!records) return null;
  const message = JSON.stringify([...keys, { records }]);
  return Buffer.byteLength(message) <= maxBytes ? message : null;
}

function onlyRowsOf(keys: readonly string[], rows: Readonly<Record<string, unknown>>): BusRows | undefined {
  let kept: Record<string, unknown> | undefined;
  for (const key of keys) {
    const row = Object.hasOwn(rows, key) ? rows[key] : undefined;
    if (isPlainObject(row)) (kept ??= {})[key] = row;
  }
  return kept;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
