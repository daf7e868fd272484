/**
 * Resolvers of windows over lists: `Query.documents` and `Dataset.rows` as connections. Each reads
 * one window with LIMIT over an index; `totalCount` of rows comes with it (the kept row count), of
 * documents it is counted only when selected. `first` and `after` are checked here, where they enter.
 *
 * Resource keys: a window reads `Query.documents` or `Dataset:<id>.rows` (recorded by the engine), so
 * a document or row joining or leaving the list re-reads it, and the objects in it (`Document:<id>`,
 * `Row:<id>`), so a change to one of them re-reads that object alone. A window ordered by value also
 * reads `Dataset:<id>.rows(value)`, which every value change in the dataset announces: such a change
 * may move a row into it; a first page guards that read (valueWindowGuard.ts) so that a change that
 * cannot reach it re-reads nothing. A change elsewhere re-reads nothing.
 */
import { DATASET_TYPE } from '../../store/datasets/rowRecord.js';
import { orderedFieldKey } from '../../keys/resourceKeys.js';
import type { KeyGuard } from '../../live/keyGuards.js';
import { recordFieldKey } from '../../live/trackResources.js';
import type { RowOrder } from '../../store/types.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { documentCursor, readDocumentCursor, readRowCursor, rowCursor } from '../windows/cursors.js';
import { valueWindowGuard } from '../windows/valueWindowGuard.js';
import { checkFirst } from '../windows/windowSizes.js';

function isByValue(order: RowOrder): boolean {
  return order === 'VALUE_ASC' || order === 'VALUE_DESC';
}

/** The resolvers of the connection fields and types. */
export const windowResolvers: Resolvers = {
  Query: {
    documents: async (_, args, ctx) => {
      const first = checkFirst('Query.documents', args.first);
      const after = args.after == null ? null : readDocumentCursor(args.after);
      const tag = args.tag ?? null;
      const window = await ctx.store.documentWindow(tag, ctx.viewer.id, { first, after });
      return {
        tag,
        nodes: window.items,
        pageInfo: { endCursor: window.end && documentCursor(window.end), hasNextPage: window.hasMore },
      };
    },
  },
  Dataset: {
    rows: async (dataset, args, ctx) => {
      const first = checkFirst('Dataset.rows', args.first);
      const order = args.orderBy;
      const after = args.after == null ? null : readRowCursor(args.after, order);
      let guard: KeyGuard | undefined;
      let window: Awaited<ReturnType<typeof ctx.store.rowWindow>>;
      try {
        window = await ctx.store.rowWindow(dataset.id, order, { first, after });
        if (isByValue(order) && after === null) guard = valueWindowGuard(window, order === 'VALUE_DESC');
      } finally {
        // Also when the read fails, unguarded: its retry hears every value change.
        if (isByValue(order)) recordFieldKey(ctx, orderedFieldKey(DATASET_TYPE, dataset.id, 'rows', 'value'), guard);
      }
      return {
        datasetId: dataset.id,
        nodes: window.items,
        pageInfo: { endCursor: window.end && rowCursor(order, window.end), hasNextPage: window.hasMore },
        ...(window.total !== undefined && { total: window.total }),
      };
    },
  },
  DocumentConnection: {
    totalCount: (connection, _args, ctx) => ctx.store.countDocuments(connection.tag, ctx.viewer.id),
  },
  RowConnection: {
    totalCount: (connection, _args, ctx) => connection.total ?? ctx.store.rowCountOf(connection.datasetId),
  },
};
