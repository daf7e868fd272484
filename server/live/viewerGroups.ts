/**
 * Groups per viewer. A group starts shared by every viewer; when an execution reads the viewer
 * (viewerTracking.ts), its result is that viewer's alone. Before it is published, the group becomes
 * its executing viewer's own group, and every member of another viewer moves to its viewer's own
 * group (created and executed for it as needed), carrying the state it holds: it gets one patch from
 * that state to its own group's, so no member ever receives a result computed for another viewer.
 */
import type { EngineState } from './engineState.js';
import { addMember, leaveGroup, memberCount, membersOf, NOT_JOINED, type Member } from './groupMembers.js';
import { disposeGroup, openGroup } from './groupRegistry.js';
import type { LiveQueryGroup } from './liveQueryGroup.js';

/**
 * Makes a shared group whose execution read the viewer its viewer's own; returns false when the
 * group was disposed instead (its viewer had a group already, or no member of its viewer is left),
 * so that the execution's result must not be published.
 */
export function keepForItsViewer(engine: EngineState, group: LiveQueryGroup): boolean {
  const ownKey = engine.groupKeys.keyOf(group, group.viewer);
  const existing = engine.groups.get(ownKey);
  for (const member of membersOf(group)) {
    if (existing !== undefined || member.viewer !== group.viewer) moveToOwnGroup(engine, member, group);
  }
  if (engine.groups.get(group.key) === group) engine.groups.delete(group.key);
  if (existing !== undefined || memberCount(group) === 0) {
    disposeGroup(engine, group);
    return false;
  }
  group.key = ownKey;
  group.scope = group.viewer;
  engine.groups.set(ownKey, group);
  return true;
}

/** Moves a member of a group about to publish a viewer's own result into its own viewer's group. */
function moveToOwnGroup(engine: EngineState, member: Member, from: LiveQueryGroup): void {
  leaveGroup(from, member.subscriber);
  if (member.base !== NOT_JOINED && !member.carried) {
    const revision = from.revision + 1 - member.base;
    member.carried = { data: from.data, errorsJson: from.errorsJson, revision };
  }
  member.base = NOT_JOINED;
  const key = engine.groupKeys.keyOf(from, member.viewer);
  const target = engine.groups.get(key) ?? openGroup(engine, from, key, member.viewer, member.viewer, member.createContext);
  addMember(target, member);
}
