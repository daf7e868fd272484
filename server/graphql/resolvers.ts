/** Resolvers of schema/schema.graphql over the {@link Store}. Input is checked here, where it enters. */
import { toGraphQLError } from './errors.js';
import type { Resolvers } from './generated/resolvers-types.js';
import type { SectionFields, UpdateDocumentFields } from '../store/types.js';
import { LIMITS, checkCount, checkFinite, checkTags, checkText } from './validateInput.js';

interface SectionInput {
  heading: string;
  body: string;
}

function section(input: SectionInput): SectionFields {
  return {
    heading: checkText('heading', input.heading, 1, LIMITS.heading),
    body: checkText('body', input.body, 0, LIMITS.body),
  };
}

/** Runs a store write, turning NOT_FOUND/CONFLICT into coded GraphQL errors. */
function write<T>(promise: Promise<T>): Promise<T> {
  return promise.catch(toGraphQLError);
}

/** The resolver map, keyed by type and field. */
export const resolvers: Resolvers = {
  Query: {
    document: (_, args, ctx) => ctx.store.getDocument(args.id),
    documents: (_, args, ctx) => ctx.store.listDocuments(args.tag),
    dataset: (_, args, ctx) => ctx.store.getDataset(args.id),
    datasets: (_, _args, ctx) => ctx.store.listDatasets(),
  },
  Document: {
    sections: (doc, _args, ctx) => ctx.sections.load(doc.id),
  },
  Dataset: {
    rows: (dataset, _args, ctx) => ctx.store.rowsOf(dataset.id),
    rowCount: async (dataset, _args, ctx) => (await ctx.summaries.load(dataset.id)).count,
    summary: (dataset, _args, ctx) => ctx.summaries.load(dataset.id),
  },
  Mutation: {
    createDocument: (_, args, ctx) => {
      const { title, body, tags } = args.input;
      return write(
        ctx.store.createDocument({
          title: checkText('title', title, 1, LIMITS.title),
          body: body == null ? '' : checkText('body', body, 0, LIMITS.body),
          tags: tags == null ? [] : checkTags(tags),
        }),
      );
    },
    updateDocument: (_, args, ctx) => {
      const { title, body, tags } = args.input;
      const fields: UpdateDocumentFields = {};
      if (title != null) fields.title = checkText('title', title, 1, LIMITS.title);
      if (body != null) fields.body = checkText('body', body, 0, LIMITS.body);
      if (tags != null) fields.tags = checkTags(tags);
      return write(ctx.store.updateDocument(args.id, fields, args.expectedRevision));
    },
    deleteDocument: async (_, args, ctx) => {
      await write(ctx.store.deleteDocument(args.id));
      return args.id;
    },
    addSection: (_, args, ctx) => write(ctx.store.addSection(args.documentId, section(args.input), args.position)),
    updateSection: (_, args, ctx) => write(ctx.store.updateSection(args.id, section(args.input))),
    moveSection: (_, args, ctx) => write(ctx.store.moveSection(args.id, args.position)),
    removeSection: async (_, args, ctx) => {
      await write(ctx.store.removeSection(args.id));
      return args.id;
    },
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
