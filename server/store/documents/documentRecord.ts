/** How a document row becomes a {@link DocumentRecord}: in SQL (selected columns) and from the change feed. */
import { isoTimestamp } from '../changeFeed/changePayload.js';
import type { DocumentRecord } from './documentTypes.js';

/** The GraphQL type of documents: their resource keys are `Document:<id>`. */
export const DOCUMENT_TYPE = 'Document';
/** The GraphQL type of sections: their resource keys are `Section:<id>`. */
export const SECTION_TYPE = 'Section';

/** The columns of a {@link DocumentRecord}, of table alias `alias` when given. */
export function documentColumns(alias?: string): string {
  const t = alias ? `${alias}.` : '';
  return `${t}id, ${t}title, ${t}body, ${t}tags, ${t}revision, ${t}owner, ${t}visibility,
  to_char(${t}updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;
}

/** A committed `documents` row from the change feed as a record; null when it does not have that shape. */
export function readDocumentRow(row: Readonly<Record<string, unknown>>): DocumentRecord | null {
  const { id, title, body, tags, revision, owner, visibility } = row;
  const updatedAt = isoTimestamp(row.updated_at);
  if (typeof id !== 'string' || typeof title !== 'string' || typeof body !== 'string') return null;
  if (!Array.isArray(tags) || !tags.every((tag): tag is string => typeof tag === 'string')) return null;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || updatedAt === null) return null;
  if (typeof owner !== 'string' || (visibility !== 'PRIVATE' && visibility !== 'PUBLIC')) return null;
  return { id, title, body, tags, revision, updatedAt, owner, visibility };
}
