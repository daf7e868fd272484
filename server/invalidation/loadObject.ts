/** Loads one object of the schema by type and id, for the live engine's partial re-execution. */
import DataLoader from 'dataloader';
import { objectKey } from '../keys/resourceKeys.js';
import type { ObjectLoader } from '../live/liveQueryEngine.js';
import type { ObjectBatchLoader, Store } from '../store/types.js';
import type { RecentRecords } from './recentRecords.js';

/**
 * The loader for every type the store can load by id ({@link Store.objectLoaders}); unknown types
 * load as null (a full re-run). An object whose latest change came with its record (`recent`) is not
 * read back from the store. The loads of one tick (the groups of one flush re-resolve together) go to
 * the store in one call per type.
 */
export function createObjectLoader(store: Pick<Store, 'objectLoaders'>, recent?: RecentRecords): ObjectLoader {
  const loaders = new Map<string, DataLoader<string, object | null>>();
  for (const [typeName, load] of Object.entries(store.objectLoaders)) loaders.set(typeName, batchedLoader(load));
  return (typeName, id) => recent?.get(objectKey(typeName, id)) ?? loaders.get(typeName)?.load(id) ?? null;
}

/** Batches the loads of one tick into one call; caches nothing (every run must see fresh data). */
function batchedLoader(load: ObjectBatchLoader): DataLoader<string, object | null> {
  return new DataLoader<string, object | null>(load, { cache: false });
}
