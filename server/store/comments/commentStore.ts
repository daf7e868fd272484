/** Comments on documents: reads (batched per document) and writes; the change trigger announces them. */
import { inOrder, returned, type StoreWrites } from '../storeWrites.js';
import { StoreError } from '../types.js';
import { COMMENT_COLUMNS } from './commentRecord.js';
import type { CommentRecord, CommentStore } from './commentTypes.js';

/** {@link CommentStore} over `writes`. */
export function createCommentStore(writes: StoreWrites): CommentStore {
  const { db } = writes;
  return {
    async getComments(ids) {
      const rows = await db.query<CommentRecord>(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE id = ANY($1::text[])`, [[...ids]]);
      return inOrder(ids, rows);
    },
    async commentsOf(documentIds) {
      const result = new Map<string, CommentRecord[]>(documentIds.map((id) => [id, []]));
      if (documentIds.length === 0) return result;
      const rows = await db.query<CommentRecord>(
        `SELECT ${COMMENT_COLUMNS} FROM comments WHERE document_id = ANY($1::text[]) ORDER BY document_id, seq`,
        [[...new Set(documentIds)]],
      );
      for (const row of rows) result.get(row.documentId)?.push(row);
      return result;
    },
    async addComment(documentId, fields) {
      // One statement: the document's existence is checked by the same INSERT that adds the comment.
      const rows = await writes.statement((q) =>
        q.query<CommentRecord>(
          `INSERT INTO comments (document_id, author, body) SELECT id, $2, $3 FROM documents WHERE id = $1
           RETURNING ${COMMENT_COLUMNS}`,
          [documentId, fields.author, fields.body],
        ),
      );
      if (rows.length === 0) throw new StoreError('NOT_FOUND', `document ${documentId} not found`);
      return returned(rows);
    },
    async updateComment(id, body) {
      const [row] = await writes.statement((q) =>
        q.query<CommentRecord>(`UPDATE comments SET body = $2, edited_at = now() WHERE id = $1 RETURNING ${COMMENT_COLUMNS}`, [id, body]),
      );
      if (!row) throw new StoreError('NOT_FOUND', `comment ${id} not found`);
      return row;
    },
    async deleteComment(id) {
      const rows = await writes.statement((q) => q.query('DELETE FROM comments WHERE id = $1 RETURNING id', [id]));
      if (rows.length === 0) throw new StoreError('NOT_FOUND', `comment ${id} not found`);
    },
  };
}
