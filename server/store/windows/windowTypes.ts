/**
 * Windows over long lists: a bounded slice of a list in one order, read with LIMIT over an index
 * from just after a sort key (keyset paging), so reading one costs its size, not the list's.
 */

/** How a dataset's rows may be ordered: by position (insertion order) or by value, either way; ties by position. */
export type RowOrder = 'POSITION_ASC' | 'POSITION_DESC' | 'VALUE_ASC' | 'VALUE_DESC';

/**
 * Where a row sorts: its position (`seq`, a bigint as decimal digits) and its value. A window
 * ordered by position reads only `seq`.
 */
export interface RowSortKey {
  seq: string;
  value: number;
}

/** Where a document sorts (newest first): its creation sequence, a bigint as decimal digits. */
export interface DocumentSortKey {
  seq: string;
}

/** A window: at most `first` items after a sort key, in order. */
export interface WindowRequest<K> {
  first: number;
  /** The sort key of the item just before the window (it need not exist any more); null: from the start. */
  after: K | null;
}

/** What a window read: its items, the sort key of the last one (null when empty), and whether more follow. */
export interface Window<T, K> {
  items: T[];
  end: K | null;
  hasMore: boolean;
  /** How many items the whole list holds, when the store read it with the window. */
  total?: number;
}
