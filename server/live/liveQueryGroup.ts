/**
 * A live query group: every subscription with the same document, operation, variables and scope.
 * The group executes once per invalidation batch, diffs once, and hands the same patch to every
 * member; each member sees its own revisions, starting at 1 when it joined.
 */
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { diffResult } from './diffResult.js';
import type { Indexed, KeyList } from './invalidationIndex.js';
import type { GroupTracking } from './partialRun.js';
import { shareUpdate, type JsonObject, type LiveUpdate, type Patch } from './liveResult.js';

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
class Member implements LiveSubscription {
  /** Group revision whose state this member received as its revision 1; -1 until then. */
  base = -1;
  constructor(
    readonly subscriber: LiveSubscriber,
    readonly group: LiveQueryGroup,
  ) {}

  unsubscribe(): void {
    // Leaving twice is harmless: the subscriber is no longer found, and a disposed group stays so.
    if (leaveGroup(this.group, this.subscriber) === 0) this.group.onEmpty(this.group);
  }
}

/**
 * A group's members: the lone member inline (most live queries are nobody else's), a Map from the
 * second one on. An empty Map still costs a hash table, and there can be thousands of idle groups.
 */
type Members = Member | Map<LiveSubscriber, Member> | undefined;

/** The state of one group; mutated only by the engine. */
export interface LiveQueryGroup extends Indexed {
  readonly key: string;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  readonly throttleMs: number;
  readonly createContext: () => object | Promise<object>;
  /** Called when the last member leaves (the engine disposes the group). */
  readonly onEmpty: (group: LiveQueryGroup) => void;
  /** Use {@link joinGroup}, {@link leaveGroup}, {@link memberCount} and {@link subscribersOf}. */
  members: Members;
  /** Group revision: 0 before the first result, then +1 per published change. */
  revision: number;
  data: JsonObject | null;
  errors: readonly GraphQLFormattedError[] | undefined;
  errorsJson: string;
  /** The current state as a shared payload for members joining now (serialized once per revision). */
  initial: LiveUpdate | undefined;
  /** What the last execution read and where its objects are (for partial re-execution). */
  tracking: GroupTracking | undefined;
  /** Keys invalidated since the last execution started (created on the first one)… */
  pendingKeys: Set<string> | undefined;
  /** …or everything (first run, lost invalidations). */
  pendingAll: boolean;
  /** Incremented per execution; an execution publishes only if still the newest when it ends. */
  runCounter: number;
  running: boolean;
  /** Invalidated while running: run again when the current execution ends. */
  rerun: boolean;
  /** Consecutive executions dropped because a newer invalidation overtook them. */
  overtaken: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  queued: boolean;
  /** When the last execution started, in whole milliseconds (see {@link nowMs}). */
  lastRunAt: number;
  /** When the last patch was sent (for the throttle), likewise. */
  lastPublishAt: number;
  closed: boolean;
}

/** Before any time {@link nowMs} returns, and a small integer (no heap number per group). */
export const NEVER = -(2 ** 30);

/**
 * `performance.now()` rounded up to a whole millisecond: an integer is stored in the group itself,
 * where a fractional number would be a separate heap object per group; rounding up keeps every
 * throttle window at least as long as asked.
 */
export function nowMs(): number {
  return Math.ceil(performance.now());
}

/** What a group is created from. */
export interface GroupInit {
  key: string;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  throttleMs: number;
  createContext: () => object | Promise<object>;
  onEmpty: (group: LiveQueryGroup) => void;
}

const PENDING_ALL = 1;
const RUNNING = 2;
const RERUN = 4;
const QUEUED = 8;
const CLOSED = 16;

/**
 * A class, with every field set in the constructor, so that all groups share one hidden class with
 * in-object fields (an object literal spread from `init` got a hidden class of its own per group).
 */
class Group implements LiveQueryGroup {
  readonly key: string;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  readonly throttleMs: number;
  readonly createContext: () => object | Promise<object>;
  readonly onEmpty: (group: LiveQueryGroup) => void;
  members: Members = undefined;
  revision = 0;
  data: JsonObject | null = null;
  errors: readonly GraphQLFormattedError[] | undefined = undefined;
  errorsJson = '';
  initial: LiveUpdate | undefined = undefined;
  tracking: GroupTracking | undefined = undefined;
  indexKeys: KeyList | undefined = undefined;
  pendingKeys: Set<string> | undefined = undefined;
  runCounter = 0;
  overtaken = 0;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  lastRunAt = NEVER;
  lastPublishAt = NEVER;
  /** The five booleans below, as bits of one small integer (a field each costs every group a slot). */
  #flags = PENDING_ALL;

