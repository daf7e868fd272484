/** Maps resource keys to the live query groups that read them, and back. */
export interface InvalidationIndex<G> {
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

/** Creates an empty index. */
export function createInvalidationIndex<G>(): InvalidationIndex<G> {
  const groupsByKey = new Map<string, Set<G>>();
  const keysByGroup = new Map<G, Set<string>>();

  function unlink(group: G, key: string): void {
    const groups = groupsByKey.get(key);
    if (!groups) return;
    groups.delete(group);
    if (groups.size === 0) groupsByKey.delete(key);
  }

  return {
    set(group, keys) {
      const old = keysByGroup.get(group);
      if (old) for (const key of old) if (!keys.has(key)) unlink(group, key);
      for (const key of keys) {
        if (old?.has(key)) continue;
        let groups = groupsByKey.get(key);
        if (!groups) groupsByKey.set(key, (groups = new Set()));
        groups.add(group);
      }
      keysByGroup.set(group, keys as Set<string>);
    },
    add(group, keys) {
      let own = keysByGroup.get(group) as Set<string> | undefined;
      if (!own) keysByGroup.set(group, (own = new Set()));
      for (const key of keys) {
        if (own.has(key)) continue;
        own.add(key);
        let groups = groupsByKey.get(key);
        if (!groups) groupsByKey.set(key, (groups = new Set()));
        groups.add(group);
      }
    },
    delete(group) {
      const old = keysByGroup.get(group);
      if (!old) return;
      for (const key of old) unlink(group, key);
      keysByGroup.delete(group);
    },
    collect(key, into) {
      const groups = groupsByKey.get(key);
      if (groups) for (const group of groups) into.add(group);
    },
    get size() {
      return groupsByKey.size;
    },
  };
}
