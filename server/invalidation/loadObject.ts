/** Loads one object of the schema by type and id, for the live engine's partial re-execution. */
import DataLoader from 'dataloader';
import type { ObjectLoader } from '../live/liveQueryEngine.js';
import { objectKey } from '../keys/resourceKeys.js';
import type { RecentRecords } from './recentRecords.js';
import type { Store } from '../store/types.js';

/**
 * The loader for every schema type with an id; unknown types load as null (a full re-run). An object
 * whose latest change came with its record (`recent`) is not read back from the store.
 */
export function createObjectLoader(store: Store, recent?: RecentRecords): ObjectLoader {
  // The groups of one flush re-resolve together: their documents and rows come in one query each.
  const documents = batchedLoader((ids) => store.getDocuments(ids));
  const rows = batchedLoader((ids) => store.getRows(ids));
  const loaders: Record<string, (id: string) => Promise<unknown>> = {
    Document: (id) => documents.load(id),
    Section: (id) => store.getSection(id),
    Dataset: (id) => store.getDataset(id),
    Row: (id) => rows.load(id),
  };
  return (typeName, id) => recent?.get(objectKey(typeName, id)) ?? loaders[typeName]?.(id) ?? null;
}

/** Batches the loads of one tick into one call; caches nothing (every run must see fresh data). */
function batchedLoader<T>(load: (ids: readonly string[]) => Promise<(T | null)[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(load, { cache: false });
}
