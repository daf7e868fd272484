/**
 * The rows of a dataset as a table that stays smooth with thousands of rows: fixed row height, and
 * only the rows in (or near) the viewport are in the DOM. Values are edited in place.
 */
import { memo } from 'react';
import { EditableValue } from './EditableValue.js';
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

/** Renders `rows`. */
export function RowTable({ rows }: { rows: readonly RowData[] }) {
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
            <Row key={row.id} row={row} index={range.start + i} />
          ))}
        </div>
      </div>
    </div>
  );
}

/** One row, absolutely placed; memoized so unchanged rows (same object) skip rendering. */
const Row = memo(function Row({ row, index }: { row: RowData; index: number }) {
  return (
    <div className="rows__row" role="row" aria-rowindex={index + 1} style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }} data-row-id={row.id}>
      <span className="muted">{index + 1}</span>
      <span>{row.label}</span>
      <EditableValue rowId={row.id} value={row.value} />
    </div>
  );
});
