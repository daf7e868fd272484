/** How a comment row becomes a {@link CommentRecord}: in SQL (selected columns) and from the change feed. */
import { isoTimestamp } from '../changeFeed/changePayload.js';
import type { CommentRecord } from './commentTypes.js';

/** The GraphQL type of comments: their resource keys are `Comment:<id>`. */
export const COMMENT_TYPE = 'Comment';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The columns of a {@link CommentRecord}. */
export const COMMENT_COLUMNS = `id, document_id AS "documentId", author, body,
  to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS "createdAt",
  to_char(edited_at AT TIME ZONE 'UTC', ${ISO}) AS "editedAt"`;

/** A committed `comments` row from the change feed as a record; null when it does not have that shape. */
export function readCommentRow(row: Readonly<Record<string, unknown>>): CommentRecord | null {
  const { id, document_id: documentId, author, body } = row;
  const createdAt = isoTimestamp(row.created_at);
  const editedAt = row.edited_at === null ? null : isoTimestamp(row.edited_at);
  if (typeof id !== 'string' || typeof documentId !== 'string' || typeof author !== 'string' || typeof body !== 'string') return null;
  if (createdAt === null || (row.edited_at !== null && editedAt === null)) return null;
  return { id, documentId, author, body, createdAt, editedAt };
}
