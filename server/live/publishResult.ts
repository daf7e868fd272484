/**
 * Publishing a group's new result: the group executes once per invalidation batch, diffs once, and
 * hands the same patch to every member, each under its own revision.
 */
import type { GraphQLFormattedError } from 'graphql';
import { diffResult } from './diffResult.js';
import { NOT_JOINED, sendCurrent, type Member } from './groupMembers.js';
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
    group.initial = undefined;
    group.revision = 1;
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
  group.data = data;
  group.errors = errors;
  group.errorsJson = errorsJson;
  group.initial = undefined;
  group.revision += 1;
  const update = shareUpdate(errors ? { patch, errors } : { patch }, invalidatedAt);
  const offset = group.revision + 1;
  const members = group.members;
  if (members instanceof Map) for (const member of members.values()) sendUpdate(group, member, offset, update);
  else if (members) sendUpdate(group, members, offset, update);
  return patch;
}

/** Sends one member its revision of `update` (or the whole state, if it has not had it yet). */
function sendUpdate(group: LiveQueryGroup, member: Member, offset: number, update: LiveUpdate): void {
  if (member.carried || member.base === NOT_JOINED) sendCurrent(group, member);
  else member.subscriber.next(offset - member.base, update);
}
