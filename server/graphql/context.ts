/** The per-execution context of resolvers: the store and batching loaders. */
import DataLoader from 'dataloader';
import type { CommentRecord, ItemKind, SectionRecord, Store, SummaryRecord } from '../store/types.js';
import { createAccessLoaders, type AccessLoaders } from './access/accessLoaders.js';
import { DEFAULT_REQUEST_LIMITS } from './requestLimits.js';
import { createResultBudget, type ResultBudget } from './resultBudget.js';
import type { StatusReader } from './statusReader.js';
import type { Viewer } from './viewer.js';

/** What every resolver receives as its context. */
export interface AppContext {
  store: Store;
  /** Who is asking. Live results that read it are grouped per viewer; those that do not are shared. */
  viewer: Viewer;
  /** Sections of many documents in one query (a `documents { sections }` list is one round trip). */
  sections: DataLoader<string, SectionRecord[]>;
  /** Comments of many documents in one query. */
  comments: DataLoader<string, CommentRecord[]>;
  /** Summary per dataset, shared by `rowCount` and `summary` within one execution. */
  summaries: DataLoader<string, SummaryRecord>;
  /** What this execution may still return (meterResults.ts counts leaf values against it). */
  resultBudget: ResultBudget;
  /** Share roles and share lists of documents and datasets (server/graphql/access/). */
  access: Readonly<Record<ItemKind, AccessLoaders>>;
  /** The server's status and who may read it (`Query.serverStatus`); null when the server keeps none. */
  status: StatusReader | null;
}

/** Makes the context of one execution for a viewer. */
export type ContextFactory = (viewer: Viewer) => AppContext;

/**
 * Creates a fresh context: loaders cache within one execution only, so each re-run reads fresh data;
 * the result budget of `maxResultBytes` is the execution's own too.
 */
export function createContext(
  store: Store,
  viewer: Viewer,
  maxResultBytes = DEFAULT_REQUEST_LIMITS.maxResultBytes,
  status: StatusReader | null = null,
): AppContext {
  return {
    store,
    viewer,
    status,
    resultBudget: createResultBudget(maxResultBytes),
    sections: new DataLoader(async (ids) => {
      const byDocument = await store.sectionsOf(ids);
      return ids.map((id) => byDocument.get(id) ?? []);
    }),
    comments: new DataLoader(async (ids) => {
      const byDocument = await store.commentsOf(ids);
      return ids.map((id) => byDocument.get(id) ?? []);
    }),
    summaries: new DataLoader((ids) => Promise.all(ids.map((id) => store.summaryOf(id)))),
    access: { document: createAccessLoaders(store, 'document'), dataset: createAccessLoaders(store, 'dataset') },
  };
}
