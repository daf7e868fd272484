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
}

/** Wraps a payload as a {@link LiveUpdate} whose JSON body is computed on first use. */
export function shareUpdate(payload: LivePayload): LiveUpdate {
  return new SharedUpdate(payload);
}

/**
 * A class rather than an object literal with a getter: a literal's getter is a new closure each time,
 * which also gives every update its own hidden class; groups hold one update each while idle.
 */
class SharedUpdate implements LiveUpdate {
  #body: string | undefined = undefined;
  constructor(readonly payload: LivePayload) {}

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
