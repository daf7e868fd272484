/** Loads one object of the schema by type and id, for the live engine's partial re-execution. */
import type { ObjectLoader } from './live/partialRun.js';
import type { Store } from './store/types.js';

/** The loader for every schema type with an id; unknown types load as null (a full re-run). */
export function createObjectLoader(store: Store): ObjectLoader {
  const loaders: Record<string, (id: string) => Promise<unknown>> = {
    Document: (id) => store.getDocument(id),
    Section: (id) => store.getSection(id),
    Dataset: (id) => store.getDataset(id),
    Row: (id) => store.getRow(id),
  };
  return (typeName, id) => loaders[typeName]?.(id) ?? null;
}
