/**
 * Resolvers of schema/schema.graphql over the peer's {@link MemoryStore}. Every mutation invalidates
 * the resource identifiers it touched in the InMemoryLiveQueryStore, as that library intends.
 */
import type { InMemoryLiveQueryStore } from '@n1ru4l/in-memory-live-query-store';
import type { DatasetRecord, DocumentRecord, MemoryStore, Written } from './memoryStore.js';
import { sortRows, windowOf, type RowOrder } from './windows.js';

/** Builds the resolver map over `store`, invalidating through `live`. */
export function createResolvers(store: MemoryStore, live: InMemoryLiveQueryStore) {
  /** Applies a write's invalidations and returns its value. */
  const commit = <T>(written: Written<T>): T => {
    void live.invalidate(written.invalidates);
    return written.value;
  };

  return {
    Query: {
      document: (_: unknown, args: { id: string }) => store.documents.get(args.id) ?? null,
      documents: (_: unknown, args: { tag?: string | null; first: number; after?: string | null }) =>
        windowOf(store.listDocuments(args.tag), args.first, args.after),
      dataset: (_: unknown, args: { id: string }) => store.datasets.get(args.id) ?? null,
      datasets: () => [...store.datasets.values()],
    },
    Document: {
      sections: (doc: DocumentRecord) => store.sectionsOf(doc),
    },
    Dataset: {
      rows: (dataset: DatasetRecord, args: { first: number; after?: string | null; orderBy: RowOrder }) =>
        windowOf(sortRows(store.rowsOf(dataset), args.orderBy), args.first, args.after),
      rowCount: (dataset: DatasetRecord) => dataset.rowIds.length,
      summary: (dataset: DatasetRecord) => store.summaryOf(dataset),
    },
    Mutation: {
      createDocument: (_: unknown, args: { input: { title: string; body?: string | null; tags?: string[] | null } }) =>
        commit(store.createDocument(args.input)),
      updateDocument: (
        _: unknown,
        args: { id: string; input: { title?: string | null; body?: string | null; tags?: string[] | null }; expectedRevision?: number | null },
      ) => commit(store.updateDocument(args.id, args.input, args.expectedRevision)),
      deleteDocument: (_: unknown, args: { id: string }) => commit(store.deleteDocument(args.id)),
      addSection: (_: unknown, args: { documentId: string; input: { heading: string; body: string }; position?: number | null }) =>
        commit(store.addSection(args.documentId, args.input, args.position)),
      updateSection: (_: unknown, args: { id: string; input: { heading: string; body: string } }) =>
        commit(store.updateSection(args.id, args.input)),
      moveSection: (_: unknown, args: { id: string; position: number }) => commit(store.moveSection(args.id, args.position)),
      removeSection: (_: unknown, args: { id: string }) => commit(store.removeSection(args.id)),
      createDataset: (_: unknown, args: { name: string }) => commit(store.createDataset(args.name)),
      upsertRows: (_: unknown, args: { datasetId: string; rows: { id?: string | null; label: string; value: number }[] }) =>
        commit(store.upsertRows(args.datasetId, args.rows)),
      setRowValue: (_: unknown, args: { id: string; value: number }) => commit(store.setRowValue(args.id, args.value)),
      deleteRows: (_: unknown, args: { ids: string[] }) => commit(store.deleteRows(args.ids)),
    },
  } satisfies Record<string, Record<string, (parent: never, args: never) => unknown>>;
}
