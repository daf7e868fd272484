/** The datasets aggregate: datasets, their rows and the summary the database keeps. */
import type { Visibility } from '../access/accessTypes.js';
import type { RowOrder, RowSortKey, Window, WindowRequest } from '../windows/windowTypes.js';

/** A dataset; resolvers map it onto the GraphQL `Dataset`. */
export interface DatasetRecord {
  id: string;
  name: string;
  /** The viewer id of its owner. */
  owner: string;
  visibility: Visibility;
}

/** One labelled value of a dataset. */
export interface RowRecord {
  id: string;
  datasetId: string;
  label: string;
  value: number;
}

/** Aggregates over a dataset's values; min, max and mean are null when it has no rows. */
export interface SummaryRecord {
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  mean: number | null;
}

/** A row to insert (no id) or update (with the id of a row of the same dataset). */
export interface RowFields {
  id?: string | null;
  label: string;
  value: number;
}

/** Datasets and rows. Throws {@link StoreError} NOT_FOUND as documented per method. */
export interface DatasetStore {
  getDataset(id: string): Promise<DatasetRecord | null>;
  /** The datasets `viewerId` may read (as {@link DocumentStore.listDocuments}), oldest first. */
  listDatasets(viewerId: string | null): Promise<DatasetRecord[]>;
  /** One row by id, or null. */
  getRow(id: string): Promise<RowRecord | null>;
  /** Several rows in one query, in the order of `ids` (null for missing ones). */
  getRows(ids: readonly string[]): Promise<(RowRecord | null)[]>;
  /** All rows in insertion order (maintenance and tests; the API reads windows). */
  rowsOf(datasetId: string): Promise<RowRecord[]>;
  /** A window of a dataset's rows in `order` (empty for an unknown dataset). */
  rowWindow(datasetId: string, order: RowOrder, request: WindowRequest<RowSortKey>): Promise<Window<RowRecord, RowSortKey>>;
  /** How many rows a dataset has (kept by the row triggers, not counted). */
  rowCountOf(datasetId: string): Promise<number>;
  summaryOf(datasetId: string): Promise<SummaryRecord>;
  /** An empty dataset owned by `owner` (a viewer id); PRIVATE unless `visibility` says otherwise. */
  createDataset(name: string, owner: string, visibility?: Visibility | null): Promise<DatasetRecord>;
  /** All-or-nothing: an id that is not a row of this dataset throws NOT_FOUND and writes nothing. */
  upsertRows(datasetId: string, rows: readonly RowFields[]): Promise<RowRecord[]>;
  /** Throws NOT_FOUND. */
  setRowValue(id: string, value: number): Promise<RowRecord>;
  /** Returns how many of the ids existed and were deleted. */
  deleteRows(ids: readonly string[]): Promise<number>;
}
