/**
 * The payloads of a live query's `next` messages (docs/protocol.md, "LiveResult"). This module owns
 * the wire types; the engine builds them and transports only serialize them.
 */
import type { GraphQLFormattedError } from 'graphql';

/** A JSON value as found in a GraphQL result. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** One RFC 6902 operation; livedoc emits only these four. */
export type PatchOperation =
  | { op: 'add'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: JsonValue }
  | { op: 'move'; from: string; path: string };

/** An RFC 6902 JSON Patch. */
export type Patch = PatchOperation[];

/** The first message of a live query: the full result at revision 1. */
export interface LiveInitialResult {
  data: JsonObject | null;
  errors?: readonly GraphQLFormattedError[];
  revision: 1;
}

/** Every later message: a patch against the previous state, revision = previous + 1. */
export interface LivePatchResult {
  patch: Patch;
  errors?: readonly GraphQLFormattedError[];
  revision: number;
}

/** Any `next` payload of a live query. */
export type LiveResult = LiveInitialResult | LivePatchResult;

/**
 * A live message's payload as JSON without its revision — `"patch":[…]` or `"data":{…}`, plus
 * `,"errors":[…]` — serialized at most once per group update and shared by every member, so a
 * transport can write `{` + body + `,"revision":` + n + `}` instead of stringifying per subscriber.
 */
export interface SharedPayload {
  readonly body: string;
}

/** Memoizes the JSON body of `result` minus its revision (see {@link SharedPayload}). */
export function sharePayload(result: Omit<LiveInitialResult, 'revision'> | Omit<LivePatchResult, 'revision'>): SharedPayload {
  let body: string | undefined;
  return {
    get body() {
      if (body === undefined) {
        const json = JSON.stringify(result);
        body = json.slice(1, -1); // the members of the object, without its braces
      }
      return body;
    },
  };
}

/** The full payload JSON of one member's message: the shared body plus its own revision. */
export function payloadJson(shared: SharedPayload, revision: number): string {
  return `{${shared.body},"revision":${revision}}`;
}
