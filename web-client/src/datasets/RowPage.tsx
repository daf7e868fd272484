/**
 * One live window of a dataset's rows (a page of the table), placed at its rows' positions. It tells
 * the table where it ends, so that the table knows where the next page starts.
 */
import { memo, useEffect } from 'react';
import { useQuery } from 'urql';
import type { RowOrder } from '../gql/graphql.js';
import { formatNumber } from '../app/format.js';
import { DatasetRowsQuery } from '../operations/datasets.js';
import { EditableValue } from './EditableValue.js';
import { PAGE_ROWS } from './rowPages.js';

/** Height of one row in px; must match `.rows__row` in styles.css. */
export const ROW_HEIGHT = 36;

/** What a page reports when its window arrives or changes. */
export type PageReport = (index: number, endCursor: string | null, hasNextPage: boolean, totalCount: number) => void;

/** Props of {@link RowPage}. */
export interface RowPageProps {
  datasetId: string;
  orderBy: RowOrder;
  index: number;
  after: string | null;
  editable: boolean;
  onReport: PageReport;
}

/** Renders page `index` (rows after `after`) of dataset `datasetId` in `orderBy` order. */
export function RowPage({ datasetId, orderBy, index, after, editable, onReport }: RowPageProps) {
  const [{ data }] = useQuery({ query: DatasetRowsQuery, variables: { id: datasetId, first: PAGE_ROWS, after, orderBy } });
  const rows = data?.dataset?.rows;
  useEffect(() => {
    if (rows) onReport(index, rows.pageInfo.endCursor, rows.pageInfo.hasNextPage, rows.totalCount);
  }, [rows, index, onReport]);
  if (!rows) return null;
  return (
    <>
      {rows.nodes.map((row, i) => (
        <Row key={row.id} row={row} position={index * PAGE_ROWS + i} editable={editable} />
      ))}
    </>
  );
}

/** A row as a page shows it. */
interface RowData {
  id: string;
  label: string;
  value: number;
}

/** One row, absolutely placed; memoized so unchanged rows (same object) skip rendering. */
const Row = memo(function Row({ row, position, editable }: { row: RowData; position: number; editable: boolean }) {
  return (
    <div className="rows__row" role="row" aria-rowindex={position + 1} style={{ transform: `translateY(${position * ROW_HEIGHT}px)` }} data-row-id={row.id}>
      <span className="muted">{position + 1}</span>
      <span>{row.label}</span>
      {editable ? (
        <EditableValue rowId={row.id} value={row.value} />
      ) : (
        <span className="num" role="cell">
          <span className="value value--read-only">{formatNumber(row.value)}</span>
        </span>
      )}
    </div>
  );
});
