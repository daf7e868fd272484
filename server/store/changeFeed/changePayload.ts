/**
 * The payloads of the change feed (NOTIFY livedoc_changes, written by the triggers of migrations.ts):
 * a JSON array of invalidation keys, or `{"keys": [...], "records": {"<key>": {...}}}` carrying the
 * committed state of changed documents and rows (migration 7). Anyone with database access can NOTIFY
 * on the channel, so records are checked against the shapes the store returns; one that does not fit
 * is dropped (its key still invalidates, and the object is read back from the database).
 */
import { parseKeyList } from '../../keys/resourceKeys.js';
import type { DocumentRecord, RowRecord } from '../types.js';

/** One change notification: the keys, and the records of some of them (keyed like the keys). */
export interface ChangePayload {
  keys: string[];
  records: ReadonlyMap<string, DocumentRecord | RowRecord> | undefined;
}

/** Parses a payload; null when it is neither form (the caller logs and ignores it). */
export function parseChangePayload(payload: string): ChangePayload | null {
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
  const records = new Map<string, DocumentRecord | RowRecord>();
  if (isObject(value.records)) {
    for (const key of keys) {
      const record = value.records[key];
      if (key.startsWith('Document:') ? isDocumentRecord(record) : key.startsWith('Row:') && isRowRecord(record)) {
        records.set(key, record as DocumentRecord | RowRecord);
      }
    }
  }
  return { keys, records: records.size > 0 ? records : undefined };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDocumentRecord(value: unknown): value is DocumentRecord {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    typeof value.body === 'string' &&
    Array.isArray(value.tags) &&
    value.tags.every((tag) => typeof tag === 'string') &&
    Number.isInteger(value.revision) &&
    typeof value.updatedAt === 'string'
  );
}

function isRowRecord(value: unknown): value is RowRecord {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.datasetId === 'string' &&
    typeof value.label === 'string' &&
    typeof value.value === 'number' &&
    Number.isFinite(value.value)
  );
}
