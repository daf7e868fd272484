/**
 * The store as the rest of the server sees it: one interface per aggregate (documents, datasets,
 * comments), the change feed, and what the live engine needs to know about the live types.
 */
import type { AccessStore } from './access/accessTypes.js';
import type { CommentStore } from './comments/commentTypes.js';
import type { DatasetStore } from './datasets/datasetTypes.js';
import type { DocumentStore } from './documents/documentTypes.js';

export type * from './access/accessTypes.js';
export type * from './comments/commentTypes.js';
export type * from './datasets/datasetTypes.js';
export type * from './documents/documentTypes.js';
export type * from './windows/windowTypes.js';

/** A committed record as the change feed carries it, keyed by its object key (`Document:<id>`). */
export type ChangedRecords = ReadonlyMap<string, object>;

/**
 * Called with the invalidation keys of committed writes (see docs/protocol.md, "Resource keys") and,
 * when the change feed carried them, the committed records of some of those keys (`Document:<id>`,
 * `Row:<id>`): the state as of this notification, as the store's getters would have read it.
 */
export type ChangeListener = (keys: string[], records?: ChangedRecords) => void;

/** Loads objects of one type by id, in the order of `ids` (null for missing ones). */
export type ObjectBatchLoader = (ids: readonly string[]) => Promise<(object | null)[]>;

/** The change feed and the facts about live types that the engine and the invalidation path use. */
export interface LiveStore {
  /** Subscribes to the keys of every committed write, including writes made directly in SQL. */
  onChange(listener: ChangeListener): () => void;
  /** A loader per GraphQL type with an id (`Document`, `Row`, …), for re-resolving one object. */
  readonly objectLoaders: Readonly<Record<string, ObjectBatchLoader>>;
  /**
   * `Type.field` of every list field whose changes the change feed announces on the field's own key
   * (`Type:<id>.field`), so that a change to the object itself leaves the list as it was. From the
   * live types' registry (`livedoc_live_types`); the live engine's `ownKeyedFields`.
   */
  readonly ownKeyedFields: readonly string[];
  /** Statements sent to the database so far, where the store counts them (`livedoc_store_statements_total`). */
  statements?(): number;
  /** True while the database connection (and its change feed) is usable. */
  isReady(): boolean;
  close(): Promise<void>;
}

/**
 * Persistence for documents, datasets, comments and who may access them. Input is assumed validated by the caller
 * (lengths, finiteness); the store throws {@link StoreError} for NOT_FOUND and CONFLICT.
 */
export interface Store extends DocumentStore, DatasetStore, CommentStore, AccessStore, LiveStore {}

/** The codes of {@link StoreError}. */
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
