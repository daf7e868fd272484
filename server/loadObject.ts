/** Loads one object of the schema by type and id, for the live engine's partial re-execution. */
import type { ObjectLoader } from './live/partialRun.js';
import { objectKey } from './live/resourceKeys.js';
import type { RecentRecords } from './recentRecords.js';
import type { Store } from './store/types.js';

/**
 * The loader for every schema type with an id; unknown types load as null (a full re-run). An object
 * whose latest change came with its record (`recent`) is not read back from the store.
 */
export function createObjectLoader(store: Store, recent?: RecentRecords): ObjectLoader {
  const loaders: Record<string, (id: string) => Promise<unknown>> = {
    Document: (id) => store.getDocument(id),
    Section: (id) => store.getSection(id),
    Dataset: (id) => store.getDataset(id),
    Row: (id) => store.getRow(id),
  };
  return (typeName, id) => recent?.get(objectKey(typeName, id)) ?? loaders[typeName]?.(id) ?? null;
}
