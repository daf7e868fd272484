/**
 * Resolvers of access: the viewer, each item's owner, visibility, shares and the viewer's role, and
 * the owner's mutations (share, unshare, visibility). Fields that depend on the viewer read
 * `ctx.viewer`; `owner` and `visibility` do not.
 */
import { userError } from '../errors.js';
import type { AppContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { ItemKind, ShareRecord, ShareRole, Visibility } from '../../store/types.js';
import { requireRole, type ItemRecords } from '../access/requireRole.js';
import { viewerRole, type AccessItem } from '../access/viewerRole.js';
import { LIMITS, checkText } from '../validateInput.js';
import { write } from './write.js';

/** The shares of `item` for its owner; an empty list for anyone else. */
function sharesFor(ctx: AppContext, kind: ItemKind, item: AccessItem): Promise<ShareRecord[]> | ShareRecord[] {
  const viewerId = ctx.viewer.id;
  return viewerId !== null && viewerId === item.owner ? ctx.access[kind].shares.load(item.id) : [];
}

/** The item as it is after its owner's write (NOT_FOUND when it was deleted meanwhile). */
function reread<K extends ItemKind>(ctx: AppContext, kind: K, id: string): Promise<ItemRecords[K]> {
  return requireRole(ctx, kind, id, 'OWNER');
}

/** The owner's mutations of one kind of item. */
function ownerMutations<K extends ItemKind>(kind: K) {
  return {
    async share(ctx: AppContext, id: string, viewerId: string, role: ShareRole): Promise<ItemRecords[K]> {
      const item = await requireRole(ctx, kind, id, 'OWNER');
      checkText('viewerId', viewerId, 1, LIMITS.viewerId);
      if (viewerId === item.owner) throw userError('BAD_USER_INPUT', `viewerId must name someone other than the owner, but got the owner ${viewerId}.`);
      await write(ctx.store.share(kind, id, viewerId, role));
      return reread(ctx, kind, id);
    },
    async unshare(ctx: AppContext, id: string, viewerId: string): Promise<ItemRecords[K]> {
      await requireRole(ctx, kind, id, 'OWNER');
      await write(ctx.store.unshare(kind, id, viewerId));
      return reread(ctx, kind, id);
    },
    async setVisibility(ctx: AppContext, id: string, visibility: Visibility): Promise<ItemRecords[K]> {
      await requireRole(ctx, kind, id, 'OWNER');
      await write(ctx.store.setVisibility(kind, id, visibility));
      return reread(ctx, kind, id);
    },
  };
}

const documents = ownerMutations('document');
const datasets = ownerMutations('dataset');

/** The resolvers of access, keyed by type and field. */
export const sharingResolvers: Resolvers = {
  Query: {
    viewer: (_, _args, ctx) => {
      const { id, name } = ctx.viewer;
      return id === null ? null : { id, name };
    },
  },
  Document: {
    shares: (doc, _args, ctx) => sharesFor(ctx, 'document', doc),
    viewerRole: (doc, _args, ctx) => viewerRole(ctx, 'document', doc),
  },
  Dataset: {
    shares: (dataset, _args, ctx) => sharesFor(ctx, 'dataset', dataset),
    viewerRole: (dataset, _args, ctx) => viewerRole(ctx, 'dataset', dataset),
  },
  Mutation: {
    shareDocument: (_, args, ctx) => documents.share(ctx, args.id, args.viewerId, args.role),
    unshareDocument: (_, args, ctx) => documents.unshare(ctx, args.id, args.viewerId),
    setDocumentVisibility: (_, args, ctx) => documents.setVisibility(ctx, args.id, args.visibility),
    shareDataset: (_, args, ctx) => datasets.share(ctx, args.id, args.viewerId, args.role),
    unshareDataset: (_, args, ctx) => datasets.unshare(ctx, args.id, args.viewerId),
    setDatasetVisibility: (_, args, ctx) => datasets.setVisibility(ctx, args.id, args.visibility),
  },
};
