/**
 * Cursors of windows: opaque to clients, base64url of a short JSON array naming the list (and order)
 * they come from and the sort key of the item they follow. A cursor stays valid when its item is
 * deleted (it names a place in the order, not the item). Decoding checks every part and says what
 * was expected: a cursor from another list or order, or not a cursor at all, is BAD_USER_INPUT.
 */
import type { DocumentSortKey, RowOrder, RowSortKey } from '../../store/types.js';
import { userError } from '../errors.js';

/** A bigint sequence number as decimal digits (what `seq::text` gives). */
const SEQ = /^[0-9]{1,19}$/;

function encode(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The JSON array inside `cursor`, or null when it is not one. */
function decode(cursor: string): unknown[] | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]*$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function isSeq(value: unknown): value is string {
  return typeof value === 'string' && SEQ.test(value);
}

function badCursor(expected: string, cursor: string): never {
  const shown = cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor;
  throw userError('BAD_USER_INPUT', `after: expected ${expected}, but got ${JSON.stringify(shown)}.`);
}

/** The cursor after a row with sort key `key` in a window ordered by `order`. */
export function rowCursor(order: RowOrder, key: RowSortKey): string {
  return encode(order === 'VALUE_ASC' || order === 'VALUE_DESC' ? ['rows', order, key.seq, key.value] : ['rows', order, key.seq]);
}

/** The sort key in a cursor of `rows(orderBy: order)`; throws BAD_USER_INPUT for anything else. */
export function readRowCursor(cursor: string, order: RowOrder): RowSortKey {
  const expected = `a pageInfo.endCursor of rows(orderBy: ${order})`;
  const parts = decode(cursor);
  if (!parts || parts[0] !== 'rows' || !isSeq(parts[2])) return badCursor(expected, cursor);
  if (parts[1] !== order) {
    const from = typeof parts[1] === 'string' ? `rows(orderBy: ${parts[1]})` : 'another list';
    return badCursor(`${expected}; this cursor is from ${from}`, cursor);
  }
  const byValue = order === 'VALUE_ASC' || order === 'VALUE_DESC';
  if (!byValue) return parts.length === 3 ? { seq: parts[2], value: 0 } : badCursor(expected, cursor);
  const value = parts[3];
  if (parts.length !== 4 || typeof value !== 'number' || !Number.isFinite(value)) return badCursor(expected, cursor);
  return { seq: parts[2], value };
}

/** The cursor after a document with sort key `key`. */
export function documentCursor(key: DocumentSortKey): string {
  return encode(['documents', key.seq]);
}

/** The sort key in a cursor of `documents`; throws BAD_USER_INPUT for anything else. */
export function readDocumentCursor(cursor: string): DocumentSortKey {
  const parts = decode(cursor);
  if (!parts || parts.length !== 2 || parts[0] !== 'documents' || !isSeq(parts[1])) {
    const from = parts?.[0] === 'rows' ? '; this cursor is from Dataset.rows' : '';
    return badCursor(`a pageInfo.endCursor of documents${from}`, cursor);
  }
  return { seq: parts[1] };
}
