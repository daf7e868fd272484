/** Resolvers of documents and sections. Input is checked here, where it enters. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { SectionFields, UpdateDocumentFields } from '../../store/types.js';
import { LIMITS, checkTags, checkText } from '../validateInput.js';
import { write } from './write.js';

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

/** The resolvers of documents and sections, keyed by type and field. */
export const documentResolvers: Resolvers = {
  Query: {
    document: (_, args, ctx) => ctx.store.getDocument(args.id),
    documents: (_, args, ctx) => ctx.store.listDocuments(args.tag),
  },
  Document: {
    sections: (doc, _args, ctx) => ctx.sections.load(doc.id),
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
  },
};
