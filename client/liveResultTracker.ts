/**
 * Turns the `next` payloads of one live subscription (wire/liveResult.ts: a full result at revision 1,
 * then patches) into full results: keeps the current state and revision, applies each patch, and
 * says when the only safe move is to re-subscribe.
 */
import type { GraphQLFormattedError } from 'graphql';
import { isJsonObject, type JsonObject, type JsonValue } from '../wire/json.js';
import { applyPatch, PatchError, readPatch } from './applyPatch.js';
import type { FullResult } from './fullResult.js';

/** What to do with one payload: show this full result, or drop the state and re-subscribe. */
export type TrackedPayload = { kind: 'result'; result: FullResult } | { kind: 'resubscribe'; reason: string };

/** The state of one live subscription. */
export interface LiveResultTracker {
  /** Interprets the next payload received for the subscription (untrusted: it is checked here). */
  accept(payload: unknown): TrackedPayload;
  /** Forgets the state (before re-subscribing); the next payload must be a full result. */
  reset(): void;
}

/** Creates the state of one live subscription. */
export function createLiveResultTracker(): LiveResultTracker {
  let data: JsonObject | null = null;
  let revision: number | undefined;

  const reset = () => {
    data = null;
    revision = undefined;
  };
  const resubscribe = (reason: string): TrackedPayload => {
    reset();
    return { kind: 'resubscribe', reason };
  };

  /** A patch result (`LivePatchResult`): applies to the state at the previous revision, or nothing is shown. */
  const acceptPatch = (payload: JsonObject): TrackedPayload => {
    if (revision === undefined) return resubscribe('a patch arrived before a full result');
    if (payload.revision !== revision + 1) {
      return resubscribe(`revision gap: expected ${revision + 1}, got ${JSON.stringify(payload.revision)}`);
    }
    try {
      const next = applyPatch(data, readPatch(payload.patch));
      if (next !== null && !isJsonObject(next)) return resubscribe('the patch made data a non-object');
      data = next;
    } catch (error) {
      if (error instanceof PatchError) return resubscribe(error.message);
      throw error;
    }
    revision = payload.revision;
    return { kind: 'result', result: { data, ...metadata(payload), revision } };
  };

  /**
   * A full result. A revision (normally 1, also after graphql-ws re-subscribed on reconnect) starts
   * the state afresh; none means an ordinary result (`@live(if: false)`, a subscription).
   */
  const acceptFull = (payload: JsonObject): TrackedPayload => {
    const full = payload.data;
    if (full !== undefined && full !== null && !isJsonObject(full)) return resubscribe('data is not an object');
    data = full ?? null;
    revision = typeof payload.revision === 'number' ? payload.revision : undefined;
    const result: FullResult = { ...metadata(payload), revision };
    if (full !== undefined) result.data = data;
    return { kind: 'result', result };
  };

  return {
    reset,
    accept(payload) {
      if (!isJsonObject(payload)) return resubscribe('the payload is not an object');
      return Object.hasOwn(payload, 'patch') ? acceptPatch(payload) : acceptFull(payload);
    },
  };
}

/**
 * errors and extensions describe the newest execution and are never patched: pass them through, but
 * for `extensions.live` (the resume token), which is the protocol's, not the application's.
 */
function metadata(payload: JsonObject): Pick<FullResult, 'errors' | 'extensions'> {
  const rest: Pick<FullResult, 'errors' | 'extensions'> = {};
  if (isErrorList(payload.errors)) rest.errors = payload.errors;
  if (isJsonObject(payload.extensions)) {
    const { live: _protocol, ...extensions } = payload.extensions;
    if (Object.keys(extensions).length > 0) rest.extensions = extensions;
  }
  return rest;
}

/** True for a list of GraphQL errors: objects with a string `message` each. */
function isErrorList(value: JsonValue | undefined): value is JsonObject[] & GraphQLFormattedError[] {
  return Array.isArray(value) && value.every((error) => isJsonObject(error) && typeof error.message === 'string');
}
