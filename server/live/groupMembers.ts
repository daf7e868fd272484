/**
 * The members of a live query group: joining, leaving, and sending one member the group's current
 * state. Each member sees its own revisions, starting at 1 when it joined.
 */
import { shareUpdate, type LiveUpdate } from './liveResult.js';
import type { LiveQueryGroup } from './liveQueryGroup.js';

/** Receives the live results of one subscription. */
export interface LiveSubscriber {
  /**
   * One message for this subscriber: its own `revision` and the update every member receiving it
   * shares (a transport writes the update's once-serialized JSON; `toLiveResult` makes an object).
   * Called synchronously for every member, so it must not allocate much: no per-member objects here.
   */
  next(revision: number, update: LiveUpdate): void;
  /** Called when the engine shuts down; the subscription is over. */
  complete?(): void;
}

/** What `subscribe` returns: ends that one subscription (idempotent). */
export interface LiveSubscription {
  unsubscribe(): void;
}

/**
 * One member of a group and the group revision it joined at; also the subscription handle (one
 * object per subscription rather than a member plus an unsubscribe closure and its context).
 */
export class Member implements LiveSubscription {
  /** Group revision whose state this member received as its revision 1; -1 until then. */
  base = -1;
  constructor(
    readonly subscriber: LiveSubscriber,
    readonly group: LiveQueryGroup,
  ) {}

  /** Leaves the group; the group is disposed with its last member. */
  unsubscribe(): void {
    // Leaving twice is harmless: the subscriber is no longer found, and a disposed group stays so.
    if (leaveGroup(this.group, this.subscriber) === 0) this.group.onEmpty(this.group);
  }
}

/**
 * A group's members: the lone member inline (most live queries are nobody else's), a Map from the
 * second one on. An empty Map still costs a hash table, and there can be thousands of idle groups.
 */
export type Members = Member | Map<LiveSubscriber, Member> | undefined;

/** Adds a subscriber; it receives the current result at once if the group has one. */
export function joinGroup(group: LiveQueryGroup, subscriber: LiveSubscriber): LiveSubscription {
  const member = new Member(subscriber, group);
  const members = group.members;
  if (members === undefined) group.members = member;
  else if (members instanceof Map) members.set(subscriber, member);
  else group.members = new Map([[members.subscriber, members], [subscriber, member]]);
  if (group.revision > 0) sendInitial(group, member);
  return member;
}

/** Removes a subscriber; returns how many members remain. */
function leaveGroup(group: LiveQueryGroup, subscriber: LiveSubscriber): number {
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

/** Sends a member the group's whole current state as its revision 1. */
export function sendInitial(group: LiveQueryGroup, member: Member): void {
  member.base = group.revision;
  group.initial ??= shareUpdate(group.errors ? { data: group.data, errors: group.errors } : { data: group.data });
  member.subscriber.next(1, group.initial);
}
