/**
 * {@link AccessStore} over the store's writes. Share and visibility writes are plain statements (never
 * marked as announced by the store), so the change trigger announces them with the item's root keys.
 */
import type { StoreWrites } from '../storeWrites.js';
import { StoreError } from '../types.js';
import { CHILD_TABLES, ITEM_TABLES } from './accessTables.js';
import type { AccessStore, ShareRecord, ShareRole } from './accessTypes.js';

/** {@link AccessStore} over `writes`. */
export function createAccessStore(writes: StoreWrites): AccessStore {
  const { db } = writes;
  const notFound = (kind: string, id: string) => new StoreError('NOT_FOUND', `${kind} ${id} not found`);
  return {
    async rolesOf(kind, ids, viewerId) {
      const { shares, itemColumn } = ITEM_TABLES[kind];
      const rows = await db.query<{ id: string; role: ShareRole }>(
        `SELECT ${itemColumn} AS id, role FROM ${shares} WHERE ${itemColumn} = ANY($1::text[]) AND viewer_id = $2`,
        [[...new Set(ids)], viewerId],
      );
      return new Map(rows.map((row) => [row.id, row.role]));
    },
    async sharesOf(kind, ids) {
      const { shares, itemColumn } = ITEM_TABLES[kind];
      const result = new Map<string, ShareRecord[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return result;
      const rows = await db.query<ShareRecord>(
        `SELECT ${itemColumn} AS "itemId", viewer_id AS "viewerId", role FROM ${shares}
         WHERE ${itemColumn} = ANY($1::text[]) ORDER BY ${itemColumn}, viewer_id`,
        [[...new Set(ids)]],
      );
      for (const row of rows) result.get(row.itemId)?.push(row);
      return result;
    },
    async parentsOf(kind, ids) {
      const { table, itemColumn } = CHILD_TABLES[kind];
      const rows = await db.query<{ id: string; item: string }>(`SELECT id, ${itemColumn} AS item FROM ${table} WHERE id = ANY($1::text[])`, [
        [...new Set(ids)],
      ]);
      return new Map(rows.map((row) => [row.id, row.item]));
    },
    async share(kind, id, viewerId, role) {
      const { items, shares, itemColumn } = ITEM_TABLES[kind];
      // One statement: the item's existence is checked by the INSERT that shares it.
      const rows = await writes.statement((q) =>
        q.query(
          `INSERT INTO ${shares} (${itemColumn}, viewer_id, role) SELECT id, $2, $3 FROM ${items} WHERE id = $1
           ON CONFLICT (${itemColumn}, viewer_id) DO UPDATE SET role = excluded.role
           RETURNING 1`,
          [id, viewerId, role],
        ),
      );
      if (rows.length === 0) throw notFound(kind, id);
    },
    async unshare(kind, id, viewerId) {
      const { items, shares, itemColumn } = ITEM_TABLES[kind];
      const rows = await writes.statement((q) =>
        q.query<{ found: boolean }>(
          `WITH gone AS (DELETE FROM ${shares} WHERE ${itemColumn} = $1 AND viewer_id = $2 RETURNING 1)
           SELECT EXISTS (SELECT 1 FROM ${items} WHERE id = $1) AS found`,
          [id, viewerId],
        ),
      );
      if (!rows[0]?.found) throw notFound(kind, id);
    },
    async setVisibility(kind, id, visibility) {
      const { items } = ITEM_TABLES[kind];
      // Setting the visibility it has changes nothing, and announces nothing.
      const rows = await writes.statement((q) =>
        q.query<{ found: boolean }>(
          `WITH changed AS (UPDATE ${items} SET visibility = $2 WHERE id = $1 AND visibility <> $2 RETURNING 1)
           SELECT EXISTS (SELECT 1 FROM ${items} WHERE id = $1) AS found`,
          [id, visibility],
        ),
      );
      if (!rows[0]?.found) throw notFound(kind, id);
    },
  };
}
