/** Resolvers of datasets and rows. Input is checked here, where it enters. */
import type { Resolvers } from '../generated/resolvers-types.js';
import { LIMITS, checkCount, checkFinite, checkText } from '../validateInput.js';
import { write } from './write.js';

/** The resolvers of datasets and rows, keyed by type and field. */
export const datasetResolvers: Resolvers = {
  Query: {
    dataset: (_, args, ctx) => ctx.store.getDataset(args.id),
    datasets: (_, _args, ctx) => ctx.store.listDatasets(),
  },
  Dataset: {
    rows: (dataset, _args, ctx) => ctx.store.rowsOf(dataset.id),
    rowCount: async (dataset, _args, ctx) => (await ctx.summaries.load(dataset.id)).count,
    summary: (dataset, _args, ctx) => ctx.summaries.load(dataset.id),
  },
  Mutation: {
    createDataset: (_, args, ctx) => write(ctx.store.createDataset(checkText('name', args.name, 1, LIMITS.name))),
    upsertRows: (_, args, ctx) => {
      checkCount('rows', args.rows.length, LIMITS.rowsPerCall);
      const rows = args.rows.map((row, i) => ({
        id: row.id ?? null,
        label: checkText(`rows[${i}].label`, row.label, 1, LIMITS.label),
        value: checkFinite(`rows[${i}].value`, row.value),
      }));
      return write(ctx.store.upsertRows(args.datasetId, rows));
    },
    setRowValue: (_, args, ctx) => write(ctx.store.setRowValue(args.id, checkFinite('value', args.value))),
    deleteRows: (_, args, ctx) => {
      checkCount('ids', args.ids.length, LIMITS.idsPerCall);
      return write(ctx.store.deleteRows(args.ids));
    },
  },
};
