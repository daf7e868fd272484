/**
 * The pages of a dataset's rows as the table reads them: live windows of {@link PAGE_ROWS} rows, each
 * starting after the end cursor of the one before. Page 0 starts at the beginning; page i + 1 is known
 * once page i has reported its end cursor and that more rows follow. Only the pages in view are live.
 */

/** Rows per live window. */
export const PAGE_ROWS = 50;

/** `after` of each known page: index 0 is null (the start); one entry per page whose start is known. */
export type PageStarts = readonly (string | null)[];

/** The start of page 0 only. */
export const FIRST_PAGE: PageStarts = [null];

/**
 * Page `index` reported that it ends at `endCursor` and whether rows follow: the next page starts
 * there (or does not exist). Returns `starts` itself when nothing changed, so React skips a render.
 */
export function withPageEnd(starts: PageStarts, index: number, endCursor: string | null, hasNextPage: boolean): PageStarts {
  if (index >= starts.length) return starts;
  const next = index + 1;
  if (!hasNextPage || endCursor === null) return starts.length > next ? starts.slice(0, next) : starts;
  if (starts[next] === endCursor) return starts;
  const updated = starts.slice(0, next);
  updated.push(endCursor);
  // Later starts stay as they were: each is corrected when its page before is in view again.
  for (let i = next + 1; i < starts.length; i++) updated.push(starts[i] ?? null);
  return updated;
}

/** The pages to keep live for a viewport showing rows `firstRow` to `lastRow` (inclusive). */
export function pagesInView(starts: PageStarts, firstRow: number, lastRow: number): number[] {
  const pages: number[] = [];
  const from = Math.max(0, Math.floor(firstRow / PAGE_ROWS));
  const to = Math.floor(lastRow / PAGE_ROWS);
  for (let page = from; page <= to && page < starts.length; page++) pages.push(page);
  return pages;
}
