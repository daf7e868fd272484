/** Resolvers of comments. Input is checked here, where it enters; writing comments needs EDITOR on the document. */
import type { Resolvers } from '../generated/resolvers-types.js';
import { requireRole, requireRoleOfChild } from '../access/requireRole.js';
import { LIMITS, checkText } from '../validateInput.js';
import { write } from './write.js';

/** The resolvers of comments, keyed by type and field. */
export const commentResolvers: Resolvers = {
  Document: {
    comments: (doc, _args, ctx) => ctx.comments.load(doc.id),
  },
  Mutation: {
    addComment: async (_, args, ctx) => {
      await requireRole(ctx, 'document', args.documentId, 'EDITOR');
      return write(
        ctx.store.addComment(args.documentId, {
          author: checkText('author', args.input.author, 1, LIMITS.author),
          body: checkText('body', args.input.body, 1, LIMITS.comment),
        }),
      );
    },
    updateComment: async (_, args, ctx) => {
      await requireRoleOfChild(ctx, 'comment', args.id, 'EDITOR');
      return write(ctx.store.updateComment(args.id, checkText('body', args.body, 1, LIMITS.comment)));
    },
    deleteComment: async (_, args, ctx) => {
      await requireRoleOfChild(ctx, 'comment', args.id, 'EDITOR');
      await write(ctx.store.deleteComment(args.id));
      return args.id;
    },
  },
};
