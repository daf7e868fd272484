/** Resolvers of schema/schema.graphql over the {@link Store}. Input is checked here, where it enters. */
import type { AppContext } from './context.js';
import { toGraphQLError } from './errors.js';
import type {
  DatasetRecord,
  DocumentRecord,
  RowFields,
  SectionFields,
  UpdateDocumentFields,
} from './store/types.js';
import { LIMITS, checkCount, checkFinite, checkTags, checkText } from './validateInput.js';

type Args = Record<string, unknown>;

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
export const resolvers = {
  Query: {
    document: (_: unknown, args: { id: string }, ctx: AppContext) => ctx.store.getDocument(args.id),
    documents: (_: unknown, args: { tag?: string | null }, ctx: AppContext) => ctx.store.listDocuments(args.tag),
    dataset: (_: unknown, args: { id: string }, ctx: AppContext) => ctx.store.getDataset(args.id),
    datasets: (_: unknown, _args: Args, ctx: AppContext) => ctx.store.listDatasets(),
  },
  Document: {
    sections: (doc: DocumentRecord, _args: Args, ctx: AppContext) => ctx.sections.load(doc.id),
  },
  Dataset: {
    rows: (dataset: DatasetRecord, _args: Args, ctx: AppContext) => ctx.store.rowsOf(dataset.id),
    rowCount: async (dataset: DatasetRecord, _args: Args, ctx: AppContext) =>
      (await ctx.summaries.load(dataset.id)).count,
    summary: (dataset: DatasetRecord, _args: Args, ctx: AppContext) => ctx.summaries.load(dataset.id),
  },
  Mutation: {
    createDocument: (
      _: unknown,
      args: { input: { title: string; body?: string | null; tags?: string[] | null } },
      ctx: AppContext,
    ) => {
      const { title, body, tags } = args.input;
      return write(
        ctx.store.createDocument({
          title: checkText('title', title, 1, LIMITS.title),
          body: body == null ? '' : checkText('body', body, 0, LIMITS.body),
          tags: tags == null ? [] : checkTags(tags),
        }),
      );
    },
    updateDocument: (
      _: unknown,
      args: { id: string; input: UpdateDocumentFields; expectedRevision?: number | null },
      ctx: AppContext,
    ) => {
      const { title, body, tags } = args.input;
      const fields: UpdateDocumentFields = {};
      if (title != null) fields.title = checkText('title', title, 1, LIMITS.title);
      if (body != null) fields.body = checkText('body', body, 0, LIMITS.body);
      if (tags != null) fields.tags = checkTags(tags);
      return write(ctx.store.updateDocument(args.id, fields, args.expectedRevision));
    },
    deleteDocument: async (_: unknown, args: { id: string }, ctx: AppContext) => {
      await write(ctx.store.deleteDocument(args.id));
      return args.id;
    },
    addSection: (
      _: unknown,
      args: { documentId: string; input: SectionInput; position?: number | null },
      ctx: AppContext,
    ) => write(ctx.store.addSection(args.documentId, section(args.input), args.position)),
    updateSection: (_: unknown, args: { id: string; input: SectionInput }, ctx: AppContext) =>
      write(ctx.store.updateSection(args.id, section(args.input))),
    moveSection: (_: unknown, args: { id: string; position: number }, ctx: AppContext) =>
      write(ctx.store.moveSection(args.id, args.position)),
    removeSection: async (_: unknown, args: { id: string }, ctx: AppContext) => {
      await write(ctx.store.removeSection(args.id));
      return args.id;
    },
    createDataset: (_: unknown, args: { name: string }, ctx: AppContext) =>
      write(ctx.store.createDataset(checkText('name', args.name, 1, LIMITS.name))),
    upsertRows: (_: unknown, args: { datasetId: string; rows: RowFields[] }, ctx: AppContext) => {
      checkCount('rows', args.rows.length, LIMITS.rowsPerCall);
      const rows = args.rows.map((row, i) => ({
        id: row.id ?? null,
        label: checkText(`rows[${i}].label`, row.label, 1, LIMITS.label),
        value: checkFinite(`rows[${i}].value`, row.value),
      }));
      return write(ctx.store.upsertRows(args.datasetId, rows));
    },
    setRowValue: (_: unknown, args: { id: string; value: number }, ctx: AppContext) =>
      write(ctx.store.setRowValue(args.id, checkFinite('value', args.value))),
    deleteRows: (_: unknown, args: { ids: string[] }, ctx: AppContext) => {
      checkCount('ids', args.ids.length, LIMITS.idsPerCall);
      return write(ctx.store.deleteRows(args.ids));
    },
  },
};
