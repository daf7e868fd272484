/**
 * Windows of a dataset's rows, keyset-paged: by position over `rows (dataset_id, seq)`, by value over
 * `rows (dataset_id, value, seq)`, either way, LIMIT one past the window (to know whether more
 * follow). The row count comes from `dataset_totals`, which the row triggers keep, in the same statement.
 */
import type { Queryable } from '../../db/db.js';
import type { RowOrder, RowSortKey, Window, WindowRequest } from '../windows/windowTypes.js';
import type { DatasetStore, RowRecord } from './datasetTypes.js';
import { ROW_COLUMNS } from './rowRecord.js';

/** The ORDER BY of each order, and the condition "after the sort key in $3 (seq) and $4 (value)". */
const ORDERS: Readonly<Record<RowOrder, { orderBy: string; after: string }>> = {
  POSITION_ASC: { orderBy: 'r.seq', after: 'r.seq > $3::bigint' },
  POSITION_DESC: { orderBy: 'r.seq DESC', after: 'r.seq < $3::bigint' },
  VALUE_ASC: { orderBy: 'r.value, r.seq', after: '(r.value, r.seq) > ($4::float8, $3::bigint)' },
  VALUE_DESC: { orderBy: 'r.value DESC, r.seq DESC', after: '(r.value, r.seq) < ($4::float8, $3::bigint)' },
};

/**
 * The statement text of a window per order, with and without a sort key to start after. Columns are
 * qualified: an unqualified `seq` in ORDER BY would be the text output column `seq`, ordered as text.
 */
function windowSql(order: RowOrder, after: boolean): string {
  const { orderBy, after: condition } = ORDERS[order];
  return `SELECT ${ROW_COLUMNS}, r.seq::text AS "sortSeq", (SELECT row_count FROM dataset_totals WHERE dataset_id = $1)::int AS total
    FROM rows r WHERE r.dataset_id = $1${after ? ` AND ${condition}` : ''} ORDER BY ${orderBy} LIMIT $2`;
}

const STATEMENTS = new Map<string, string>();
for (const order of Object.keys(ORDERS) as RowOrder[]) {
  for (const after of [false, true]) STATEMENTS.set(`${order}:${after}`, windowSql(order, after));
}

/** The row-window reads of {@link DatasetStore}. */
export type RowWindowMethods = Pick<DatasetStore, 'rowWindow' | 'rowCountOf'>;

/** Row windows on `db`. */
export function createRowWindowMethods(db: Queryable): RowWindowMethods {
  return {
    rowWindow: (datasetId, order, request) => readRowWindow(db, datasetId, order, request),
    async rowCountOf(datasetId) {
      const [row] = await db.query<{ count: number }>(
        'SELECT coalesce((SELECT row_count FROM dataset_totals WHERE dataset_id = $1), 0)::int AS count',
        [datasetId],
      );
      return row?.count ?? 0;
    },
  };
}

async function readRowWindow(
  db: Queryable,
  datasetId: string,
  order: RowOrder,
  { first, after }: WindowRequest<RowSortKey>,
): Promise<Window<RowRecord, RowSortKey>> {
  const sql = STATEMENTS.get(`${order}:${after !== null}`) as string;
  const byValue = order === 'VALUE_ASC' || order === 'VALUE_DESC';
  const params: unknown[] = [datasetId, first + 1];
  if (after) params.push(after.seq, ...(byValue ? [after.value] : []));
  const rows = await db.query<RowRecord & { sortSeq: string; total: number | null }>(sql, params);
  const hasMore = rows.length > first;
  const items = (hasMore ? rows.slice(0, first) : rows).map(({ sortSeq: _seq, total: _total, ...record }) => record);
  const last = rows[items.length - 1];
  // The count rides along (one statement less per update); an empty window does not carry it.
  const total = rows[0]?.total ?? undefined;
  return { items, end: last ? { seq: last.sortSeq, value: last.value } : null, hasMore, ...(total !== undefined && { total }) };
}