  constructor(init: GroupInit) {
    this.key = init.key;
    this.document = init.document;
    this.operationName = init.operationName;
    this.variables = init.variables;
    this.throttleMs = init.throttleMs;
    this.createContext = init.createContext;
    this.onEmpty = init.onEmpty;
  }

  get pendingAll(): boolean {
    return (this.#flags & PENDING_ALL) !== 0;
  }
  set pendingAll(value: boolean) {
    this.#setFlag(PENDING_ALL, value);
  }
  get running(): boolean {
    return (this.#flags & RUNNING) !== 0;
  }
  set running(value: boolean) {
    this.#setFlag(RUNNING, value);
  }
  get rerun(): boolean {
    return (this.#flags & RERUN) !== 0;
  }
  set rerun(value: boolean) {
    this.#setFlag(RERUN, value);
  }
  get queued(): boolean {
    return (this.#flags & QUEUED) !== 0;
  }
  set queued(value: boolean) {
    this.#setFlag(QUEUED, value);
  }
  get closed(): boolean {
    return (this.#flags & CLOSED) !== 0;
  }
  set closed(value: boolean) {
    this.#setFlag(CLOSED, value);
  }

  #setFlag(bit: number, value: boolean): void {
    this.#flags = value ? this.#flags | bit : this.#flags & ~bit;
  }
}

/** Creates a group with no result yet. */
export function createGroup(init: GroupInit): LiveQueryGroup {
  return new Group(init);
}

/** Notes a key invalidated since the group's last execution started. */
export function addPendingKey(group: LiveQueryGroup, key: string): void {
  (group.pendingKeys ??= new Set()).add(key);
}

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

function sendInitial(group: LiveQueryGroup, member: Member): void {
  member.base = group.revision;
  group.initial ??= shareUpdate(group.errors ? { data: group.data, errors: group.errors } : { data: group.data });
  member.subscriber.next(1, group.initial);
}

/**
 * Publishes a new execution result: the first one to everybody as revision 1, later ones as one
 * patch shared by all members. Returns the patch (empty when nothing changed and nothing was sent).
 */
export function publishResult(
  group: LiveQueryGroup,
  data: JsonObject | null,
  errors: readonly GraphQLFormattedError[] | undefined,
): Patch {
  const errorsJson = errors ? JSON.stringify(errors) : '';
  if (group.revision === 0) {
    group.data = data;
    group.errors = errors;
    group.errorsJson = errorsJson;
    group.initial = undefined;
    group.revision = 1;
    const members = group.members;
    if (members instanceof Map) for (const member of members.values()) sendInitial(group, member);
    else if (members) sendInitial(group, members);
    // Joiners at this revision serialize it again (and keep it for the next): an idle group holds no
    // second copy of its result as JSON.
    group.initial = undefined;
    return [];
  }
  return publishPatch(group, data, errors, diffResult(group.data, data), errorsJson);
}

/**
 * Publishes a result whose patch against the current one is already known (partial runs diff only
 * what they re-resolved). Sends nothing when the patch is empty and the errors are unchanged.
 */
export function publishPatch(
  group: LiveQueryGroup,
  data: JsonObject | null,
  errors: readonly GraphQLFormattedError[] | undefined,
  patch: Patch,
  errorsJson = errors ? JSON.stringify(errors) : '',
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
  const update = shareUpdate(errors ? { patch, errors } : { patch });
  const offset = group.revision + 1;
  const members = group.members;
  if (members instanceof Map) for (const member of members.values()) sendUpdate(group, member, offset, update);
  else if (members) sendUpdate(group, members, offset, update);
  return patch;
}

/** Sends one member its revision of `update` (or the whole state, if it has not had it yet). */
function sendUpdate(group: LiveQueryGroup, member: Member, offset: number, update: LiveUpdate): void {
  if (member.base < 0) sendInitial(group, member);
  else member.subscriber.next(offset - member.base, update);
}
