/**
 * A live query group: every subscription with the same document, operation, variables and scope,
 * and the state the engine keeps for it (result, revision, tracking, pending invalidations, run
 * flags). Members are in `groupMembers.ts`, publishing in `publishResult.ts`, scheduling in
 * `scheduler.ts`.
 */
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import type { Members } from './groupMembers.js';
import type { Indexed, KeyList } from './invalidationIndex.js';
import type { GroupTracking } from './groupTracking.js';
import type { ResumableGroup, ResumeContext } from './groupResume.js';
import type { JsonObject, LiveUpdate } from './liveResult.js';
import type { ResumeLog } from './resumeLog.js';
import { GroupActivity, isQuiet, QUIET } from './groupActivity.js';
import { readVariables, storeVariables, type StoredVariables } from './groupVariables.js';

/** The state of one group; mutated only by the engine. */
export interface LiveQueryGroup extends Indexed, ResumableGroup {
  /** Changes once, when a shared group turns out to depend on the viewer (viewerGroups.ts). */
  key: string;
  /** The viewer scope the group is keyed by; undefined while shared by every scope. */
  scope: string | undefined;
  /** The scope whose context the group executes with (its first subscriber's). */
  readonly viewer: string;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  readonly throttleMs: number;
  readonly createContext: () => object | Promise<object>;
  /** Called when the last member leaves (the engine disposes the group). */
  readonly onEmpty: (group: LiveQueryGroup) => void;
  /** Use `joinGroup`, `memberCount` and `subscribersOf` (groupMembers.ts). */
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
  /**
   * `performance.now()` when the earliest invalidation not yet taken by an execution reached the
   * engine, 0 when none: the update it leads to carries it, so transports measure delivery time.
   */
  pendingSince: number;
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
  scope: string | undefined;
  viewer: string;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  throttleMs: number;
  createContext: () => object | Promise<object>;
  onEmpty: (group: LiveQueryGroup) => void;
  resume: ResumeContext;
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
  key: string;
  scope: string | undefined;
  readonly viewer: string;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly throttleMs: number;
  readonly createContext: () => object | Promise<object>;
  readonly onEmpty: (group: LiveQueryGroup) => void;
  readonly resume: ResumeContext;
  readonly #variables: StoredVariables;
  resumeStamp = '';
  members: Members = undefined;
  revision = 0;
  data: JsonObject | null = null;
  tracking: GroupTracking | undefined = undefined;
  indexKeys: KeyList | undefined = undefined;
  runCounter = 0;
  #activity: GroupActivity | undefined = undefined;
  /** The five booleans below, as bits of one small integer (a field each costs every group a slot). */
  #flags = PENDING_ALL;

  constructor(init: GroupInit) {
    this.key = init.key;
    this.scope = init.scope;
    this.viewer = init.viewer;
    this.document = init.document;
    this.operationName = init.operationName;
    this.#variables = storeVariables(init.key, init.variables);
    this.throttleMs = init.throttleMs;
    this.createContext = init.createContext;
    this.onEmpty = init.onEmpty;
    this.resume = init.resume;
  }

  get variables(): Record<string, unknown> | undefined {
    return readVariables(this.key, this.#variables);
  }

  get resumeLog(): ResumeLog | undefined {
    return (this.#activity ?? QUIET).resumeLog;
  }
  set resumeLog(value: ResumeLog | undefined) {
    this.#set('resumeLog', value);
  }
  get errors(): readonly GraphQLFormattedError[] | undefined {
    return (this.#activity ?? QUIET).errors;
  }
  set errors(value: readonly GraphQLFormattedError[] | undefined) {
    this.#set('errors', value);
  }
  get errorsJson(): string {
    return (this.#activity ?? QUIET).errorsJson;
  }
  set errorsJson(value: string) {
    this.#set('errorsJson', value);
  }
  get initial(): LiveUpdate | undefined {
    return (this.#activity ?? QUIET).initial;
  }
  set initial(value: LiveUpdate | undefined) {
    this.#set('initial', value);
  }
  get pendingKeys(): Set<string> | undefined {
    return (this.#activity ?? QUIET).pendingKeys;
  }
  set pendingKeys(value: Set<string> | undefined) {
    this.#set('pendingKeys', value);
  }
  get pendingSince(): number {
    return (this.#activity ?? QUIET).pendingSince;
  }
  set pendingSince(value: number) {
    this.#set('pendingSince', value);
  }
  get overtaken(): number {
    return (this.#activity ?? QUIET).overtaken;
  }
  set overtaken(value: number) {
    this.#set('overtaken', value);
  }
  get timer(): ReturnType<typeof setTimeout> | undefined {
    return (this.#activity ?? QUIET).timer;
  }
  set timer(value: ReturnType<typeof setTimeout> | undefined) {
    this.#set('timer', value);
  }
  get lastRunAt(): number {
    return (this.#activity ?? QUIET).lastRunAt;
  }
  /** Kept for throttled groups only: the scheduler reads the two times only for those. */
  set lastRunAt(value: number) {
    if (this.throttleMs > 0) this.#set('lastRunAt', value);
  }
  get lastPublishAt(): number {
    return (this.#activity ?? QUIET).lastPublishAt;
  }
  set lastPublishAt(value: number) {
    if (this.throttleMs > 0) this.#set('lastPublishAt', value);
  }

  /** Sets a field of the activity: made for a value other than the default, dropped when all are back to theirs. */
  #set<K extends keyof GroupActivity>(field: K, value: GroupActivity[K]): void {
    if (value === QUIET[field]) {
      const activity = this.#activity;
      if (!activity) return;
      activity[field] = value;
      if (isQuiet(activity)) this.#activity = undefined;
      return;
    }
    (this.#activity ??= new GroupActivity())[field] = value;
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

/** Notes that an invalidation reached the group at `at` (keeps the earliest one pending). */
export function notePendingSince(group: LiveQueryGroup, at: number): void {
  if (at > 0 && (group.pendingSince === 0 || at < group.pendingSince)) group.pendingSince = at;
}

/** Notes a key invalidated since the group's last execution started. */
export function addPendingKey(group: LiveQueryGroup, key: string): void {
  (group.pendingKeys ??= new Set()).add(key);
}
