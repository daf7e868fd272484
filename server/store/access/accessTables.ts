/** Where access lives in SQL: the tables of items, their shares and their children, and the read filter. */
import type { ChildKind, ItemKind } from './accessTypes.js';

/** An item kind's table, its share table and the share table's column holding the item id. */
export interface ItemTables {
  readonly items: string;
  readonly shares: string;
  readonly itemColumn: string;
}

/** The tables of each item kind (fixed names: safe to put into SQL text). */
export const ITEM_TABLES: Readonly<Record<ItemKind, ItemTables>> = {
  document: { items: 'documents', shares: 'document_shares', itemColumn: 'document_id' },
  dataset: { items: 'datasets', shares: 'dataset_shares', itemColumn: 'dataset_id' },
};

/** A child kind's table and the column holding its item's id. */
export const CHILD_TABLES: Readonly<Record<ChildKind, { readonly table: string; readonly itemColumn: string }>> = {
  section: { table: 'sections', itemColumn: 'document_id' },
  comment: { table: 'comments', itemColumn: 'document_id' },
  row: { table: 'rows', itemColumn: 'dataset_id' },
};

/**
 * A condition true for the rows of `alias` (an item table of `kind`) that the viewer in parameter
 * `viewerParam` (a text id, NULL for anonymous) may read: public ones, their own, those shared with them.
 */
export function readableBy(kind: ItemKind, alias: string, viewerParam: string): string {
  const { shares, itemColumn } = ITEM_TABLES[kind];
  return `(${alias}.visibility = 'PUBLIC' OR ${alias}.owner = ${viewerParam}::text OR EXISTS (
    SELECT 1 FROM ${shares} s WHERE s.${itemColumn} = ${alias}.id AND s.viewer_id = ${viewerParam}::text))`;
}
