/**
 * Resolvers of documents and sections. Input is checked here, where it enters, and access before
 * every write (server/graphql/access/): EDITOR for content and sections, OWNER for deletion.
 */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { SectionFields } from '../../store/types.js';
import { requireRole, requireRoleOfChild, requireSignedIn } from '../access/requireRole.js';
import { canRead } from '../access/viewerRole.js';
import { LIMITS, checkTags, checkText } from '../validateInput.js';
import { updateFields, writtenTogether } from './updateDocumentBatch.js';
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
    // A document the viewer may not read is answered as a missing one.
    document: async (_, args, ctx) => {
      const doc = await ctx.store.getDocument(args.id);
      return doc && (await canRead(ctx, 'document', doc)) ? doc : null;
    },
  },
  Document: {
    sections: (doc, _args, ctx) => ctx.sections.load(doc.id),
  },
  Mutation: {
    createDocument: (_, args, ctx) => {
      const owner = requireSignedIn(ctx, 'create documents');
      const { title, body, tags } = args.input;
      return write(
        ctx.store.createDocument(
          {
            title: checkText('title', title, 1, LIMITS.title),
            body: body == null ? '' : checkText('body', body, 0, LIMITS.body),
            tags: tags == null ? [] : checkTags(tags),
          },
          owner,
        ),
      );
    },
    // Several in one request are written together where they can be (updateDocumentBatch.ts).
    updateDocument: async (_, args, ctx, info) => {
      const together = await writtenTogether(ctx, info);
      if (together) return together;
      await requireRole(ctx, 'document', args.id, 'EDITOR');
      return write(ctx.store.updateDocument(args.id, updateFields(args.input), args.expectedRevision));
    },
    deleteDocument: async (_, args, ctx) => {
      await requireRole(ctx, 'document', args.id, 'OWNER');
      await write(ctx.store.deleteDocument(args.id));
      return args.id;
    },
    addSection: async (_, args, ctx) => {
      await requireRole(ctx, 'document', args.documentId, 'EDITOR');
      return write(ctx.store.addSection(args.documentId, section(args.input), args.position));
    },
    updateSection: async (_, args, ctx) => {
      await requireRoleOfChild(ctx, 'section', args.id, 'EDITOR');
      return write(ctx.store.updateSection(args.id, section(args.input)));
    },
    moveSection: async (_, args, ctx) => {
      await requireRoleOfChild(ctx, 'section', args.id, 'EDITOR');
      return write(ctx.store.moveSection(args.id, args.position));
    },
    removeSection: async (_, args, ctx) => {
      await requireRoleOfChild(ctx, 'section', args.id, 'EDITOR');
      await write(ctx.store.removeSection(args.id));
      return args.id;
    },
  },
};
