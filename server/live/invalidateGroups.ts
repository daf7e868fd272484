/**
 * Invalidation: the groups indexed under any invalidated key note it as pending and are scheduled
 * to re-execute; the in-flight log catches keys written while an execution that read them runs.
 */
import { ALL_KEYS } from '../keys/resourceKeys.js';
import type { EngineState } from './engineState.js';
import { mayAffect } from './keyGuards.js';
import { addPendingKey, notePendingSince, type LiveQueryGroup } from './liveQueryGroup.js';

/**
 * Marks resources as changed: every group that read one re-executes (coalesced by the scheduler),
 * except a group whose guards on a key say that the change `details` describes for it cannot matter
 * (keyGuards.ts).
 */
export function invalidate(engine: EngineState, keys: Iterable<string>, details?: ReadonlyMap<string, unknown>): void {
  if (engine.closed) return;
  const list = [...keys];
  engine.inFlight.record(list);
  const affected = new Set<LiveQueryGroup>();
  const hit = new Set<LiveQueryGroup>();
  for (const key of list) {
    if (key === ALL_KEYS) {
      invalidateAll(engine);
      return;
    }
    hit.clear();
    engine.index.collect(key, hit);
    const detail = details?.get(key);
    for (const group of hit) {
      if (detail !== undefined && !mayAffect(group, key, detail)) continue;
      addPendingKey(group, key);
      affected.add(group);
    }
  }
  if (affected.size === 0) return;
  // One clock read per batch of keys: every group it reaches measures its delivery from here.
  const now = performance.now();
  for (const group of affected) {
    notePendingSince(group, now);
    engine.scheduler.requestRun(group);
  }
}

/** Re-executes every group once, in full (e.g. after missed invalidations). */
export function invalidateAll(engine: EngineState): void {
  if (engine.closed) return;
  engine.inFlight.record([ALL_KEYS]);
  const now = performance.now();
  for (const group of engine.groups.values()) {
    group.pendingAll = true;
    notePendingSince(group, now);
    engine.scheduler.requestRun(group);
  }
}
