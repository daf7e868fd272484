/**
 * Windows of the documents a viewer may read, newest first, keyset-paged on the creation sequence
 * (its unique index, walked backwards), LIMIT one past the window to know whether more follow.
 */
import type { Queryable } from '../../db/db.js';
import { readableBy } from '../access/accessTables.js';
import type { DocumentSortKey, Window } from '../windows/windowTypes.js';
import { documentColumns } from './documentRecord.js';
import type { DocumentRecord, DocumentStore } from './documentTypes.js';

/** The filter of a viewer's list ($1 the tag or NULL, $2 the viewer id or NULL). */
const LISTED = `($1::text IS NULL OR tags @> ARRAY[$1::text]) AND ${readableBy('document', 'documents', '$2')}`;

// Qualified: an unqualified `seq` in ORDER BY would be the text output column, ordered as text.
const FIRST_WINDOW = `SELECT ${documentColumns('documents')}, documents.seq::text AS "sortSeq" FROM documents WHERE ${LISTED}
  ORDER BY documents.seq DESC LIMIT $3`;
const LATER_WINDOW = `SELECT ${documentColumns('documents')}, documents.seq::text AS "sortSeq" FROM documents
  WHERE ${LISTED} AND documents.seq < $4::bigint ORDER BY documents.seq DESC LIMIT $3`;

/** The document-window reads of {@link DocumentStore}. */
export type DocumentWindowMethods = Pick<DocumentStore, 'documentWindow' | 'countDocuments'>;

/** Document windows on `db`. */
export function createDocumentWindowMethods(db: Queryable): DocumentWindowMethods {
  return {
    async documentWindow(tag, viewerId, { first, after }) {
      const params: unknown[] = [tag ?? null, viewerId, first + 1];
      if (after) params.push(after.seq);
      const rows = await db.query<DocumentRecord & { sortSeq: string }>(after ? LATER_WINDOW : FIRST_WINDOW, params);
      return windowOf(rows, first);
    },
    async countDocuments(tag, viewerId) {
      const [row] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM documents WHERE ${LISTED}`, [tag ?? null, viewerId]);
      return row?.count ?? 0;
    },
  };
}

function windowOf(rows: (DocumentRecord & { sortSeq: string })[], first: number): Window<DocumentRecord, DocumentSortKey> {
  const hasMore = rows.length > first;
  const items = (hasMore ? rows.slice(0, first) : rows).map(({ sortSeq: _seq, ...record }) => record);
  const last = rows[items.length - 1];
  return { items, end: last ? { seq: last.sortSeq } : null, hasMore };
}
