/** Access to documents and datasets: owners, visibility and shares, as the store keeps them. */

/** Who may read an item besides its owner and those it is shared with. */
export type Visibility = 'PRIVATE' | 'PUBLIC';

/** What a viewer an item is shared with may do. */
export type ShareRole = 'READER' | 'EDITOR';

/** The kinds of items that have an owner, a visibility and shares. */
export type ItemKind = 'document' | 'dataset';

/** The kinds of objects that belong to an item (and take their access from it). */
export type ChildKind = 'section' | 'comment' | 'row';

/** One viewer an item is shared with. */
export interface ShareRecord {
  itemId: string;
  viewerId: string;
  role: ShareRole;
}

/**
 * Reads and writes of access. Reads are batched (many items at once) for the GraphQL layer's
 * loaders; writes run unmarked, so the change trigger announces them (the items' root keys).
 */
export interface AccessStore {
  /** The role each of `ids` is shared with `viewerId` (items not shared with them are absent). */
  rolesOf(kind: ItemKind, ids: readonly string[], viewerId: string): Promise<Map<string, ShareRole>>;
  /** The shares of each of `ids` (an empty list for items without any), by viewer id. */
  sharesOf(kind: ItemKind, ids: readonly string[]): Promise<Map<string, ShareRecord[]>>;
  /** The item each of `ids` belongs to (a section's or comment's document, a row's dataset); missing ones are absent. */
  parentsOf(kind: ChildKind, ids: readonly string[]): Promise<Map<string, string>>;
  /** Shares an item with a viewer, replacing an earlier role. Throws NOT_FOUND for the item. */
  share(kind: ItemKind, id: string, viewerId: string, role: ShareRole): Promise<void>;
  /** Takes a viewer's share away (nothing happens when there was none). Throws NOT_FOUND for the item. */
  unshare(kind: ItemKind, id: string, viewerId: string): Promise<void>;
  /** Makes an item PRIVATE or PUBLIC. Throws NOT_FOUND. */
  setVisibility(kind: ItemKind, id: string, visibility: Visibility): Promise<void>;
}
