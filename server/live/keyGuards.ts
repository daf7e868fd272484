/**
 * Guards on read keys: a resolver that reads a key broad enough to be announced by many changes
 * that cannot touch its result (a top-N window ordered by value hears every value change of its
 * dataset) records, with the key, a guard saying which changes can. An invalidation that comes with
 * a detail for the key (what changed: the source of the details decides their shape, the guard reads
 * it) reaches the group only when some guard of the group's reads of that key says it may matter.
 * A key read once without a guard, or invalidated without a detail, always reaches the group.
 *
 * Guards belong to the group's last result: a full run replaces them, a partial run replaces those
 * of the keys it read again (a key's guards are re-recorded together, by the re-resolved field).
 */
import type { LiveQueryGroup } from './liveQueryGroup.js';

/** True when the change described by `detail` may change what the guarded read returned. */
export type KeyGuard = (detail: unknown) => boolean;

/**
 * An execution's guarded reads: per key, its guards; null when some read of the key had none (then
 * every change of the key matters).
 */
export type RecordedGuards = Map<string, KeyGuard[] | null>;

/** Notes one guarded read of `key`. */
export function noteGuard(into: RecordedGuards, key: string, guard: KeyGuard): void {
  const guards = into.get(key);
  if (guards) guards.push(guard);
  else if (guards === undefined) into.set(key, [guard]);
}

/**
 * An execution's guards once it is done: a key also read without a guard (`reads` lists every read,
 * guarded or not) is unguarded, null.
 */
export function settleGuards(guards: RecordedGuards | undefined, reads: readonly string[]): RecordedGuards | undefined {
  if (!guards) return undefined;
  for (const [key, list] of guards) {
    if (!list) continue;
    let count = 0;
    for (const read of reads) if (read === key) count++;
    if (count > list.length) guards.set(key, null);
  }
  return guards;
}

/** Only groups with a guarded read have an entry: nothing per group otherwise. */
const groupGuards = new WeakMap<LiveQueryGroup, Map<string, readonly KeyGuard[]>>();

/**
 * Keeps what an execution recorded: all of it after a full run (`full`), else over the group's
 * guards for the keys read again.
 */
export function keepGuards(group: LiveQueryGroup, recorded: RecordedGuards | undefined, full: boolean): void {
  let kept = full ? undefined : groupGuards.get(group);
  if (recorded) {
    for (const [key, guards] of recorded) {
      if (guards) (kept ??= new Map()).set(key, guards);
      else kept?.delete(key);
    }
  }
  if (kept?.size) groupGuards.set(group, kept);
  else groupGuards.delete(group);
}

/** Whether a change of `key` described by `detail` (undefined: unknown) may change the group's result. */
export function mayAffect(group: LiveQueryGroup, key: string, detail: unknown): boolean {
  if (detail === undefined) return true;
  const guards = groupGuards.get(group)?.get(key);
  if (!guards) return true;
  for (const guard of guards) if (guard(detail)) return true;
  return false;
}
