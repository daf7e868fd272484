/**
 * Copies an execution result into ordinary objects. graphql-js builds result objects with a null
 * prototype, which V8 keeps in dictionary mode (hundreds of bytes each); a group holds its result for
 * as long as it is watched, so it keeps a copy made of plain objects that share hidden classes.
 */
import type { JsonObject, JsonValue } from './liveResult.js';

/** A structurally equal copy of `value` made of plain objects and arrays. */
export function compactResult<T extends JsonValue | undefined>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = compactResult(value[i] as JsonValue);
    return copy as T;
  }
  const object: JsonObject = value;
  const copy: JsonObject = {};
  for (const key in object) copy[key] = compactResult(object[key] as JsonValue);
  return copy as T;
}
