/**
 * What the engine shares per group update: the payload without a member's revision, serialized at
 * most once. The payload shapes themselves are the wire's (wire/liveResult.ts), re-exported here for
 * the engine.
 */
import type { LiveInitialResult, LivePatchResult, LiveResult } from '../../wire/liveResult.js';

import { resumeToken } from './resumeTokens.js';

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
  /**
   * The stamp of the group's state after this update (resumeTokens.ts): with a member's revision it
   * makes the member's resume token. Empty: no token.
   */
  readonly resume: string;
}

/**
 * Wraps a payload as a {@link LiveUpdate}; its JSON body is `body` when the caller serialized it
 * already, else computed on first use.
 */
export function shareUpdate(payload: LivePayload, invalidatedAt = 0, resume = '', body?: string): LiveUpdate {
  return new SharedUpdate(payload, invalidatedAt, resume, body);
}

/**
 * A class rather than an object literal with a getter: a literal's getter is a new closure each time,
 * which also gives every update its own hidden class; groups hold one update each while idle.
 */
class SharedUpdate implements LiveUpdate {
  #body: string | undefined;
  constructor(
    readonly payload: LivePayload,
    readonly invalidatedAt: number,
    readonly resume: string,
    body: string | undefined,
  ) {
    this.#body = body;
  }

  #lastRevision = 0;
  #lastJson = '';

  jsonAt(revision: number): string {
    if (revision !== this.#lastRevision) {
      this.#lastJson = memberJson(this, revision);
      this.#lastRevision = revision;
    }
    return this.#lastJson;
  }

  get body(): string {
    this.#body ??= JSON.stringify(this.payload).slice(1, -1); // the members of the object, without its braces
    return this.#body;
  }
}

/** One member's message as an object: the shared payload with the member's revision and token. */
export function toLiveResult(revision: number, update: LiveUpdate): LiveResult {
  const result = { ...update.payload, revision } as LiveResult;
  if (update.resume) result.extensions = { live: { resume: resumeToken(update.resume, revision) } };
  return result;
}

/**
 * One member's message as JSON: the shared body plus its revision and its resume token. Members that
 * joined together share their revisions: the last one made is kept on the update and reused.
 */
export function payloadJson(update: LiveUpdate, revision: number): string {
  if (update instanceof SharedUpdate) return update.jsonAt(revision);
  return memberJson(update, revision);
}

function memberJson(update: LiveUpdate, revision: number): string {
  if (!update.resume) return `{${update.body},"revision":${revision}}`;
  return `{${update.body},"revision":${revision},"extensions":{"live":{"resume":"${resumeToken(update.resume, revision)}"}}}`;
}

