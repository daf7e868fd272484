/**
 * The rows of a dataset as a table that stays smooth with thousands of rows: fixed row height, and
 * only the rows in (or near) the viewport are in the DOM. Values are edited in place by those who may.
 */
import { memo } from 'react';
import { formatNumber } from '../app/format.js';
import { EditableValue } from './EditableValue.js';
import '../access/access.css';
import { useWindowedRange } from './useWindowedRange.js';

/** Height of one row in px; must match `.rows__row` in styles.css. */
export const ROW_HEIGHT = 36;
/** Height of the scrolling viewport in px. */
const VIEWPORT_HEIGHT = 432;

/** A row as the dataset query returns it. */
export interface RowData {
  id: string;
  label: string;
  value: number;
}

/** Renders `rows`, with values editable when `editable` (the viewer is the owner or an editor). */
export function RowTable({ rows, editable }: { rows: readonly RowData[]; editable: boolean }) {
  const { range, onScroll } = useWindowedRange(rows.length, ROW_HEIGHT, VIEWPORT_HEIGHT);
  const visible = rows.slice(range.start, range.end);
  return (
    <div className="rows card" role="table" aria-label="Rows" aria-rowcount={rows.length}>
      <div className="rows__row rows__row--head" role="row">
        <span role="columnheader">#</span>
        <span role="columnheader">Label</span>
        <span role="columnheader" className="num">
          Value
        </span>
      </div>
      <div className="rows__viewport" style={{ height: VIEWPORT_HEIGHT }} onScroll={onScroll} data-testid="rows">
        <div className="rows__spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          {visible.map((row, i) => (
            <Row key={row.id} row={row} index={range.start + i} editable={editable} />
          ))}
        </div>
      </div>
    </div>
  );
}

/** One row, absolutely placed; memoized so unchanged rows (same object) skip rendering. */
const Row = memo(function Row({ row, index, editable }: { row: RowData; index: number; editable: boolean }) {
  return (
    <div className="rows__row" role="row" aria-rowindex={index + 1} style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }} data-row-id={row.id}>
      <span className="muted">{index + 1}</span>
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
