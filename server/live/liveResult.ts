/**
 * What the engine shares per group update: the payload without a member's revision, serialized at
 * most once. The payload shapes themselves are the wire's (wire/liveResult.ts), re-exported here for
 * the engine.
 */
import type { LiveInitialResult, LivePatchResult, LiveResult } from '../../wire/liveResult.js';

export type { JsonObject, JsonValue } from '../../wire/json.js';
export type { LiveInitialResult, LivePatchResult, LiveResult, Patch, PatchOperation } from '../../wire/liveResult.js';

/** A payload without its revision: what every member receiving one group update shares. */
export type LivePayload = Omit<LiveInitialResult, 'revision'> | Omit<LivePatchResult, 'revision'>;

/**
 * One group update, shared by every member that receives it. `body` is the payload's JSON without
 * its braces and revision — `"patch":[…]` or `"data":{…}`, plus `,"errors":[…]` — serialized at most
 * once, so a transport writes `{` + body + `,"revision":` + n + `}` instead of stringifying per member.
 */
export interface LiveUpdate {
  readonly payload: LivePayload;
  readonly body: string;
  /**
   * `performance.now()` when the invalidation this update answers reached the engine (the earliest
   * of its run), 0 for updates that answer none (first results, joins): a transport writing it
   * observes `performance.now() - invalidatedAt` as the delivery time, with no per-member state.
   */
  readonly invalidatedAt: number;
}

/** Wraps a payload as a {@link LiveUpdate} whose JSON body is computed on first use. */
export function shareUpdate(payload: LivePayload, invalidatedAt = 0): LiveUpdate {
  return new SharedUpdate(payload, invalidatedAt);
}

/**
 * A class rather than an object literal with a getter: a literal's getter is a new closure each time,
 * which also gives every update its own hidden class; groups hold one update each while idle.
 */
class SharedUpdate implements LiveUpdate {
  #body: string | undefined = undefined;
  constructor(
    readonly payload: LivePayload,
    readonly invalidatedAt: number,
  ) {}

  get body(): string {
    this.#body ??= JSON.stringify(this.payload).slice(1, -1); // the members of the object, without its braces
    return this.#body;
  }
}

/** One member's message as an object: the shared payload with the member's revision. */
export function toLiveResult(revision: number, update: LiveUpdate): LiveResult {
  return { ...update.payload, revision } as LiveResult;
}

/** One member's message as JSON: the shared body plus its revision. */
export function payloadJson(update: LiveUpdate, revision: number): string {
  return `{${update.body},"revision":${revision}}`;
}
