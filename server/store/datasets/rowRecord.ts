/** How a dataset row becomes a {@link RowRecord}: in SQL (selected columns) and from the change feed. */
import type { Queryable } from '../../db/db.js';
import type { RowRecord } from './datasetTypes.js';

/** The GraphQL type of datasets: their resource keys are `Dataset:<id>`. */
export const DATASET_TYPE = 'Dataset';
/** The GraphQL type of rows: their resource keys are `Row:<id>`. */
export const ROW_TYPE = 'Row';

/** The columns of a `DatasetRecord`. */
export const DATASET_COLUMNS = 'id, name, owner, visibility';

/** The columns of a {@link RowRecord}. */
export const ROW_COLUMNS = `id, dataset_id AS "datasetId", label, value`;

/** A committed `rows` row from the change feed as a record; null when it does not have that shape. */
export function readRowRow(row: Readonly<Record<string, unknown>>): RowRecord | null {
  const { id, dataset_id: datasetId, label, value } = row;
  if (typeof id !== 'string' || typeof datasetId !== 'string' || typeof label !== 'string') return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return { id, datasetId, label, value };
}

/** Inserts rows (with their ids) into a dataset in one statement, keeping their order. */
export async function insertRows(
  q: Queryable,
  datasetId: string,
  rows: readonly { id: string; label: string; value: number }[],
): Promise<void> {
  await q.query(
    `INSERT INTO rows (id, dataset_id, label, value)
     SELECT u.id, $1, u.label, u.value
     FROM unnest($2::text[], $3::text[], $4::float8[]) WITH ORDINALITY AS u (id, label, value, ord)
     ORDER BY u.ord`,
    [datasetId, rows.map((r) => r.id), rows.map((r) => r.label), rows.map((r) => r.value)],
  );
}
