/**
 * The members of a live query group: joining, leaving, and sending one member the group's current
 * state. Each member sees its own revisions, starting at 1 when it joined.
 *
 * A member whose subscriber cannot take a message now (a slow client: `next` returns false) is
 * paused: it keeps the state its client holds (`carried`, a reference to an immutable result) and
 * receives nothing until `resume()`, which sends it one patch from that state to the group's current
 * one. However many updates it misses, it holds one result.
 */
import { diffResult } from './diffResult.js';
import { currentHash } from './groupResume.js';
import { shareUpdate, type JsonObject, type LiveUpdate, type Patch } from './liveResult.js';
import { patchSince } from './resumeLog.js';
import type { ResumePoint } from './resumeTokens.js';
import type { LiveQueryGroup } from './liveQueryGroup.js';

/** Receives the live results of one subscription. */
export interface LiveSubscriber {
  /**
   * One message for this subscriber: its own `revision` and the update every member receiving it
   * shares (a transport writes the update's once-serialized JSON; `toLiveResult` makes an object).
   * Called synchronously for every member, so it must not allocate much: no per-member objects here.
   *
   * Returns false when it did not write the message because its client is not reading (it is
   * paused): the engine sends it nothing more until the subscription's `resume()`, which brings it
   * from what it last received to the current state in one patch. Any other value (subscribers that
   * never pause return nothing) means written, or dropped for good on a closing connection.
   */
  next(revision: number, update: LiveUpdate): unknown;
  /** Called when the engine shuts down; the subscription is over. */
  complete?(): void;
}

/** What `subscribe` returns: ends that one subscription (idempotent), or resumes it after a pause. */
export interface LiveSubscription {
  unsubscribe(): void;
  /**
   * The subscriber can take messages again after its `next` returned false: it receives one patch
   * from the state it last received to the group's current one (nothing when they are equal; its
   * whole state as revision 1 when it never received one). Does nothing when it is not paused.
   */
  resume(): void;
}

/**
 * One member of a group and the group revision it joined at; also the subscription handle (one
 * object per subscription rather than a member plus an unsubscribe closure and its context).
 */
export class Member implements LiveSubscription {
  /**
   * The member's revision of group revision r is `r + 1 - base`: base is the group revision it
   * received as its revision 1 (or less, for a member that moved in from another group);
   * {@link NOT_JOINED} until it received anything.
   */
  base = NOT_JOINED;
  /**
   * What the member's client holds when that is not the group's state at `base`: moved in from another
   * group, or paused; until it is brought up to the group's state.
   */
  carried: CarriedState | undefined = undefined;
  /** Its subscriber did not take the last message: it gets nothing until {@link resume}. */
  paused = false;
  constructor(
    readonly subscriber: LiveSubscriber,
    /** Changes when the member moves to its viewer's own group (viewerGroups.ts). */
    public group: LiveQueryGroup,
    /** The member's viewer scope and its context factory, for the group of its own it may move to. */
    readonly viewer: string,
    readonly createContext: () => object | Promise<object>,
    /**
     * The state its client holds by its resume token, until it is brought from there to the group's
     * state (a patch, from the group's log) or, when the group cannot tell, sent the whole result.
     */
    public resumeFrom?: ResumePoint,
  ) {}

  /** Leaves the group; the group is disposed with its last member. */
  unsubscribe(): void {
    this.carried = undefined; // a paused member's held result is not kept by a handle kept after it ended
    this.resumeFrom = undefined;
    this.paused = false;
    // Leaving twice is harmless: the subscriber is no longer found, and a disposed group stays so.
    if (leaveGroup(this.group, this.subscriber) === 0) this.group.onEmpty(this.group);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.group.closed && this.group.revision > 0) sendCurrent(this.group, this);
  }
}

/**
 * A group's members: the lone member inline (most live queries are nobody else's), a Map from the
 * second one on. An empty Map still costs a hash table, and there can be thousands of idle groups.
 */
export type Members = Member | Map<LiveSubscriber, Member> | undefined;

/** Adds a subscriber; it receives the current result at once if the group has one. */
export function joinGroup(
  group: LiveQueryGroup,
  subscriber: LiveSubscriber,
  viewer: string,
  createContext: () => object | Promise<object>,
  resumeFrom?: ResumePoint,
): LiveSubscription {
  const member = new Member(subscriber, group, viewer, createContext, resumeFrom);
  addMember(group, member);
  return member;
}

/** Adds a member (new, or moved in from another group) and brings it up to the group's state if there is one. */
export function addMember(group: LiveQueryGroup, member: Member): void {
  member.group = group;
  const members = group.members;
  if (members === undefined) group.members = member;
  else if (members instanceof Map) members.set(member.subscriber, member);
  else group.members = new Map([[members.subscriber, members], [member.subscriber, member]]);
  if (group.revision > 0) sendCurrent(group, member);
}

