/**
 * Publishing a group's new result: the group executes once per invalidation batch, diffs once, and
 * hands the same patch to every member, each under its own revision; each state gets its resume
 * stamp and each patch a place in the group's resume log (groupResume.ts).
 */
import type { GraphQLFormattedError } from 'graphql';
import { diffResult } from './diffResult.js';
import { NOT_JOINED, pauseHolding, sendCurrent, type CarriedState, type Member } from './groupMembers.js';
import { stampState } from './groupResume.js';
import type { LiveQueryGroup } from './liveQueryGroup.js';
import { shareUpdate, type JsonObject, type LiveUpdate, type Patch } from './liveResult.js';

/**
 * Publishes a new execution result: the first one to everybody as revision 1, later ones as one
 * patch shared by all members. `invalidatedAt` is when the invalidation it answers reached the engine
 * (0: none). Returns the patch (empty when nothing changed and nothing was sent).
 */
export function publishResult(
  group: LiveQueryGroup,
  data: JsonObject | null,
  errors: readonly GraphQLFormattedError[] | undefined,
  invalidatedAt = 0,
): Patch {
  const errorsJson = errors ? JSON.stringify(errors) : '';
  if (group.revision === 0) {
    group.data = data;
    group.errors = errors;
    group.errorsJson = errorsJson;
    group.revision = 1;
    // The JSON that names the state for resume is the first result's body too.
    const dataJson = JSON.stringify(data);
    stampState(group, dataJson, errorsJson);
    const body = errors ? `"data":${dataJson},"errors":${errorsJson}` : `"data":${dataJson}`;
    group.initial = shareUpdate(errors ? { data, errors } : { data }, 0, group.resumeStamp, body);
    const members = group.members;
    if (members instanceof Map) for (const member of members.values()) sendCurrent(group, member);
    else if (members) sendCurrent(group, members);
    // Joiners at this revision serialize it again (and keep it for the next): an idle group holds no
    // second copy of its result as JSON.
    group.initial = undefined;
    return [];
  }
  return publishPatch(group, data, errors, diffResult(group.data, data), errorsJson, invalidatedAt);
}

/**
 * Publishes a result whose patch against the current one is already known (partial runs diff only
 * what they re-resolved); `invalidatedAt` as for {@link publishResult}. Sends nothing when the patch is empty and the errors are unchanged.
 * Returns the patch.
 */
export function publishPatch(
  group: LiveQueryGroup,
  data: JsonObject | null,
  errors: readonly GraphQLFormattedError[] | undefined,
  patch: Patch,
  errorsJson = errors ? JSON.stringify(errors) : '',
  invalidatedAt = 0,
): Patch {
  if (patch.length === 0 && errorsJson === group.errorsJson) {
    group.data = data; // equal content; keep the newest objects
    return patch;
  }
  // What members that cannot take this update keep: the state before it (never mutated: results
  // are replaced, not edited, see spliceResult.ts), one object per update however many pause on it.
  const before: Before = { data: group.data, errorsJson: group.errorsJson, held: undefined };
  group.data = data;
  group.errors = errors;
  group.errorsJson = errorsJson;
  group.initial = undefined;
  group.revision += 1;
  const patchJson = JSON.stringify(patch);
  stampState(group, JSON.stringify(data), errorsJson, patchJson);
  const body = errors ? `"patch":${patchJson},"errors":${errorsJson}` : `"patch":${patchJson}`;
  const update = shareUpdate(errors ? { patch, errors } : { patch }, invalidatedAt, group.resumeStamp, body);
  const offset = group.revision + 1;
  const members = group.members;
  if (members instanceof Map) for (const member of members.values()) sendUpdate(group, member, offset, update, before);
  else if (members) sendUpdate(group, members, offset, update, before);
  return patch;
}

/** The group's state before an update, for the members that pause on it. */
interface Before {
  readonly data: JsonObject | null;
  readonly errorsJson: string;
  /** Shared by the members pausing at the same own revision (most often all of them: joined together). */
  held: CarriedState | undefined;
}

/**
 * Sends one member its revision of `update` (or the whole state, if it has not had it yet); nothing
 * to a paused member. A member that does not take it is paused holding the state before it.
 */
function sendUpdate(group: LiveQueryGroup, member: Member, offset: number, update: LiveUpdate, before: Before): void {
  if (member.paused) return;
  if (member.carried || member.base === NOT_JOINED) return sendCurrent(group, member);
  const revision = offset - member.base;
  if (member.subscriber.next(revision, update) !== false) return;
  if (before.held?.revision !== revision - 1) before.held = { data: before.data, errorsJson: before.errorsJson, revision: revision - 1 };
  pauseHolding(member, before.held);
}
