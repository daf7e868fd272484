/**
 * Sections of documents. Structural changes lock the owning document, so concurrent ones serialize;
 * positions are kept dense (0…n-1) and the triggers count one revision per change of the order.
 */
import type { Queryable } from '../../db/db.js';
import { MARK_ANNOUNCED, UNMARK_ANNOUNCED } from '../ownWrites.js';
import { returned, type StoreWrites } from '../storeWrites.js';
import { StoreError } from '../types.js';
import { selectDocument } from './documentStore.js';
import type { DocumentStore, SectionRecord } from './documentTypes.js';

const SECTION_COLUMNS = `id, document_id AS "documentId", heading, body, position`;

/** The section half of {@link DocumentStore}. */
export type SectionMethods = Pick<DocumentStore, 'sectionsOf' | 'getSection' | 'addSection' | 'updateSection' | 'moveSection' | 'removeSection'>;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** Locks the document owning section `sectionId` (serializing structural changes); null if none. */
async function lockDocumentOfSection(tx: Queryable, sectionId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `SELECT d.id FROM documents d JOIN sections s ON s.document_id = d.id WHERE s.id = $1 FOR UPDATE OF d`,
    [sectionId],
  );
  return row?.id ?? null;
}

async function countSections(tx: Queryable, documentId: string): Promise<number> {
  const [row] = await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM sections WHERE document_id = $1', [documentId]);
  return row?.count ?? 0;
}

/**
 * Renumbers a document's sections to 0…n-1 in their current order, leaving a hole at `gapAt` when
 * given. One statement, touching only rows whose position changes; the order is unchanged, so the
 * triggers do not count it as a revision, and no reader can see it: the statement is marked as
 * announced by its writer, which announces nothing (the insert or delete it makes room for, or
 * closes the gap of, announces the document's list of sections).
 */
async function renumberSections(tx: Queryable, documentId: string, gapAt: number | null): Promise<void> {
  await tx.query(
    `UPDATE sections s SET position = o.target
     FROM (
       SELECT id, (idx + CASE WHEN $2::int IS NOT NULL AND idx >= $2::int THEN 1 ELSE 0 END)::int AS target
       FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS idx FROM sections WHERE document_id = $1) r
     ) o
     WHERE s.id = o.id AND s.position <> o.target AND ${MARK_ANNOUNCED}`,
    [documentId, gapAt],
  );
  await tx.query(UNMARK_ANNOUNCED);
}

/** Adds a section at `position` (clamped; default: append) in one transaction. */
function addSection(writes: StoreWrites): SectionMethods['addSection'] {
  return (documentId, fields, position) =>
    writes.transaction(async (tx) => {
      const locked = await tx.query('SELECT id FROM documents WHERE id = $1 FOR UPDATE', [documentId]);
      if (locked.length === 0) throw new StoreError('NOT_FOUND', `document ${documentId} not found`);
      const count = await countSections(tx, documentId);
      const at = position == null ? count : clamp(position, 0, count);
      // Make room without changing the order (no revision), then insert (one revision).
      if (at < count) await renumberSections(tx, documentId, at);
      const rows = await tx.query<SectionRecord>(
        `INSERT INTO sections (document_id, heading, body, position) VALUES ($1, $2, $3, $4)
         RETURNING ${SECTION_COLUMNS}`,
        [documentId, fields.heading, fields.body, at],
      );
      return returned(rows);
    });
}

/** Moves a section to `position` (clamped) in one statement, so one move is one revision. */
function moveSection(writes: StoreWrites): SectionMethods['moveSection'] {
  return (id, position) =>
    writes.transaction(async (tx) => {
      const documentId = await lockDocumentOfSection(tx, id);
      if (documentId === null) throw new StoreError('NOT_FOUND', `section ${id} not found`);
      // A concurrent removal may have won the lock first: this statement sees its commit.
      const present = await tx.query('SELECT 1 FROM sections WHERE id = $1', [id]);
      if (present.length === 0) throw new StoreError('NOT_FOUND', `section ${id} not found`);
      const count = await countSections(tx, documentId);
      const at = clamp(position, 0, count - 1);
      await tx.query(
        `UPDATE sections s SET position = t.target
         FROM (
           SELECT id, (CASE WHEN idx < $3::int THEN idx ELSE idx + 1 END)::int AS target
           FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS idx
                 FROM sections WHERE document_id = $1 AND id <> $2) r
           UNION ALL
           SELECT $2::text, $3::int
         ) t
         WHERE s.id = t.id AND s.position <> t.target`,
        [documentId, id, at],
      );
      const document = await selectDocument(tx, documentId);
      if (!document) throw new StoreError('NOT_FOUND', `document ${documentId} not found`);
      return document;
    });
}

/** Sections over `writes`. */
export function createSectionMethods(writes: StoreWrites): SectionMethods {
  const { db } = writes;
  return {
    async sectionsOf(documentIds) {
      const result = new Map<string, SectionRecord[]>(documentIds.map((id) => [id, []]));
      if (documentIds.length === 0) return result;
      const rows = await db.query<SectionRecord>(
        `SELECT id, document_id AS "documentId", heading, body,
                (row_number() OVER (PARTITION BY document_id ORDER BY position, id) - 1)::int AS position
         FROM sections WHERE document_id = ANY($1::text[])
         ORDER BY 2, 5`,
        [[...new Set(documentIds)]],
      );
      for (const row of rows) result.get(row.documentId)?.push(row);
      return result;
    },
    async getSection(id) {
      const [row] = await db.query<SectionRecord>(
        `SELECT s.id, s.document_id AS "documentId", s.heading, s.body,
                (SELECT count(*) FROM sections o
                 WHERE o.document_id = s.document_id AND (o.position, o.id) < (s.position, s.id))::int AS position
         FROM sections s WHERE s.id = $1`,
        [id],
      );
      return row ?? null;
    },
    addSection: addSection(writes),
    async updateSection(id, fields) {
      const [row] = await writes.statement((q) =>
        q.query<SectionRecord>(
          `WITH u AS (
             UPDATE sections SET heading = $2, body = $3 WHERE id = $1
             RETURNING id, document_id, heading, body, position
           )
           SELECT u.id, u.document_id AS "documentId", u.heading, u.body,
                  (SELECT count(*) FROM sections s
                   WHERE s.document_id = u.document_id AND (s.position, s.id) < (u.position, u.id))::int AS position
           FROM u`,
          [id, fields.heading, fields.body],
        ),
      );
      if (!row) throw new StoreError('NOT_FOUND', `section ${id} not found`);
      return row;
    },
    moveSection: moveSection(writes),
    removeSection: (id) =>
      writes.transaction(async (tx) => {
        const documentId = await lockDocumentOfSection(tx, id);
        if (documentId === null) throw new StoreError('NOT_FOUND', `section ${id} not found`);
        // A concurrent removal may have won the lock first: this statement sees its commit.
        const removed = await tx.query('DELETE FROM sections WHERE id = $1 RETURNING id', [id]);
        if (removed.length === 0) throw new StoreError('NOT_FOUND', `section ${id} not found`);
        await renumberSections(tx, documentId, null);
      }),
  };
}
