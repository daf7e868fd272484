/**
 * Copies an execution result into compact ordinary objects. graphql-js builds result objects with a
 * null prototype, which V8 keeps in dictionary mode (hundreds of bytes each); a group holds its result
 * for as long as it is watched. JSON.parse makes each object with exactly as many in-object fields as
 * it has (an object built up from `{}` has room for four, and keeps the fifth on in a separate
 * array), sharing hidden classes by shape; a result is JSON (what every client receives) already.
 */
import type { JsonValue } from './liveResult.js';

/** A structurally equal copy of `value` made of plain objects and arrays. */
export function compactResult<T extends JsonValue | undefined>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  return JSON.parse(JSON.stringify(value)) as T;
}
