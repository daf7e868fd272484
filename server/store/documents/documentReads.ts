/**
 * Reads of single documents requested in the same turn of the event loop go to the database together,
 * in one statement: the access checks of concurrent writes, the re-runs of live queries on documents
 * that changed together. On PGlite a statement's fixed cost (an exchange with the WebAssembly
 * database, executor start-up) is most of a one-row read, so a hundred such reads cost about one.
 */
import DataLoader from 'dataloader';
import type { DocumentRecord } from './documentTypes.js';

/** The most ids in one statement. */
const MAX_BATCH = 500;

/** Returns `read(id)`, batched over `readMany` (records in the order of the ids, null for missing ones). */
export function createDocumentReads(
  readMany: (ids: readonly string[]) => Promise<(DocumentRecord | null)[]>,
): (id: string) => Promise<DocumentRecord | null> {
  const loader = new DataLoader<string, DocumentRecord | null>((ids) => readMany(ids), {
    // Every read sees the database as of its batch: nothing is kept between batches.
    cache: false,
    maxBatchSize: MAX_BATCH,
    // After the I/O callbacks of this turn, so that requests parsed together share a statement.
    batchScheduleFn: (callback) => void setImmediate(callback),
  });
  return (id) => loader.load(id);
}
