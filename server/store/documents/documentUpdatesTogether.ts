/**
 * Updates of several distinct documents written together: one statement, which writes every one of
 * them or, when any document is missing or not at its expected revision, none. A mutation request of
 * many `updateDocument` fields is written this way (server/graphql/resolvers/updateDocumentBatch.ts):
 * one statement and one commit instead of one each.
 */
import type { OwnWriteAll } from '../ownWrites.js';
import { documentColumns } from './documentRecord.js';
import type { DocumentRecord } from './documentTypes.js';
import { SET_FROM_V, UPDATES_OF_PARAMS, updateParams, withoutOrd, type DocumentUpdate } from './documentUpdates.js';

/**
 * Writes `updates` (of distinct documents) all or none: resolves with their rows in the order of
 * `updates`, or null when nothing was written. `announce` gets the rows where the store announces its
 * own writes.
 */
export async function updateDocumentsTogether(
  write: OwnWriteAll,
  announce: (rows: readonly DocumentRecord[], tagsGiven: boolean) => void,
  updates: readonly DocumentUpdate[],
): Promise<DocumentRecord[] | null> {
  const tagsGiven = updates.some((u) => u.fields.tags != null);
  // The guard counts the documents that would be written, in the statement's own snapshot.
  const rows = await write<DocumentRecord & { ord: number }>(
    (mark) => `WITH v AS (SELECT * FROM ${UPDATES_OF_PARAMS} AS u (id, title, body, tags, expected, ord))
     UPDATE documents d
     ${SET_FROM_V}
     FROM v
     WHERE d.id = v.id AND (v.expected IS NULL OR d.revision = v.expected) AND ${mark}
       AND (SELECT count(*) FROM documents e JOIN v w ON e.id = w.id WHERE w.expected IS NULL OR e.revision = w.expected)
           = cardinality($1::text[])
     RETURNING v.ord::int AS ord, ${documentColumns('d')}`,
    updateParams(updates),
    updates.length,
    (written) => announce(written.map(withoutOrd), tagsGiven),
  );
  if (!rows) return null;
  const ordered = new Array<DocumentRecord>(updates.length);
  for (const row of rows) ordered[row.ord - 1] = withoutOrd(row);
  return ordered;
}
