/**
 * What paused members (slow clients) cost: how many there are, and how many results they keep alive
 * besides their groups' current ones. A paused member holds the result its client last received, by
 * reference; members pausing on the same update of a group share it. So the count is at most one per
 * paused member, and does not grow with the number of updates it misses.
 */
import { membersOf } from './groupMembers.js';
import type { LiveQueryGroup } from './liveQueryGroup.js';

/** Counts of {@link pausedMembers}. */
export interface PausedMembers {
  /** Members whose subscriber is not taking messages. */
  pausedSubscribers: number;
  /** Distinct results held by paused members that are not their group's current one. */
  heldResults: number;
}

/** Counts the paused members of `groups` and the distinct results they hold. */
export function pausedMembers(groups: Iterable<LiveQueryGroup>): PausedMembers {
  let paused = 0;
  const held = new Set<object>();
  for (const group of groups) {
    for (const member of membersOf(group)) {
      if (!member.paused) continue;
      paused++;
      const data = member.carried?.data;
      if (data && data !== group.data) held.add(data);
    }
  }
  return { pausedSubscribers: paused, heldResults: held.size };
}
