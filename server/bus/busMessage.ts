/**
 * The messages of the bus (docs/protocol.md, "Bus messages"): a JSON array of keys, or
 * `{"keys": [...], "records": {"<key>": {<committed row>}}}` when a write carries the committed rows of
 * some of its keys, the form of the change feed's payloads. A message is input from the network: one
 * that is neither form is reported and dropped; records that are not an object are dropped (the keys
 * still invalidate); each row is read and checked by its type's reader where it is used.
 */
import { parseKeyList } from '../keys/resourceKeys.js';

/** Committed rows by key, as the database's `to_jsonb(row)` gives them, not yet read by type. */
export type BusRows = Readonly<Record<string, unknown>>;

/** One received message: its keys, and the rows of some of them. */
export interface BusMessage {
  keys: string[];
  rows: BusRows | undefined;
}

/** Parses a received message; null when it is neither form or names no key. */
export function parseBusMessage(message: string): BusMessage | null {
  if (!message.startsWith('{')) {
    const keys = parseKeyList(message);
    return keys && keys.length > 0 ? { keys, rows: undefined } : null;
  }
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (!isPlainObject(value) || !Array.isArray(value.keys)) return null;
  const keys = [...new Set(value.keys.filter((key): key is string => typeof key === 'string'))];
  if (keys.length === 0) return null;
  const rows = isPlainObject(value.records) ? onlyRowsOf(keys, value.records) : undefined;
  return { keys, rows };
}

/**
 * Serializes keys with rows, or returns null when the rows do not fit in `maxBytes` (the caller then
 * sends the keys alone). Only rows of `keys` go out.
 */
export function serializeWithRows(keys: readonly string[], rows: BusRows, maxBytes: number): string | null {
  const message = JSON.stringify({ keys, records: onlyRowsOf(keys, rows) ?? {} });
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
