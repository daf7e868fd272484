/** Plain records as the store returns them; resolvers map them onto the GraphQL types. */
export interface DocumentRecord {
  id: string;
  title: string;
  body: string;
  tags: string[];
  revision: number;
  /** ISO 8601, UTC. */
  updatedAt: string;
}

export interface SectionRecord {
  id: string;
  documentId: string;
  heading: string;
  body: string;
  /** 0-based order within the document. */
  position: number;
}

export interface DatasetRecord {
  id: string;
  name: string;
}

export interface RowRecord {
  id: string;
  datasetId: string;
  label: string;
  value: number;
}

export interface SummaryRecord {
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  mean: number | null;
}

export interface CreateDocumentFields {
  title: string;
  body?: string | null;
  tags?: string[] | null;
}

export interface UpdateDocumentFields {
  title?: string | null;
  body?: string | null;
  tags?: string[] | null;
}

export interface SectionFields {
  heading: string;
  body: string;
}

export interface RowFields {
  id?: string | null;
  label: string;
  value: number;
}

/**
 * Called with the invalidation keys of committed writes (see docs/protocol.md, "Resource keys") and,
 * when the change feed carried them, the committed records of some of those keys (`Document:<id>`,
 * `Row:<id>`): the state as of this notification, as `getDocument`/`getRow` would have read it.
 */
export type ChangeListener = (keys: string[], records?: ReadonlyMap<string, DocumentRecord | RowRecord>) => void;

/**
 * Persistence for documents and datasets. Input is assumed validated by the caller (lengths, finiteness);
 * the store throws {@link StoreError} for NOT_FOUND and CONFLICT.
 */
export interface Store {
  getDocument(id: string): Promise<DocumentRecord | null>;
  /** Several documents in one query, in the order of `ids` (null for missing ones). */
  getDocuments(ids: readonly string[]): Promise<(DocumentRecord | null)[]>;
  /** Newest first (by creation); with a tag, only documents carrying it. */
  listDocuments(tag?: string | null): Promise<DocumentRecord[]>;
  /** Sections of many documents at once (for batching), each list in position order. */
  sectionsOf(documentIds: readonly string[]): Promise<Map<string, SectionRecord[]>>;
  /** One section by id (position = its index in the document), or null. */
  getSection(id: string): Promise<SectionRecord | null>;
  getDataset(id: string): Promise<DatasetRecord | null>;
  /** One row by id, or null. */
  getRow(id: string): Promise<RowRecord | null>;
  /** Several rows in one query, in the order of `ids` (null for missing ones). */
  getRows(ids: readonly string[]): Promise<(RowRecord | null)[]>;
  /** Oldest first. */
  listDatasets(): Promise<DatasetRecord[]>;
  /** Rows in insertion order. */
  rowsOf(datasetId: string): Promise<RowRecord[]>;
  summaryOf(datasetId: string): Promise<SummaryRecord>;

  createDocument(fields: CreateDocumentFields): Promise<DocumentRecord>;
  /** Throws NOT_FOUND, or CONFLICT (writing nothing) when expectedRevision is given and differs. */
  updateDocument(id: string, fields: UpdateDocumentFields, expectedRevision?: number | null): Promise<DocumentRecord>;
  /** Throws NOT_FOUND. */
  deleteDocument(id: string): Promise<void>;
  /** position clamped to [0, count]; default: append. Throws NOT_FOUND for the document. */
  addSection(documentId: string, fields: SectionFields, position?: number | null): Promise<SectionRecord>;
  updateSection(id: string, fields: SectionFields): Promise<SectionRecord>;
  /** position clamped to [0, count-1]. Returns the owning document after the move. */
  moveSection(id: string, position: number): Promise<DocumentRecord>;
  removeSection(id: string): Promise<void>;
  createDataset(name: string): Promise<DatasetRecord>;
  /** All-or-nothing: an id that is not a row of this dataset throws NOT_FOUND and writes nothing. */
  upsertRows(datasetId: string, rows: readonly RowFields[]): Promise<RowRecord[]>;
  setRowValue(id: string, value: number): Promise<RowRecord>;
  /** Returns how many of the ids existed and were deleted. */
  deleteRows(ids: readonly string[]): Promise<number>;

  /** Subscribes to the keys of every committed write, including writes made directly in SQL. */
  onChange(listener: ChangeListener): () => void;
  /** True while the database connection (and its change feed) is usable. */
  isReady(): boolean;
  close(): Promise<void>;
}

export type StoreErrorCode = 'NOT_FOUND' | 'CONFLICT';

/** An expected failure of a store operation; resolvers turn it into a GraphQL error with this code. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * Fields whose value the change feed announces on their own field key alone (`Type:id.field`), so a
 * change to the object itself (`Type:id`) leaves them as they were: every change to a document's
 * list of sections also sends `Document:<id>.sections` (migration 5). The live engine's
 * `ownKeyedFields`.
 */
export const OWN_KEYED_FIELDS: readonly string[] = ['Document.sections'];
