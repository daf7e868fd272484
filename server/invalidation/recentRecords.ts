/**
 * The committed records that changes carried with their keys, for the live engine's partial re-runs to
 * re-resolve a changed object without reading it back. An entry must never be older than what a read
 * at that moment could return; the records come from two sources ordered differently:
 *
 * - the change feed (NOTIFY) delivers in commit order: its latest record of a key is the committed
 *   state, and a later change is itself an invalidation on its way, which replaces the entry or,
 *   carrying no record, drops it;
 * - the bus (Redis: each instance publishes its own writes after commit) is not ordered with the feed,
 *   with other instances, or even between two transactions of one instance that commit concurrently.
 *   Its records are kept only where they say their place: a version that grows with every change of
 *   the object (a document's `revision`). A record older than one seen is ignored; a record of a key
 *   whose latest invalidation came without one (its version unknown) from a source it is not ordered
 *   with is not kept for {@link REORDER_WINDOW_MS} (it may predate that change): the object is read
 *   back instead. Records without a version (rows) from the bus are never kept.
 *
 * `*` (anything may have changed: a lost feed, a reconnected bus) drops every entry and is a change
 * without a record of every key; the versions seen stay (they are facts about versions that existed).
 */
import { LRUCache } from 'lru-cache';
import { ALL_KEYS } from '../keys/resourceKeys.js';

/** Where an invalidation came from: the commit-ordered change feed, or the unordered bus. */
export type RecordSource = 'feed' | 'bus';

/** Records of recently changed objects by resource key (`Document:<id>`, `Row:<id>`). */
export interface RecentRecords {
  /** Notes an invalidation: keys with a record may keep it (see above), every other key loses its entry. */
  observe(keys: readonly string[], records?: ReadonlyMap<string, object>, source?: RecordSource): void;
  /** The record of `key` if the latest invalidation of it carried one that could be placed. */
  get(key: string): object | undefined;
  /** Drops every entry: `*` from the bus. */
  clear(): void;
}

/** Options of {@link createRecentRecords}. */
export interface RecentRecordsOptions {
  /** Entries kept (least recently changed go first); default 1,000. */
  maxEntries?: number;
  /** The version of a record, growing with every change of its object; default its integer `revision`. */
  versionOf?: (record: object) => number | undefined;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

/**
 * How long after an invalidation without a record a record from a source not ordered with it may still
 * predate it: far longer than a publish takes after its commit, even on a loaded instance.
 */
export const REORDER_WINDOW_MS = 30_000;

/** Only the objects changed most recently are worth keeping: each serves the runs right after its change. */
const DEFAULT_MAX_ENTRIES = 1_000;
/** Versions and unplaced changes remembered per key, for records arriving out of order. */
const MAX_REMEMBERED = 10_000;

/** The integer `revision` of a record, if it has one. */
export function recordRevision(record: object): number | undefined {
  const revision = (record as { revision?: unknown }).revision;
  return typeof revision === 'number' && Number.isInteger(revision) ? revision : undefined;
}

/** Creates an empty cache. */
export function createRecentRecords(options: RecentRecordsOptions = {}): RecentRecords {
  const versionOf = options.versionOf ?? recordRevision;
  const now = options.now ?? Date.now;
  const entries = new LRUCache<string, object>({ max: options.maxEntries ?? DEFAULT_MAX_ENTRIES });
  /** The highest version seen of each key: a record below it is older than one already delivered. */
  const versions = new LRUCache<string, number>({ max: MAX_REMEMBERED });
  /** Keys last invalidated without a record: by which source, and until when that may hide a reorder. */
  const unplaced = new LRUCache<string, { source: RecordSource; until: number }>({ max: MAX_REMEMBERED });
  /** The latest `*`, a change without a record of every key. */
  let everything: { source: RecordSource; until: number } | undefined;

  /** True when `record` from `source` is known to be the latest state of `key`. */
  const placeable = (key: string, version: number | undefined, source: RecordSource): boolean => {
    const seen = versions.get(key);
    if (version !== undefined && seen !== undefined && version < seen) return false;
    if (source === 'bus' && version === undefined) return false;
    const t = now();
    return [unplaced.get(key), everything].every(
      (change) => !change || change.until < t || (source === 'feed' && change.source === 'feed'),
    );
  };

  const observeKey = (key: string, record: object | undefined, source: RecordSource) => {
    if (!record) {
      entries.delete(key);
      unplaced.set(key, { source, until: now() + REORDER_WINDOW_MS });
      return;
    }
    const version = versionOf(record);
    const keep = placeable(key, version, source);
    if (version !== undefined) versions.set(key, Math.max(version, versions.get(key) ?? version));
    if (!keep) {
      // An older record leaves a newer entry in place; one that cannot be placed leaves none.
      if (version === undefined || version >= (versions.get(key) ?? 0)) entries.delete(key);
      return;
    }
    entries.set(key, record);
    unplaced.delete(key);
  };

  const changeEverything = (source: RecordSource) => {
    entries.clear();
    unplaced.clear();
    everything = { source, until: now() + REORDER_WINDOW_MS };
  };
  return {
    observe(keys, records, source = 'feed') {
      for (const key of keys) {
        if (key === ALL_KEYS) changeEverything(source);
        else observeKey(key, records?.get(key), source);
      }
    },
    get: (key) => entries.get(key),
    clear: () => changeEverything('bus'),
  };
}
