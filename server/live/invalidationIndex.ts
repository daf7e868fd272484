/** Maps resource keys to the live query groups that read them, and back. */
export interface InvalidationIndex<G extends object> {
  /** Replaces the keys `group` is indexed under by `keys` (the index keeps `keys` itself: do not mutate it). */
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
 * Creates an empty index. Most keys (an object of one live query) name a single group: such an entry
 * holds the group itself, and only keys read by several groups get a Set — memory per idle live query
 * matters when there are thousands.
 */
export function createInvalidationIndex<G extends object>(): InvalidationIndex<G> {
  const groupsByKey = new Map<string, G | Set<G>>();
  const keysByGroup = new Map<G, Set<string>>();

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
      const old = keysByGroup.get(group);
      if (old) for (const key of old) if (!keys.has(key)) unlink(group, key);
      for (const key of keys) if (!old?.has(key)) link(group, key);
      keysByGroup.set(group, keys);
    },
    add(group, keys) {
      let own = keysByGroup.get(group);
      if (!own) keysByGroup.set(group, (own = new Set()));
      for (const key of keys) {
        if (own.has(key)) continue;
        own.add(key);
        link(group, key);
      }
    },
    delete(group) {
      const old = keysByGroup.get(group);
      if (!old) return;
      for (const key of old) unlink(group, key);
      keysByGroup.delete(group);
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
