/**
 * What the index keeps on each group: the keys it is indexed under (on the group rather than in a
 * Map of the index's own, which would cost an entry per group). Only the index touches it.
 */
export interface Indexed {
  indexKeys: KeyList | undefined;
}

/** Maps resource keys to the live query groups that read them, and back. */
export interface InvalidationIndex<G extends Indexed> {
  /** Replaces the keys `group` is indexed under by `keys` (large sets are kept as they are: do not mutate it). */
  set(group: G, keys: Set<string>): void;
  /** Adds `keys` to those `group` is indexed under. */
  add(group: G, keys: Iterable<string>): void;
  /** Removes every entry of `group`. */
  delete(group: G): void;
  /** Adds the groups indexed under `key` to `into`. */
  collect(key: string, into: Set<G>): void;
  /** Number of distinct keys indexed (for leak checks and metrics). */
  readonly size: number;
}

/**
 * The keys of one group: an array while small (a Set is a hash table: over a hundred bytes even for
 * the handful of keys a typical live query reads), a Set beyond {@link SMALL}, where lookups matter.
 */
export type KeyList = string[] | Set<string>;

const SMALL = 8;

function hasKey(list: KeyList, key: string): boolean {
  return Array.isArray(list) ? list.includes(key) : list.has(key);
}

/** The keys as an array of exactly their number (a spread grows by push, with spare slots). */
function toArray(keys: Set<string>): string[] {
  const array = new Array<string>(keys.size);
  let i = 0;
  for (const key of keys) array[i++] = key;
  return array;
}

/** Adds a key not in `list`; returns the list to keep (a Set once the array would pass SMALL). */
function addKey(list: KeyList, key: string): KeyList {
  if (!Array.isArray(list)) return list.add(key);
  if (list.length < SMALL) {
    list.push(key);
    return list;
  }
  return new Set(list).add(key);
}

/**
 * Creates an empty index. Most keys (an object of one live query) name a single group: such an entry
 * holds the group itself, and only keys read by several groups get a Set — memory per idle live query
 * matters when there are thousands.
 */
export function createInvalidationIndex<G extends Indexed>(): InvalidationIndex<G> {
  const groupsByKey = new Map<string, G | Set<G>>();

  function link(group: G, key: string): void {
    const entry = groupsByKey.get(key);
    if (entry === undefined) groupsByKey.set(key, group);
    else if (entry instanceof Set) entry.add(group);
    else if (entry !== group) groupsByKey.set(key, new Set([entry, group]));
  }

  function unlink(group: G, key: string): void {
    const entry = groupsByKey.get(key);
    if (entry === group) groupsByKey.delete(key);
    else if (entry instanceof Set) {
      entry.delete(group);
      if (entry.size === 1) groupsByKey.set(key, entry.values().next().value as G);
    }
  }

  return {
    set(group, keys) {
      const old = group.indexKeys;
      if (old) for (const key of old) if (!keys.has(key)) unlink(group, key);
      for (const key of keys) if (!old || !hasKey(old, key)) link(group, key);
      group.indexKeys = keys.size <= SMALL ? toArray(keys) : keys;
    },
    add(group, keys) {
      let own = group.indexKeys ?? [];
      for (const key of keys) {
        if (hasKey(own, key)) continue;
        own = addKey(own, key);
        link(group, key);
      }
      group.indexKeys = own;
    },
    delete(group) {
      const old = group.indexKeys;
      if (!old) return;
      for (const key of old) unlink(group, key);
      group.indexKeys = undefined;
    },
    collect(key, into) {
      const entry = groupsByKey.get(key);
      if (entry === undefined) return;
      if (entry instanceof Set) for (const group of entry) into.add(group);
      else into.add(entry);
    },
    get size() {
      return groupsByKey.size;
    },
  };
}
