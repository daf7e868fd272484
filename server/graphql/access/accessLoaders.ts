/** Batched reads of access for one execution: share roles of the viewer, and share lists. */
import DataLoader from 'dataloader';
import type { ItemKind, ShareRecord, ShareRole, Store } from '../../store/types.js';

/** A share role asked for: the item and the (signed-in) viewer, who is part of the key, not of the loader. */
export interface RoleKey {
  readonly id: string;
  readonly viewerId: string;
}

/** The loaders of one kind of item. */
export interface AccessLoaders {
  /** The role an item is shared with a viewer, or null. */
  readonly roles: DataLoader<RoleKey, ShareRole | null, string>;
  /** The shares of an item. */
  readonly shares: DataLoader<string, ShareRecord[]>;
}

/** Fresh loaders of `kind` on `store` (they cache within one execution). */
export function createAccessLoaders(store: Store, kind: ItemKind): AccessLoaders {
  return {
    // The viewer travels in the key: a loader that read it at creation would hide the read from the
    // live engine, which learns from reads of `ctx.viewer` which results depend on the viewer.
    roles: new DataLoader<RoleKey, ShareRole | null, string>(
      async (keys) => {
        const byViewer = new Map<string, string[]>();
        for (const key of keys) byViewer.set(key.viewerId, [...(byViewer.get(key.viewerId) ?? []), key.id]);
        const found = new Map<string, ShareRole>();
        for (const [viewerId, ids] of byViewer) {
          for (const [id, role] of await store.rolesOf(kind, ids, viewerId)) found.set(JSON.stringify([id, viewerId]), role);
        }
        return keys.map((key) => found.get(JSON.stringify([key.id, key.viewerId])) ?? null);
      },
      { cacheKeyFn: (key) => JSON.stringify([key.id, key.viewerId]) },
    ),
    shares: new DataLoader(async (ids) => {
      const byItem = await store.sharesOf(kind, ids);
      return ids.map((id) => byItem.get(id) ?? []);
    }),
  };
}