/** Removes a subscriber; returns how many members remain. */
export function leaveGroup(group: LiveQueryGroup, subscriber: LiveSubscriber): number {
  const members = group.members;
  if (members instanceof Map) {
    members.delete(subscriber);
    return members.size;
  }
  if (members?.subscriber === subscriber) group.members = undefined;
  return group.members ? 1 : 0;
}

/** The number of members. */
export function memberCount(group: LiveQueryGroup): number {
  const members = group.members;
  return members instanceof Map ? members.size : members ? 1 : 0;
}

/** The members' subscribers, in joining order (a copy). */
export function subscribersOf(group: LiveQueryGroup): LiveSubscriber[] {
  const members = group.members;
  if (members instanceof Map) return [...members.keys()];
  return members ? [members.subscriber] : [];
}

/** The members, in joining order (a copy). */
export function membersOf(group: LiveQueryGroup): Member[] {
  const members = group.members;
  if (members instanceof Map) return [...members.values()];
  return members ? [members] : [];
}

/** Group revision of members that have received nothing yet (a small integer: no heap number). */
export const NOT_JOINED = -(2 ** 30);

/** The state a member received in its former group: its data, errors and its own revision. */
export interface CarriedState {
  readonly data: JsonObject | null;
  readonly errorsJson: string;
  readonly revision: number;
}

/**
 * Sends a member the group's current state: the whole of it, or a patch from what it carried in;
 * nothing while it is paused.
 */
export function sendCurrent(group: LiveQueryGroup, member: Member): void {
  if (member.paused) return;
  if (member.resumeFrom) sendResumed(group, member, member.resumeFrom);
  else if (member.carried) sendCarried(group, member, member.carried);
  else sendInitial(group, member);
}

/**
 * Brings a member that came with a resume token from the state it names to the group's: an empty
 * patch when they are equal, the logged patches since when the log reaches it, under the client's
 * next revision; else the whole result as revision 1. A subscriber that does not take it stays paused,
 * still at that point.
 */
function sendResumed(group: LiveQueryGroup, member: Member, point: ResumePoint): void {
  member.resumeFrom = undefined;
  const patchJson = point.hash === currentHash(group) ? '[]' : patchSince(group.resumeLog, point.hash);
  const { counts } = group.resume;
  if (patchJson === undefined) {
    counts.whole++;
    return sendInitial(group, member);
  }
  if (patchJson === '[]') counts.empty++;
  else counts.patch++;
  member.base = group.revision - point.revision;
  const patch = JSON.parse(patchJson) as Patch;
  // The log's JSON is the body already: not serialized again.
  const body = group.errors ? `"patch":${patchJson},"errors":${group.errorsJson}` : `"patch":${patchJson}`;
  const update = shareUpdate(group.errors ? { patch, errors: group.errors } : { patch }, 0, group.resumeStamp, body);
  if (member.subscriber.next(point.revision + 1, update) !== false) return;
  member.resumeFrom = point;
  member.base = NOT_JOINED;
  member.paused = true;
}

/**
 * Brings a member that moved in from another group, or was paused, from the state it holds to this
 * group's, as one patch under its next own revision (nothing when the two are equal), so its
 * revisions go on. A subscriber that does not take it stays paused, still holding that state.
 */
function sendCarried(group: LiveQueryGroup, member: Member, carried: CarriedState): void {
  member.carried = undefined;
  const patch = diffResult(carried.data, group.data);
  if (patch.length === 0 && carried.errorsJson === group.errorsJson) {
    member.base = group.revision + 1 - carried.revision;
    return;
  }
  member.base = group.revision - carried.revision;
  const update = shareUpdate(group.errors ? { patch, errors: group.errors } : { patch }, 0, group.resumeStamp);
  if (member.subscriber.next(carried.revision + 1, update) === false) pauseHolding(member, carried);
}

/** Sends a member the group's whole current state as its revision 1. */
export function sendInitial(group: LiveQueryGroup, member: Member): void {
  member.base = group.revision;
  group.initial ??= shareUpdate(group.errors ? { data: group.data, errors: group.errors } : { data: group.data }, 0, group.resumeStamp);
  if (member.subscriber.next(1, group.initial) === false) {
    // It holds nothing yet: on resume it gets the whole state then, as its revision 1.
    member.base = NOT_JOINED;
    member.paused = true;
  }
}

/**
 * Pauses a member whose subscriber did not take a message: it holds `held` (what its client has;
 * an immutable result, shared with the group or other paused members, never copied).
 */
export function pauseHolding(member: Member, held: CarriedState): void {
  member.carried = held;
  member.base = NOT_JOINED;
  member.paused = true;
}
