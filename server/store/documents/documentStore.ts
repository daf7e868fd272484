/** Documents: reads, and writes whose revisions and change keys the database triggers keep. */
import { objectKey, rootFieldKey } from '../../keys/resourceKeys.js';
import type { Queryable } from '../../db/db.js';
import { readableBy } from '../access/accessTables.js';
import { inOrder, returned, type StoreWrites } from '../storeWrites.js';
import { StoreError } from '../types.js';
import { DOCUMENT_TYPE, documentColumns } from './documentRecord.js';
import type { DocumentRecord, DocumentStore } from './documentTypes.js';
import { createDocumentReads } from './documentReads.js';
import { createDocumentUpdates } from './documentUpdates.js';
import { updateDocumentsTogether } from './documentUpdatesTogether.js';

const DOCUMENT_COLUMNS = documentColumns();

/** One document by id on `q`, or null. */
export async function selectDocument(q: Queryable, id: string): Promise<DocumentRecord | null> {
  const [row] = await q.query<DocumentRecord>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [id]);
  return row ?? null;
}

/** The document half of {@link DocumentStore} (sections: sectionStore.ts). */
export type DocumentMethods = Pick<
  DocumentStore,
  'getDocument' | 'getDocuments' | 'listDocuments' | 'createDocument' | 'updateDocument' | 'updateDocumentsTogether' | 'deleteDocument'
>;

/** Documents over `writes`. */
export function createDocumentMethods(writes: StoreWrites): DocumentMethods {
  const { db } = writes;
  // Announced by the store itself (see StoreWrites.ownWrite): the keys the change trigger would send.
  const announceUpdated = (rows: readonly DocumentRecord[], tagsGiven: boolean) => {
    const records = new Map<string, DocumentRecord>();
    for (const row of rows) records.set(objectKey(DOCUMENT_TYPE, row.id), row);
    const keys = [...records.keys()];
    if (tagsGiven && keys.length > 0) keys.push(rootFieldKey('Query', 'documents'));
    writes.announce(keys, records);
  };
  const updateDocuments = createDocumentUpdates(writes.ownWrite, announceUpdated);
  const getDocuments = async (ids: readonly string[]) => {
    const rows = await db.query<DocumentRecord>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ANY($1::text[])`, [[...ids]]);
    return inOrder(ids, rows);
  };
  return {
    // Reads of one document in the same turn share a statement (documentReads.ts).
    getDocument: createDocumentReads(getDocuments),
    getDocuments,
    listDocuments(tag, viewerId) {
      return db.query<DocumentRecord>(
        `SELECT ${DOCUMENT_COLUMNS} FROM documents
         WHERE ($1::text IS NULL OR tags @> ARRAY[$1::text]) AND ${readableBy('document', 'documents', '$2')}
         ORDER BY seq DESC`,
        [tag ?? null, viewerId],
      );
    },
    async createDocument(fields, owner) {
      const rows = await writes.statement((q) =>
        q.query<DocumentRecord>(
          `INSERT INTO documents (title, body, tags, owner, visibility) VALUES ($1, $2, $3::text[], $4, $5)
           RETURNING ${DOCUMENT_COLUMNS}`,
          [fields.title, fields.body ?? '', fields.tags ?? [], owner, fields.visibility ?? 'PRIVATE'],
        ),
      );
      return returned(rows);
    },
    async updateDocument(id, fields, expectedRevision) {
      // One statement, shared with the other updates of this turn (documentUpdates.ts).
      const row = await updateDocuments({ id, fields, expectedRevision });
      if (row) return row;
      // Nothing was written; the revision read here only explains the refusal.
      const current = await selectDocument(db, id);
      if (!current) throw new StoreError('NOT_FOUND', `document ${id} not found`);
      throw new StoreError('CONFLICT', `document ${id} is at revision ${current.revision}, not ${String(expectedRevision)}`);
    },
    async updateDocumentsTogether(updates) {
      if (new Set(updates.map((u) => u.id)).size !== updates.length) {
        throw new Error('updateDocumentsTogether: each document may be updated once');
      }
      if (updates.length === 0) return [];
      return updateDocumentsTogether(writes.ownWriteAll, announceUpdated, updates);
    },
    async deleteDocument(id) {
      const rows = await writes.statement((q) => q.query('DELETE FROM documents WHERE id = $1 RETURNING id', [id]));
      if (rows.length === 0) throw new StoreError('NOT_FOUND', `document ${id} not found`);
    },
  };
}
