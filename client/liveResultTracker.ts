/**
 * Turns the `next` payloads of one live subscription into full results: keeps the current state and
 * revision, applies each patch, and says when the only safe move is to re-subscribe.
 */
import type { GraphQLFormattedError } from 'graphql';
import { applyPatch, PatchError, readPatch } from './applyPatch.js';
import { isJsonObject, type JsonObject } from '../wire/json.js';
import type { FullResult } from './fullResult.js';

/** What to do with one payload: show this full result, or drop the state and re-subscribe. */
export type TrackedPayload = { kind: 'result'; result: FullResult } | { kind: 'resubscribe'; reason: string };

/** The state of one live subscription. */
export interface LiveResultTracker {
  /** Interprets the next payload received for the subscription. */
  accept(payload: unknown): TrackedPayload;
  /** Forgets the state (before re-subscribing); the next payload must be a full result. */
  reset(): void;
}

/** Creates the state of one live subscription. */
export function createLiveResultTracker(): LiveResultTracker {
  let data: JsonObject | null = null;
  let revision: number | undefined;

  const resubscribe = (reason: string): TrackedPayload => {
    data = null;
    revision = undefined;
    return { kind: 'resubscribe', reason };
  };

  return {
    reset() {
      data = null;
      revision = undefined;
    },
    accept(payload) {
      if (!isJsonObject(payload)) return resubscribe('the payload is not an object');
      const rest = metadata(payload);
      if (Object.hasOwn(payload, 'patch')) {
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
        return { kind: 'result', result: { data, ...rest, revision } };
      }
      // A full result. A revision (normally 1, also after graphql-ws re-subscribed on reconnect)
      // starts the state afresh; none means an ordinary result (`@live(if: false)`, a subscription).
      const full = payload.data;
      if (full !== undefined && full !== null && !isJsonObject(full)) return resubscribe('data is not an object');
      data = full ?? null;
      revision = typeof payload.revision === 'number' ? payload.revision : undefined;
      const result: FullResult = { ...rest, revision };
      if (full !== undefined) result.data = data;
      return { kind: 'result', result };
    },
  };
}

/** errors and extensions describe the newest execution and are never patched: pass them through. */
function metadata(payload: JsonObject): Pick<FullResult, 'errors' | 'extensions'> {
  const rest: Pick<FullResult, 'errors' | 'extensions'> = {};
  if (Array.isArray(payload.errors)) rest.errors = payload.errors as unknown as GraphQLFormattedError[];
  if (isJsonObject(payload.extensions)) rest.extensions = payload.extensions;
  return rest;
}
