/**
 * What the viewer may do with an item. The live engine learns that a result depends on the viewer
 * from reads of `ctx.viewer`, so these read it only when the answer depends on it: whether a PUBLIC
 * item may be read does not.
 */
import type { AccessRole } from '../generated/resolvers-types.js';
import type { AppContext } from '../context.js';
import type { ItemKind, Visibility } from '../../store/types.js';

/** What access is decided by: an item's id, owner and visibility. */
export interface AccessItem {
  readonly id: string;
  readonly owner: string;
  readonly visibility: Visibility;
}

/** How much each role may do: a role may do everything a lower one may. */
export const ROLE_RANK: Readonly<Record<AccessRole, number>> = { READER: 1, EDITOR: 2, OWNER: 3 };

/** Whether the viewer may read `item`. True for a PUBLIC item without reading the viewer. */
export async function canRead(ctx: AppContext, kind: ItemKind, item: AccessItem): Promise<boolean> {
  if (item.visibility === 'PUBLIC') return true;
  return (await viewerRole(ctx, kind, item)) !== null;
}

/** The viewer's role on `item`: OWNER, the role it is shared with them as, READER on a PUBLIC item, or null. */
export async function viewerRole(ctx: AppContext, kind: ItemKind, item: AccessItem): Promise<AccessRole | null> {
  const viewerId = ctx.viewer.id;
  const publicRole = item.visibility === 'PUBLIC' ? 'READER' : null;
  if (viewerId === null) return publicRole;
  if (item.owner === viewerId) return 'OWNER';
  return (await ctx.access[kind].roles.load({ id: item.id, viewerId })) ?? publicRole;
}
