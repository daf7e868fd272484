/**
 * The payloads of a live query's `next` messages (docs/protocol.md, "LiveResult"): the first is a full
 * result at revision 1, every later one an RFC 6902 patch against the previous state. The server
 * builds them; clients read them.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { JsonObject, JsonValue } from './json.js';
import type { LiveExtensions } from './resume.js';

/** One RFC 6902 operation as livedoc emits it: only add, remove, replace and move. */
export type PatchOperation =
  | { op: 'add'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: JsonValue }
  | { op: 'move'; from: string; path: string };

/** An RFC 6902 JSON Patch as livedoc emits it. */
export type Patch = PatchOperation[];

/**
 * Any RFC 6902 operation, including `copy` and `test`: livedoc never emits those two, but a client
 * applying patches accepts the whole RFC.
 */
export type JsonPatchOperation =
  | PatchOperation
  | { op: 'copy'; from: string; path: string }
  | { op: 'test'; path: string; value: JsonValue };

/** The first message of a live query: the full result at revision 1. */
export interface LiveInitialResult {
  data: JsonObject | null;
  errors?: readonly GraphQLFormattedError[];
  revision: 1;
  /** `live.resume`: the token naming this state (wire/resume.ts). */
  extensions?: LiveExtensions;
}

/** Every later message: a patch against the previous state, revision = previous + 1. */
export interface LivePatchResult {
  patch: Patch;
  errors?: readonly GraphQLFormattedError[];
  revision: number;
  /** `live.resume`: the token naming the state after this patch (wire/resume.ts). */
  extensions?: LiveExtensions;
}

/** Any `next` payload of a live query. */
export type LiveResult = LiveInitialResult | LivePatchResult;
