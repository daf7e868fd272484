/** Windowing for fixed-height rows: which rows intersect the scrolled viewport (plus a margin). */
import { useCallback, useState, type UIEvent } from 'react';

/** The first (inclusive) and last (exclusive) row index to render. */
export interface WindowedRange {
  start: number;
  end: number;
}

/** Computes the rows to render for a viewport of `viewportHeight` px scrolled to `scrollTop`. */
export function windowedRange(count: number, rowHeight: number, viewportHeight: number, scrollTop: number, overscan = 8): WindowedRange {
  const first = Math.floor(scrollTop / rowHeight);
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(count, first + visible + overscan),
  };
}

/** Tracks the scroll position of a viewport and returns the range to render and its onScroll handler. */
export function useWindowedRange(count: number, rowHeight: number, viewportHeight: number) {
  const [scrollTop, setScrollTop] = useState(0);
  const onScroll = useCallback((event: UIEvent<HTMLElement>) => setScrollTop(event.currentTarget.scrollTop), []);
  return { range: windowedRange(count, rowHeight, viewportHeight, scrollTop), onScroll };
}
