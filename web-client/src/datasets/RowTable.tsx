/**
 * The rows of a dataset as a table that scrolls through any number of them: the server sends live
 * windows of 50 rows (RowPage), and only the pages in view are live and in the DOM. Scrolling down
 * reaches the next page once the one before it has said where it ends, so the scrollable height grows
 * as the reader goes (a keyset cursor cannot jump to row 500,000 without the pages before it). The
 * order (position or value, either way) is the server's. Values are edited in place by those who may.
 */
import { useCallback, useRef, useState, type UIEvent } from 'react';
import type { RowOrder } from '../gql/graphql.js';
import { ROW_HEIGHT, RowPage, type PageReport } from './RowPage.js';
import { FIRST_PAGE, PAGE_ROWS, pagesInView, withPageEnd, type PageStarts } from './rowPages.js';
import '../access/access.css';

/** Height of the scrolling viewport in px. */
const VIEWPORT_HEIGHT = 432;

const ORDERS: readonly { value: RowOrder; label: string }[] = [
  { value: 'POSITION_ASC', label: 'Position' },
  { value: 'POSITION_DESC', label: 'Position, newest first' },
  { value: 'VALUE_DESC', label: 'Value, largest first' },
  { value: 'VALUE_ASC', label: 'Value, smallest first' },
];

/** Renders dataset `datasetId`'s rows, with values editable when `editable` (owner or editor). */
export function RowTable({ datasetId, editable }: { datasetId: string; editable: boolean }) {
  const [orderBy, setOrderBy] = useState<RowOrder>('POSITION_ASC');
  const [starts, setStarts] = useState<PageStarts>(FIRST_PAGE);
  const [total, setTotal] = useState<number | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);

  const onReport = useCallback<PageReport>((index, endCursor, hasNextPage, totalCount) => {
    setStarts((current) => withPageEnd(current, index, endCursor, hasNextPage));
    setTotal(totalCount);
  }, []);
  const onScroll = useCallback((event: UIEvent<HTMLElement>) => setScrollTop(event.currentTarget.scrollTop), []);
  const changeOrder = (next: RowOrder) => {
    setOrderBy(next);
    setStarts(FIRST_PAGE);
    setScrollTop(0);
    viewport.current?.scrollTo({ top: 0 });
  };

  // The rows in view, partly visible ones included.
  const firstRow = Math.floor(scrollTop / ROW_HEIGHT);
  const lastRow = Math.floor((scrollTop + VIEWPORT_HEIGHT - 1) / ROW_HEIGHT);
  const pages = pagesInView(starts, firstRow, lastRow);
  // Every known page, and the one after the last known one when more follow: room to scroll into.
  const reachable = Math.min(total ?? PAGE_ROWS, starts.length * PAGE_ROWS);
  const shownTo = Math.min(lastRow + 1, reachable);

  return (
    <div className="rows card" role="table" aria-label="Rows" aria-rowcount={total ?? -1}>
      <div className="rows__toolbar">
        <label>
          Order{' '}
          <select value={orderBy} onChange={(event) => changeOrder(event.target.value as RowOrder)} data-testid="row-order">
            {ORDERS.map((order) => (
              <option key={order.value} value={order.value}>
                {order.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="rows-shown">
          {total === null ? '' : `${total === 0 ? 0 : (firstRow + 1).toLocaleString('en-US')}–${shownTo.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`}
        </span>
      </div>
      <div className="rows__row rows__row--head" role="row">
        <span role="columnheader">#</span>
        <span role="columnheader">Label</span>
        <span role="columnheader" className="num">
          Value
        </span>
      </div>
      <div className="rows__viewport" ref={viewport} style={{ height: VIEWPORT_HEIGHT }} onScroll={onScroll} data-testid="rows">
        <div className="rows__spacer" style={{ height: reachable * ROW_HEIGHT }}>
          {pages.map((index) => (
            <RowPage
              key={`${orderBy}:${index}`}
              datasetId={datasetId}
              orderBy={orderBy}
              index={index}
              after={starts[index] ?? null}
              editable={editable}
              onReport={onReport}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
