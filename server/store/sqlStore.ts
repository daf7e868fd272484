/**
 * The {@link Store} on a {@link Db}: one module per aggregate (documents and sections, datasets and
 * rows, comments) over shared write machinery (storeWrites.ts), and the change feed. SQL runs
 * unchanged on PGlite and PostgreSQL. Revisions, timestamps and change notifications come from the
 * database triggers, so writes made directly in SQL behave the same.
 */
import type { Db, StoreLogger } from '../db/db.js';
import { consoleLogger } from '../db/db.js';
import { startChangeFeed, CHANGES_CHANNEL } from './changeFeed/changeFeed.js';
import { COMMENT_TYPE } from './comments/commentRecord.js';
import { createAccessStore } from './access/accessStore.js';
import { createCommentStore } from './comments/commentStore.js';
import { createDatasetStore } from './datasets/datasetStore.js';
import { DATASET_TYPE, ROW_TYPE } from './datasets/rowRecord.js';
import { DOCUMENT_TYPE, SECTION_TYPE } from './documents/documentRecord.js';
import { RECORD_READERS } from './recordReaders.js';
import { createDocumentMethods } from './documents/documentStore.js';
import { createDocumentWindowMethods } from './documents/documentWindows.js';
import { createSectionMethods } from './documents/sectionStore.js';
import { countStatements } from '../db/countingDb.js';
import { createAnnouncer, createStoreWrites, type WrittenKeysListener } from './storeWrites.js';
import type { ObjectBatchLoader, Store } from './types.js';

export { CHANGES_CHANNEL };

/** Options of {@link createSqlStore}. */
export interface SqlStoreOptions {
  logger?: StoreLogger;
  /**
   * When set, this store's own writes send no NOTIFY: the triggers collect their keys in the
   * transaction and this is called with them, and the committed rows of types that carry records,
   * after commit (to publish them on another bus, e.g. Redis). Writes made by others still arrive
   * through the change feed.
   */
  onWriteKeys?: WrittenKeysListener | undefined;
}

/** A {@link Store} on a {@link Db}; `listening` settles once the change feed is subscribed. */
export interface SqlStore extends Store {
  /** The database underneath, for maintenance and tests (plain SQL, extra LISTENs). Closed by `close()`. */
  readonly db: Db;
  /** Resolves when LISTEN is active and the live types are known; rejects if either failed. */
  readonly listening: Promise<void>;
}

/** `Type.field` of the parents' list fields in the live types' registry (see {@link Store.ownKeyedFields}). */
async function readOwnKeyedFields(db: Db): Promise<string[]> {
  const rows = await db.query<{ field: string }>(
    `SELECT parent_type || '.' || parent_field AS field FROM livedoc_live_types WHERE parent_field IS NOT NULL ORDER BY 1`,
  );
  return rows.map((row) => row.field);
}

/** Creates the store on a migrated `db` and starts its change feed; `close()` also closes `db`. */
export function createSqlStore(database: Db, options: SqlStoreOptions = {}): SqlStore {
  const db = countStatements(database);
  const logger = options.logger ?? consoleLogger;
  const announcer = createAnnouncer(logger);
  const writes = createStoreWrites(db, announcer, options.onWriteKeys);
  const feed = startChangeFeed(db, RECORD_READERS, (keys, records) => announcer.announce(keys, records), logger);
  const documents = { ...createDocumentMethods(writes), ...createDocumentWindowMethods(db), ...createSectionMethods(writes) };
  const datasets = createDatasetStore(writes);
  const comments = createCommentStore(writes);
  const single = <T extends object>(load: (id: string) => Promise<T | null>): ObjectBatchLoader => (ids) => Promise.all(ids.map(load));
  const objectLoaders: Record<string, ObjectBatchLoader> = {
    [DOCUMENT_TYPE]: documents.getDocuments,
    [SECTION_TYPE]: single(documents.getSection),
    [DATASET_TYPE]: single((id) => datasets.getDataset(id)),
    [ROW_TYPE]: (ids) => datasets.getRows(ids),
    [COMMENT_TYPE]: (ids) => comments.getComments(ids),
  };
  let ownKeyedFields: readonly string[] = [];
  const liveTypes = readOwnKeyedFields(db).then((fields) => void (ownKeyedFields = fields));
  let closing: Promise<void> | null = null;
  return {
    db,
    listening: Promise.all([feed.listening, liveTypes]).then(() => undefined),
    ...documents,
    ...datasets,
    ...comments,
    ...createAccessStore(writes),
    objectLoaders,
    get ownKeyedFields() {
      return ownKeyedFields;
    },
    onChange: (listener) => announcer.listen(listener),
    statements: () => db.statements(),
    isReady: () => closing === null && feed.isSubscribed() && db.isReady(),
    close() {
      closing ??= (async () => {
        announcer.close();
        await feed.stop();
        await db.close();
      })();
      return closing;
    },
  };
}
