/**
 * What a group remembers of its last execution for partial runs: where each object with an id lies
 * in the result, and which field-level keys it read. Kept as recorded until the first partial run
 * indexes it by key; each partial run then updates the index in place.
 */
import { splitFieldKey } from '../keys/resourceKeys.js';
import type { FieldRead, Occurrence, ResourceCollector, ResultPath } from './trackResources.js';

/**
 * A group's tracking (its keys live in the invalidation index): the places and field reads as
 * recorded, in one exact-size array, until the first partial run indexes them by key — most groups
 * are idle and never get one, and Maps per group add up over thousands.
 */
export type GroupTracking = RecordedReads | TrackingIndex;

/** A full execution's places and field-level keys, as recorded. */
export type RecordedReads = readonly (Occurrence | FieldRead)[];

/** A group's places by object key, and its field-level keys with the object and field they name. */
export interface TrackingIndex {
  occurrences: Map<string, Occurrence[]>;
  fieldKeys: Map<string, { objectKey: string; fieldName: string }>;
  /**
   * The paths (as {@link pathKey}s) that some place lies strictly inside, so that re-resolving
   * anything else (a row of a long list, say) skips looking through every place for ones it
   * replaced. It may keep paths whose places are gone: that only costs a look.
   */
  enclosing: Set<string>;
}

/** Keeps a full execution's collector for partial runs. */
export function trackingOf(collector: ResourceCollector): RecordedReads {
  const { occurrences, fieldReads } = collector;
  const reads = new Array<Occurrence | FieldRead>(occurrences.length + fieldReads.length);
  for (let i = 0; i < occurrences.length; i++) reads[i] = occurrences[i] as Occurrence;
  for (let i = 0; i < fieldReads.length; i++) reads[occurrences.length + i] = fieldReads[i] as FieldRead;
  return reads;
}

/** The tracking indexed by key (the engine keeps what this returns in place of what it got). */
export function indexTracking(tracking: GroupTracking): TrackingIndex {
  if (!isRecorded(tracking)) return tracking;
  const index: TrackingIndex = { occurrences: new Map(), fieldKeys: new Map(), enclosing: new Set() };
  const occurrences: Occurrence[] = [];
  const fieldReads: FieldRead[] = [];
  for (const read of tracking) {
    if (typeof read === 'string') fieldReads.push(read);
    else occurrences.push(read);
  }
  addOccurrences(index, occurrences);
  addFieldReads(index.fieldKeys, fieldReads);
  return index;
}

function isRecorded(tracking: GroupTracking): tracking is RecordedReads {
  return Array.isArray(tracking);
}

/**
 * After a partial run: drops the places inside what was re-resolved (`removedUnder`) and adds the
 * places and field-level keys the re-resolution recorded.
 */
export function updateTracking(
  tracking: TrackingIndex,
  removedUnder: readonly ResultPath[],
  added: readonly Occurrence[],
  collector: ResourceCollector,
): void {
  // Only a re-resolved region that encloses some place can have replaced one.
  if (removedUnder.some((path) => tracking.enclosing.has(pathKey(path)))) {
    for (const [key, list] of tracking.occurrences) {
      if (!list.some((o) => isInsideAny(o, removedUnder))) continue; // the common case: nothing of this key was re-resolved
      const kept = list.filter((o) => !isInsideAny(o, removedUnder));
      if (kept.length === 0) tracking.occurrences.delete(key);
      else tracking.occurrences.set(key, kept);
    }
  }
  addOccurrences(tracking, added);
  addFieldReads(tracking.fieldKeys, collector.fieldReads);
}

function addFieldReads(into: TrackingIndex['fieldKeys'], list: readonly FieldRead[]): void {
  for (const key of list) if (!into.has(key)) into.set(key, splitFieldKey(key));
}

function addOccurrences(into: TrackingIndex, list: readonly Occurrence[]): void {
  for (const occurrence of list) {
    const existing = into.occurrences.get(occurrence.key);
    if (existing) existing.push(occurrence);
    else into.occurrences.set(occurrence.key, [occurrence]);
    addEnclosing(into.enclosing, occurrence);
  }
}

/** Notes every proper prefix of the occurrence's path as enclosing a place. */
function addEnclosing(into: Set<string>, occurrence: Occurrence): void {
  let key = '';
  into.add(key);
  for (let i = 0; i < occurrence.base.length - (occurrence.index < 0 ? 1 : 0); i++) {
    key += PATH_SEPARATOR + String(occurrence.base[i]);
    into.add(key);
  }
}

/** Separates the segments of a {@link pathKey} (no field name or index contains it). */
const PATH_SEPARATOR = '\u001f';

/** A result path as one string, for {@link TrackingIndex.enclosing}. */
function pathKey(path: ResultPath): string {
  let key = '';
  for (const segment of path) key += PATH_SEPARATOR + String(segment);
  return key;
}

function isInsideAny(occurrence: Occurrence, prefixes: readonly ResultPath[]): boolean {
  for (const prefix of prefixes) if (isStrictlyInside(occurrence, prefix)) return true;
  return false;
}

/** True when the occurrence's path is longer than `prefix` and starts with it (no allocation). */
function isStrictlyInside(occurrence: Occurrence, prefix: ResultPath): boolean {
  const length = occurrence.base.length + (occurrence.index < 0 ? 0 : 1);
  if (length <= prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const segment = i < occurrence.base.length ? occurrence.base[i] : occurrence.index;
    if (segment !== prefix[i]) return false;
  }
  return true;
}
