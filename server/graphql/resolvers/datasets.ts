/**
 * Resolvers of datasets and rows. Input is checked here, where it enters, and access before every
 * write (server/graphql/access/): EDITOR for rows.
 */
import type { Resolvers } from '../generated/resolvers-types.js';
import { changeableChildren, requireRole, requireRoleOfChild, requireSignedIn } from '../access/requireRole.js';
import { canRead } from '../access/viewerRole.js';
import { LIMITS, checkCount, checkFinite, checkText } from '../validateInput.js';
import { write } from './write.js';

/** The resolvers of datasets and rows, keyed by type and field. */
export const datasetResolvers: Resolvers = {
  Query: {
    // A dataset the viewer may not read is answered as a missing one.
    dataset: async (_, args, ctx) => {
      const dataset = await ctx.store.getDataset(args.id);
      return dataset && (await canRead(ctx, 'dataset', dataset)) ? dataset : null;
    },
    datasets: (_, _args, ctx) => ctx.store.listDatasets(ctx.viewer.id),
  },
  Dataset: {
    rowCount: async (dataset, _args, ctx) => (await ctx.summaries.load(dataset.id)).count,
    summary: (dataset, _args, ctx) => ctx.summaries.load(dataset.id),
  },
  Mutation: {
    createDataset: (_, args, ctx) => {
      const owner = requireSignedIn(ctx, 'create datasets');
      return write(ctx.store.createDataset(checkText('name', args.name, 1, LIMITS.name), owner));
    },
    upsertRows: async (_, args, ctx) => {
      await requireRole(ctx, 'dataset', args.datasetId, 'EDITOR');
      checkCount('rows', args.rows.length, LIMITS.rowsPerCall);
      const rows = args.rows.map((row, i) => ({
        id: row.id ?? null,
        label: checkText(`rows[${i}].label`, row.label, 1, LIMITS.label),
        value: checkFinite(`rows[${i}].value`, row.value),
      }));
      return write(ctx.store.upsertRows(args.datasetId, rows));
    },
    setRowValue: async (_, args, ctx) => {
      await requireRoleOfChild(ctx, 'row', args.id, 'EDITOR');
      return write(ctx.store.setRowValue(args.id, checkFinite('value', args.value)));
    },
    deleteRows: async (_, args, ctx) => {
      checkCount('ids', args.ids.length, LIMITS.idsPerCall);
      // Rows of datasets the viewer may not read count as missing ones: not deleted, not counted.
      const ids = await changeableChildren(ctx, 'row', args.ids, 'EDITOR');
      return ids.length === 0 ? 0 : write(ctx.store.deleteRows(ids));
    },
  },
};
