/**
 * The checks of writes. Anonymous viewers never write (FORBIDDEN, whatever the id: that reveals
 * nothing); an item the viewer may not read answers NOT_FOUND exactly as a missing one does, so that
 * a private id's existence never shows; an item they may read but not change answers FORBIDDEN.
 */
import { userError } from '../errors.js';
import type { AccessRole } from '../generated/resolvers-types.js';
import type { AppContext } from '../context.js';
import type { ChildKind, DatasetRecord, DocumentRecord, ItemKind, Store } from '../../store/types.js';
import { ROLE_RANK, viewerRole, type AccessItem } from './viewerRole.js';

/** The item record of each kind. */
export interface ItemRecords {
  document: DocumentRecord;
  dataset: DatasetRecord;
}

/** The kind of item each kind of child belongs to. */
export const ITEM_OF_CHILD: Readonly<Record<ChildKind, ItemKind>> = { section: 'document', comment: 'document', row: 'dataset' };

/** The signed-in viewer's id; throws FORBIDDEN for anonymous viewers, saying to sign in to do `action`. */
export function requireSignedIn(ctx: AppContext, action: string): string {
  const viewerId = ctx.viewer.id;
  if (viewerId === null) throw userError('FORBIDDEN', `sign in to ${action}: anonymous viewers may only read public items`);
  return viewerId;
}

/** The getter of each kind of item. */
const GETTERS: { readonly [K in ItemKind]: (store: Store, id: string) => Promise<ItemRecords[K] | null> } = {
  document: (store, id) => store.getDocument(id),
  dataset: (store, id) => store.getDataset(id),
};

/** Loads an item of `kind` by id (null when missing). */
function loadItem<K extends ItemKind>(ctx: AppContext, kind: K, id: string): Promise<ItemRecords[K] | null> {
  return GETTERS[kind](ctx.store, id);
}

/**
 * Throws unless the viewer has at least `needed` on `item`: NOT_FOUND (`<label> not found`) when
 * they may not read it, FORBIDDEN when they may read but not do this.
 */
async function checkRole(ctx: AppContext, kind: ItemKind, item: AccessItem, needed: AccessRole, label: string): Promise<void> {
  const role = await viewerRole(ctx, kind, item);
  if (role === null) throw userError('NOT_FOUND', `${label} not found`);
  if (ROLE_RANK[role] >= ROLE_RANK[needed]) return;
  const what = needed === 'OWNER' ? `only the owner of ${kind} ${item.id} may do this` : `changing ${label} needs the EDITOR role`;
  throw userError('FORBIDDEN', `${what}; your role is ${role}`);
}

/** The item, once the signed-in viewer is known to have at least `needed` on it (see {@link checkRole}). */
export async function requireRole<K extends ItemKind>(ctx: AppContext, kind: K, id: string, needed: AccessRole): Promise<ItemRecords[K]> {
  requireSignedIn(ctx, `change ${kind} ${id}`);
  return requireRoleOn(ctx, kind, id, await loadItem(ctx, kind, id), needed);
}

/** {@link requireRole} on an item already read (`item`: the item of `id`, null when missing). */
export async function requireRoleOn<K extends ItemKind>(
  ctx: AppContext,
  kind: K,
  id: string,
  item: ItemRecords[K] | null,
  needed: AccessRole,
): Promise<ItemRecords[K]> {
  requireSignedIn(ctx, `change ${kind} ${id}`);
  if (!item) throw userError('NOT_FOUND', `${kind} ${id} not found`);
  await checkRole(ctx, kind, item, needed, `${kind} ${id}`);
  return item;
}

/** Like {@link requireRole} for the item a section, comment or row belongs to; NOT_FOUND names the child. */
export async function requireRoleOfChild(ctx: AppContext, kind: ChildKind, id: string, needed: AccessRole): Promise<void> {
  requireSignedIn(ctx, `change ${kind} ${id}`);
  const itemKind = ITEM_OF_CHILD[kind];
  const itemId = (await ctx.store.parentsOf(kind, [id])).get(id);
  const item = itemId === undefined ? null : await loadItem(ctx, itemKind, itemId);
  if (!item) throw userError('NOT_FOUND', `${kind} ${id} not found`);
  await checkRole(ctx, itemKind, item, needed, `${kind} ${id}`);
}

/**
 * The ids of `ids` (children of `kind`) whose items the viewer may change with `needed`. Children
 * of items they may not read are left out, like missing ones; throws FORBIDDEN for any whose item
 * they may read but not change.
 */
export async function changeableChildren(ctx: AppContext, kind: ChildKind, ids: readonly string[], needed: AccessRole): Promise<string[]> {
  requireSignedIn(ctx, `change ${kind}s`);
  const itemKind = ITEM_OF_CHILD[kind];
  const parents = await ctx.store.parentsOf(kind, ids);
  const allowed = new Set<string>();
  for (const itemId of new Set(parents.values())) {
    const item = await loadItem(ctx, itemKind, itemId);
    if (!item || (await viewerRole(ctx, itemKind, item)) === null) continue;
    await checkRole(ctx, itemKind, item, needed, `${itemKind} ${itemId}`);
    allowed.add(itemId);
  }
  return ids.filter((id) => {
    const itemId = parents.get(id);
    return itemId !== undefined && allowed.has(itemId);
  });
}
