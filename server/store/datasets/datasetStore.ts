/** Datasets: reads of datasets, rows and summaries, and dataset creation; row writes are in rowWrites.ts. */
import { readableBy } from '../access/accessTables.js';
import { inOrder, returned, type StoreWrites } from '../storeWrites.js';
import type { DatasetRecord, DatasetStore, RowRecord, SummaryRecord } from './datasetTypes.js';
import { DATASET_COLUMNS, ROW_COLUMNS } from './rowRecord.js';
import { createRowWindowMethods } from './rowWindows.js';
import { createRowWriteMethods } from './rowWrites.js';

/** {@link DatasetStore} over `writes`. */
export function createDatasetStore(writes: StoreWrites): DatasetStore {
  const { db } = writes;
  return {
    async getDataset(id) {
      const [row] = await db.query<DatasetRecord>(`SELECT ${DATASET_COLUMNS} FROM datasets WHERE id = $1`, [id]);
      return row ?? null;
    },
    listDatasets: (viewerId) =>
      db.query<DatasetRecord>(`SELECT ${DATASET_COLUMNS} FROM datasets WHERE ${readableBy('dataset', 'datasets', '$1')} ORDER BY seq`, [viewerId]),
    async getRow(id) {
      const [row] = await db.query<RowRecord>(`SELECT ${ROW_COLUMNS} FROM rows WHERE id = $1`, [id]);
      return row ?? null;
    },
    async getRows(ids) {
      const rows = await db.query<RowRecord>(`SELECT ${ROW_COLUMNS} FROM rows WHERE id = ANY($1::text[])`, [[...ids]]);
      return inOrder(ids, rows);
    },
    rowsOf: (datasetId) => db.query<RowRecord>(`SELECT ${ROW_COLUMNS} FROM rows WHERE dataset_id = $1 ORDER BY seq`, [datasetId]),
    async summaryOf(datasetId) {
      // Count and sum are kept by the row triggers; min and max come from an index.
      const [row] = await db.query<SummaryRecord>(
        `SELECT coalesce(t.row_count, 0)::int AS count, coalesce(t.value_sum, 0)::float8 AS sum,
                (SELECT min(value) FROM rows WHERE dataset_id = $1) AS min,
                (SELECT max(value) FROM rows WHERE dataset_id = $1) AS max,
                CASE WHEN t.row_count > 0 THEN (t.value_sum / t.row_count)::float8 END AS mean
         FROM (SELECT $1::text AS id) d LEFT JOIN dataset_totals t ON t.dataset_id = d.id`,
        [datasetId],
      );
      return row ?? { count: 0, sum: 0, min: null, max: null, mean: null };
    },
    async createDataset(name, owner, visibility) {
      return returned(
        await writes.statement((q) =>
          q.query<DatasetRecord>(`INSERT INTO datasets (name, owner, visibility) VALUES ($1, $2, $3) RETURNING ${DATASET_COLUMNS}`, [
            name,
            owner,
            visibility ?? 'PRIVATE',
          ]),
        ),
      );
    },
    ...createRowWindowMethods(db),
    ...createRowWriteMethods(writes),
  };
}
