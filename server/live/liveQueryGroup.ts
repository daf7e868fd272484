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

/** Before any time {@link nowMs} returns, and a small integer (no heap number per group). */
const NEVER = -(2 ** 30);

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
  /** The variables, or the length of their JSON at the end of the key ({@link variablesInKey}). */
  readonly #variables: Record<string, unknown> | number | undefined;
  resumeStamp = '';
  resumeLog: ResumeLog | undefined = undefined;
  members: Members = undefined;
  revision = 0;
  data: JsonObject | null = null;
  errors: readonly GraphQLFormattedError[] | undefined = undefined;
  errorsJson = '';
  initial: LiveUpdate | undefined = undefined;
  tracking: GroupTracking | undefined = undefined;
  indexKeys: KeyList | undefined = undefined;
  pendingKeys: Set<string> | undefined = undefined;
  pendingSince = 0;
  runCounter = 0;
  overtaken = 0;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  lastRunAt = NEVER;
  lastPublishAt = NEVER;
  /** The five booleans below, as bits of one small integer (a field each costs every group a slot). */
  #flags = PENDING_ALL;

  constructor(init: GroupInit) {
    this.key = init.key;
    this.scope = init.scope;
    this.viewer = init.viewer;
    this.document = init.document;
    this.operationName = init.operationName;
    this.#variables = variablesInKey(init.key, init.variables);
    this.throttleMs = init.throttleMs;
    this.createContext = init.createContext;
    this.onEmpty = init.onEmpty;
    this.resume = init.resume;
  }

  get variables(): Record<string, unknown> | undefined {
    const variables = this.#variables;
    if (typeof variables !== 'number') return variables;
    return JSON.parse(this.key.slice(this.key.length - variables)) as Record<string, unknown>;
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

/**
 * How a group keeps its variables: as the length of their JSON when its key ends with it (group keys
 * do, groupKeys.ts; a key changes only in its scope) and parsing it gives them back, so that an idle
 * group holds no variables object and strings of its own, parsed again for each execution instead.
 */
function variablesInKey(key: string, variables: Record<string, unknown> | undefined): Record<string, unknown> | number | undefined {
  if (variables === undefined || !isPlainJson(variables)) return variables;
  const json = JSON.stringify(variables);
  return key.endsWith(json) ? json.length : variables;
}

/** True for values that come back equal from a JSON round trip (no Dates, class instances, NaN, …). */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isPlainJson);
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
