/**
 * What the thousands of clients of one load generator share, so that its one core spends its time
 * receiving rather than parsing the same bytes a thousand times: `next` frames that are identical
 * apart from their resume token are parsed once, one patch applied to one state gives one new state,
 * and a state is compared with the fresh result once. Sharing is safe because nothing here is ever
 * written to: clients only read parsed payloads, and client/applyPatch.ts copies what it changes.
 */
import { applyPatch, readPatch } from '../../client/applyPatch.js';
import { isJsonObject, jsonEqual, type JsonValue } from '../../wire/json.js';
import type { JsonPatchOperation } from '../../wire/liveResult.js';
import type { QueryKind } from './types.js';

/** A `next` message of a live query, read and checked. */
export interface LiveMessage {
  id: string;
  revision: number;
  /** The full result (`data` present): a first result or a refetch. */
  full: boolean;
  /** The result of a full message. */
  data: JsonValue;
  /** The patch of a patch message (empty for a full one). */
  patch: readonly JsonPatchOperation[];
  /** `extensions.live.resume`, when the message carries one. */
  token: string | undefined;
}

/** Distinct frames kept parsed; beyond that the cache starts over (a storm has a handful). */
const MAX_PARSED = 64;
/** Tokens are at most 64 bytes; anything longer found by the text search is not taken for one. */
const MAX_TOKEN_CHARS = 256;
const TOKEN_MARK = '"resume":"';

const parsed = new Map<string, LiveMessage>();

/**
 * Reads the `next` message `text`: its parsed form (shared with every identical frame) and its own
 * resume token. Throws with what was expected and what arrived when it is not a live `next`.
 */
export function readNext(text: string): { message: LiveMessage; token: string | undefined } {
  const span = tokenSpan(text);
  const key = span ? text.slice(0, span.start) + text.slice(span.end) : text;
  let message = parsed.get(key);
  if (message) return { message, token: span ? text.slice(span.start, span.end) : message.token };
  message = parseNext(text);
  // The text search found something other than the payload's token: key on the whole text instead.
  const usable = span !== undefined && message.token === text.slice(span.start, span.end);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(usable ? key : text, message);
  return { message, token: message.token };
}

/** Where the resume token's characters are in `text`, if it seems to carry one. */
function tokenSpan(text: string): { start: number; end: number } | undefined {
  const at = text.lastIndexOf(TOKEN_MARK);
  if (at < 0) return undefined;
  const start = at + TOKEN_MARK.length;
  const end = text.indexOf('"', start);
  if (end < 0 || end - start > MAX_TOKEN_CHARS || text.slice(start, end).includes('\\')) return undefined;
  return { start, end };
}

/** Parses and checks a live `next` message. */
function parseNext(text: string): LiveMessage {
  const message: unknown = JSON.parse(text);
  if (
    !isJsonObject(message) ||
    message.type !== 'next' ||
    typeof message.id !== 'string' ||
    !isJsonObject(message.payload)
  ) {
    throw new Error(`expected a next message with an id and a payload object, got ${text.slice(0, 120)}`);
  }
  const { payload } = message;
  const revision = payload.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) {
    throw new Error(`expected a positive integer revision, got ${JSON.stringify(revision)}`);
  }
  const live =
    isJsonObject(payload.extensions) && isJsonObject(payload.extensions.live) ? payload.extensions.live : undefined;
  const token = typeof live?.resume === 'string' ? live.resume : undefined;
  const full = Object.hasOwn(payload, 'data');
  if (!full && !Object.hasOwn(payload, 'patch'))
    throw new Error(`expected data or patch in revision ${revision}, got neither`);
  return {
    id: message.id,
    revision,
    full,
    data: full ? (payload.data ?? null) : null,
    patch: full ? [] : readPatch(payload.patch),
    token,
  };
}

/** New states by state and by the (shared) message whose patch made them. */
const patched = new WeakMap<object, WeakMap<LiveMessage, JsonValue>>();

/** `state` with `message`'s patch applied: the same object for every client doing the same. Throws PatchError. */
export function applyShared(state: JsonValue, message: LiveMessage): JsonValue {
  if (typeof state !== 'object' || state === null) return applyPatch(state, message.patch);
  let byMessage = patched.get(state);
  if (!byMessage) {
    byMessage = new WeakMap();
    patched.set(state, byMessage);
  }
  let next = byMessage.get(message);
  if (next === undefined) {
    next = applyPatch(state, message.patch);
    byMessage.set(message, next);
  }
  return next;
}

/** The fresh result of each query, and which states equal it (compared once per state object). */
export interface FreshResults {
  set(kind: QueryKind, data: JsonValue): void;
  has(kind: QueryKind): boolean;
  /** True when `state` equals the fresh result of `kind` (false while there is none). */
  equals(kind: QueryKind, state: JsonValue | undefined): boolean;
}

/** Creates an empty {@link FreshResults}. */
export function createFreshResults(): FreshResults {
  const fresh = new Map<QueryKind, { data: JsonValue; seen: WeakMap<object, boolean> }>();
  return {
    set(kind, data) {
      fresh.set(kind, { data, seen: new WeakMap() });
    },
    has: (kind) => fresh.has(kind),
    equals(kind, state) {
      const entry = fresh.get(kind);
      if (!entry || state === undefined) return false;
      if (typeof state !== 'object' || state === null) return jsonEqual(state, entry.data);
      let same = entry.seen.get(state);
      if (same === undefined) {
        same = jsonEqual(state, entry.data);
        entry.seen.set(state, same);
      }
      return same;
    },
  };
}
