/**
 * The committed records the change feed carried with its keys, for the live engine's
 * partial runs to re-resolve a changed object without reading it back. An entry is the state given by
 * the latest invalidation of its key (notifications arrive in commit order), so it is never older than
 * what a read at that moment could return: a newer write to the object is itself an invalidation on its
 * way, which replaces the entry or, carrying no record, drops it. `*` (anything may have changed: a lost
 * feed, a reconnected bus) drops them all.
 */
import { LRUCache } from 'lru-cache';
import { ALL_KEYS } from '../keys/resourceKeys.js';

/** Records of recently changed objects by resource key (`Document:<id>`, `Row:<id>`). */
export interface RecentRecords {
  /** Notes an invalidation: keys with a record get it, every other key loses its entry. */
  observe(keys: readonly string[], records?: ReadonlyMap<string, object>): void;
  /** The record of `key` if the latest invalidation of it carried one. */
  get(key: string): object | undefined;
  /** Drops every entry. */
  clear(): void;
}

/** Only the objects changed most recently are worth keeping: each serves the runs right after its change. */
const DEFAULT_MAX_ENTRIES = 1_000;

/** Creates an empty cache of at most `maxEntries` records (least recently changed go first). */
export function createRecentRecords(maxEntries = DEFAULT_MAX_ENTRIES): RecentRecords {
  const entries = new LRUCache<string, object>({ max: maxEntries });
  return {
    observe(keys, records) {
      for (const key of keys) {
        if (key === ALL_KEYS) {
          entries.clear();
          continue;
        }
        const record = records?.get(key);
        if (record) entries.set(key, record);
        else entries.delete(key);
      }
    },
    get: (key) => entries.get(key),
    clear: () => entries.clear(),
  };
}
