/**
 * A live query group: every subscription with the same document, operation, variables and scope.
 * The group executes once per invalidation batch, diffs once, and hands the same patch to every
 * member; each member sees its own revisions, starting at 1 when it joined.
 */
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { diffResult } from './diffResult.js';
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

/** One member of a group and the group revision it joined at. */
interface Member {
  readonly subscriber: LiveSubscriber;
  /** Group revision whose state this member received as its revision 1; -1 until then. */
  base: number;
}

/** The state of one group; mutated only by the engine. */
export interface LiveQueryGroup {
  readonly key: string;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  readonly throttleMs: number;
  readonly createContext: () => object | Promise<object>;
  readonly members: Map<LiveSubscriber, Member>;
  /** Group revision: 0 before the first result, then +1 per published change. */
  revision: number;
  data: JsonObject | null;
  errors: readonly GraphQLFormattedError[] | undefined;
  errorsJson: string;
  /** The current state as a shared payload for members joining now (serialized once per revision). */
  initial: LiveUpdate | undefined;
  /** What the last execution read and where its objects are (for partial re-execution). */
  tracking: GroupTracking | undefined;
  /** Keys invalidated since the last execution started… */
  pendingKeys: Set<string>;
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
  lastRunAt: number;
  /** When the last patch was sent (for the throttle). */
  lastPublishAt: number;
  closed: boolean;
}

/** Creates a group with no result yet. */
export function createGroup(init: {
  key: string;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  throttleMs: number;
  createContext: () => object | Promise<object>;
}): LiveQueryGroup {
  return {
    ...init,
    members: new Map(),
    revision: 0,
    data: null,
    errors: undefined,
    errorsJson: '',
    initial: undefined,
    tracking: undefined,
    pendingKeys: new Set(),
    pendingAll: true,
    runCounter: 0,
    running: false,
    rerun: false,
    overtaken: 0,
    timer: undefined,
    queued: false,
    lastRunAt: -Infinity,
    lastPublishAt: -Infinity,
    closed: false,
  };
}

/** Adds a subscriber; it receives the current result at once if the group has one. */
export function joinGroup(group: LiveQueryGroup, subscriber: LiveSubscriber): void {
  const member: Member = { subscriber, base: -1 };
  group.members.set(subscriber, member);
  if (group.revision > 0) sendInitial(group, member);
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
    for (const member of group.members.values()) sendInitial(group, member);
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
  for (const member of group.members.values()) {
    if (member.base < 0) sendInitial(group, member);
    else member.subscriber.next(offset - member.base, update);
  }
  return patch;
}
