/**
 * Copies an execution result into compact ordinary objects. graphql-js builds result objects with a
 * null prototype, which V8 keeps in dictionary mode (hundreds of bytes each); a group holds its result
 * for as long as it is watched, so it keeps a copy made of plain objects that share hidden classes.
 *
 * Small results (most live queries, thousands of them idle) are then made by JSON.parse, which gives
 * each object exactly as many in-object fields as it has: an object built up from `{}` has room for
 * four and keeps a fifth on in a separate array. A large result is left as copied: a JSON round trip
 * of 10,000 rows costs several times the copy.
 */
import type { JsonObject, JsonValue } from './liveResult.js';

/** Most objects and arrays in a result that is re-made by JSON.parse. */
const SMALL_RESULT_NODES = 256;

/** A structurally equal copy of `value` made of plain objects and arrays. */
export function compactResult<T extends JsonValue | undefined>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const nodes = { count: 0 };
  const copy = copyOf(value, nodes);
  return (nodes.count <= SMALL_RESULT_NODES ? JSON.parse(JSON.stringify(copy)) : copy) as T;
}

function copyOf(value: JsonValue | undefined, nodes: { count: number }): JsonValue | undefined {
  if (value === null || typeof value !== 'object') return value;
  nodes.count++;
  if (Array.isArray(value)) {
    const copy = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyOf(value[i], nodes) as JsonValue;
    return copy;
  }
  const object: JsonObject = value;
  const copy: JsonObject = {};
  for (const key in object) copy[key] = copyOf(object[key], nodes) as JsonValue;
  return copy;
}
