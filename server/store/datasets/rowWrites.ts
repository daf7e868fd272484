/** Writes of dataset rows: upserts (all or nothing), single values, deletes. */
import { randomUUID } from 'node:crypto';
import { fieldKey, objectKey, orderedFieldKey } from '../../keys/resourceKeys.js';
import type { Queryable } from '../../db/db.js';
import type { StoreWrites } from '../storeWrites.js';
import { StoreError } from '../types.js';
import type { DatasetStore, RowFields, RowRecord } from './datasetTypes.js';
import { DATASET_TYPE, ROW_COLUMNS, ROW_TYPE, insertRows } from './rowRecord.js';

/** The row writes of {@link DatasetStore}. */
export type RowWriteMethods = Pick<DatasetStore, 'upsertRows' | 'setRowValue' | 'deleteRows'>;

/** Updates the rows of `updates` (ids of rows of `datasetId`), all or nothing; an id given twice: the last wins. */
async function updateRows(tx: Queryable, datasetId: string, updates: readonly RowFields[]): Promise<void> {
  const wanted = [...new Set(updates.map((r) => r.id as string))];
  const found = await tx.query<{ id: string }>('SELECT id FROM rows WHERE id = ANY($1::text[]) AND dataset_id = $2 FOR UPDATE', [
    wanted,
    datasetId,
  ]);
  if (found.length !== wanted.length) {
    const present = new Set(found.map((r) => r.id));
    const missing = wanted.find((id) => !present.has(id));
    throw new StoreError('NOT_FOUND', `row ${String(missing)} not found in dataset ${datasetId}`);
  }
  await tx.query(
    `UPDATE rows r SET label = u.label, value = u.value
     FROM (
       SELECT DISTINCT ON (id) id, label, value
       FROM unnest($2::text[], $3::text[], $4::float8[]) WITH ORDINALITY AS u (id, label, value, ord)
       ORDER BY id, ord DESC
     ) u
     WHERE r.id = u.id AND r.dataset_id = $1`,
    [datasetId, updates.map((r) => r.id), updates.map((r) => r.label), updates.map((r) => r.value)],
  );
}

/** The records of an upsert in the order of `rows`, each row as its last occurrence left it. */
function upsertedRecords(datasetId: string, rows: readonly RowFields[], insertedIds: readonly string[]): RowRecord[] {
  const final = new Map<string, RowRecord>();
  let next = 0;
  const result = rows.map((r): RowRecord => {
    const id = r.id ?? insertedIds[next++];
    if (id === undefined) throw new Error('upsertedRecords: fewer inserted ids than rows without an id');
    const record = { id, datasetId, label: r.label, value: r.value };
    final.set(id, record);
    return record;
  });
  return result.map((r) => final.get(r.id) ?? r);
}

/** Row writes over `writes`. */
export function createRowWriteMethods(writes: StoreWrites): RowWriteMethods {
  return {
    upsertRows: (datasetId, rows) =>
      writes.transaction(async (tx) => {
        const dataset = await tx.query('SELECT id FROM datasets WHERE id = $1 FOR SHARE', [datasetId]);
        if (dataset.length === 0) throw new StoreError('NOT_FOUND', `dataset ${datasetId} not found`);
        const updates = rows.filter((r) => r.id != null);
        const inserts = rows.filter((r) => r.id == null).map((r) => ({ ...r, id: randomUUID() }));
        if (updates.length > 0) await updateRows(tx, datasetId, updates);
        if (inserts.length > 0) await insertRows(tx, datasetId, inserts);
        return upsertedRecords(datasetId, rows, inserts.map((r) => r.id));
      }),
    async setRowValue(id, value) {
      const [row] = await writes.ownWrite<RowRecord>(
        (mark) => `UPDATE rows SET value = $2 WHERE id = $1 AND ${mark} RETURNING ${ROW_COLUMNS}`,
        [id, value],
        // Announced by the store itself: the keys the change trigger would send.
        (changed) => {
          for (const record of changed) {
            const key = objectKey(ROW_TYPE, record.id);
            const dataset = record.datasetId;
            const keys = [key, fieldKey(DATASET_TYPE, dataset, 'summary'), orderedFieldKey(DATASET_TYPE, dataset, 'rows', 'value')];
            writes.announce(keys, new Map([[key, record]]));
          }
        },
      );
      if (!row) throw new StoreError('NOT_FOUND', `row ${id} not found`);
      return row;
    },
    async deleteRows(ids) {
      if (ids.length === 0) return 0;
      const rows = await writes.statement((q) => q.query('DELETE FROM rows WHERE id = ANY($1::text[]) RETURNING id', [[...ids]]));
      return rows.length;
    },
  };
}
