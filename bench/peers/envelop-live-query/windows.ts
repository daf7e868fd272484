/**
 * Windows for the peer, as a small in-memory server writes them: sort (rows by `orderBy`), find the
 * cursor (the id of the item before the window), slice. Live updates re-run the whole query, as the
 * peer's live-query store does for every invalidation.
 */
import type { RowRecord } from './memoryStore.js';

/** A connection as the schema's `DocumentConnection` and `RowConnection` have it. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

/** The window of `first` items of `items` after the one whose id is `after` (from the start when null). */
export function windowOf<T extends { id: string }>(items: readonly T[], first: number, after: string | null | undefined): Connection<T> {
  const start = after == null ? 0 : items.findIndex((item) => item.id === after) + 1;
  const nodes = items.slice(start, start + first);
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { endCursor: last ? last.id : null, hasNextPage: start + first < items.length }, totalCount: items.length };
}

/** The orders of `Dataset.rows`. */
export type RowOrder = 'POSITION_ASC' | 'POSITION_DESC' | 'VALUE_ASC' | 'VALUE_DESC';

/** `rows` (in insertion order) in `order`; ties keep insertion order (reversed for VALUE_DESC). */
export function sortRows(rows: readonly RowRecord[], order: RowOrder): readonly RowRecord[] {
  switch (order) {
    case 'POSITION_ASC':
      return rows;
    case 'POSITION_DESC':
      return [...rows].reverse();
    case 'VALUE_ASC':
      return rows.map((row, i) => ({ row, i })).sort((a, b) => a.row.value - b.row.value || a.i - b.i).map(({ row }) => row);
    case 'VALUE_DESC':
      return rows.map((row, i) => ({ row, i })).sort((a, b) => b.row.value - a.row.value || b.i - a.i).map(({ row }) => row);
  }
}
