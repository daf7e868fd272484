/**
 * Keyed structural diff of two GraphQL results into an RFC 6902 JSON Patch.
 *
 * Lists whose items are all objects with a unique `id` are matched by id, so an insert is one `add`,
 * a removal one `remove` and a reorder one `move` per displaced item (the items outside a longest
 * increasing subsequence stay put). Other lists are diffed by index after trimming their common
 * prefix and suffix. Op order inside a list: removes (from the end), moves, adds (ascending), then
 * changes inside items at their final index — each op's indices are valid when it is applied.
 */
import { escapePointerToken } from '../../wire/jsonPointer.js';
import { longestIncreasingSubsequence } from './longestIncreasingSubsequence.js';
import type { JsonObject, JsonValue, Patch } from './liveResult.js';

/** Above this many moves one `replace` of the list is cheaper to compute and to send. */
const MAX_MOVES = 256;

/**
 * Returns the operations that turn `prev` into `next` (empty when they are equal), with paths under
 * `basePath` (a JSON Pointer; '' for the whole result). Neither argument is modified; values in the
 * patch are shared with `next`.
 */
export function diffResult(prev: JsonValue, next: JsonValue, basePath = '', ops: Patch = []): Patch {
  diffValue(prev, next, basePath, ops);
  return ops;
}

function diffValue(prev: JsonValue, next: JsonValue, path: string, ops: Patch): void {
  if (prev === next) return;
  if (Array.isArray(prev) && Array.isArray(next)) {
    diffArray(prev, next, path, ops);
  } else if (isObject(prev) && isObject(next)) {
    diffObject(prev, next, path, ops);
  } else {
    ops.push({ op: 'replace', path, value: next });
  }
}

function diffObject(prev: JsonObject, next: JsonObject, path: string, ops: Patch): void {
  for (const key in prev) {
    if (!(key in next)) ops.push({ op: 'remove', path: `${path}/${escapePointerToken(key)}` });
  }
  for (const key in next) {
    const nextValue = next[key] as JsonValue;
    const childPath = `${path}/${escapePointerToken(key)}`;
    if (key in prev) diffValue(prev[key] as JsonValue, nextValue, childPath, ops);
    else ops.push({ op: 'add', path: childPath, value: nextValue });
  }
}

function diffArray(prev: JsonValue[], next: JsonValue[], path: string, ops: Patch): void {
  const prevIds = idsOf(prev);
  const nextIds = prevIds && idsOf(next);
  if (prevIds && nextIds) diffKeyedArray(prev, next, prevIds, nextIds, path, ops);
  else diffIndexedArray(prev, next, path, ops);
}

/** The items' ids, or null when some item is not an object with a unique string or number id. */
function idsOf(list: JsonValue[]): string[] | null {
  const ids = new Array<string>(list.length);
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as JsonValue;
    if (!isObject(item)) return null;
    const id = item.id;
    if (typeof id !== 'string' && typeof id !== 'number') return null;
    const key = String(id);
    if (seen.has(key)) return null;
    seen.add(key);
    ids[i] = key;
  }
  return ids;
}

function diffKeyedArray(
  prev: JsonValue[],
  next: JsonValue[],
  prevIds: string[],
  nextIds: string[],
  path: string,
  ops: Patch,
): void {
  const prevIndex = new Map<string, number>();
  prevIds.forEach((id, i) => prevIndex.set(id, i));
  const nextIndex = new Map<string, number>();
  nextIds.forEach((id, i) => nextIndex.set(id, i));

  const structural: Patch = [];
  // 1. Removals, from the end so earlier indices stay valid.
  for (let i = prev.length - 1; i >= 0; i--) {
    if (!nextIndex.has(prevIds[i] as string)) structural.push({ op: 'remove', path: `${path}/${i}` });
  }
  // 2. Moves: the kept items in their final relative order; those on a longest increasing run stay.
  const working = prevIds.filter((id) => nextIndex.has(id));
  const target = nextIds.filter((id) => prevIndex.has(id));
  const targetPosition = new Map<string, number>();
  target.forEach((id, p) => targetPosition.set(id, p));
  const stable = new Set<string>();
  for (const i of longestIncreasingSubsequence(working.map((id) => targetPosition.get(id) as number))) {
    stable.add(working[i] as string);
  }
  if (working.length - stable.size > MAX_MOVES) {
    ops.push({ op: 'replace', path, value: next });
    return;
  }
  for (let p = 0; p < target.length; p++) {
    const id = target[p] as string;
    if (stable.has(id)) continue;
    const from = working.indexOf(id);
    working.splice(from, 1);
    // Place it right after its predecessor in the target order, which is already in place.
    const to = p === 0 ? 0 : working.indexOf(target[p - 1] as string) + 1;
    working.splice(to, 0, id);
    if (from !== to) structural.push({ op: 'move', from: `${path}/${from}`, path: `${path}/${to}` });
  }
  // 3. Insertions in ascending order: everything before each index is final by then.
  for (let k = 0; k < next.length; k++) {
    if (!prevIndex.has(nextIds[k] as string)) {
      structural.push({ op: 'add', path: `${path}/${k}`, value: next[k] as JsonValue });
    }
  }
  for (const op of structural) ops.push(op);
  // 4. Changes inside kept items, addressed by their final index.
  for (let k = 0; k < next.length; k++) {
    const i = prevIndex.get(nextIds[k] as string);
    if (i !== undefined) diffValue(prev[i] as JsonValue, next[k] as JsonValue, `${path}/${k}`, ops);
  }
}

function diffIndexedArray(prev: JsonValue[], next: JsonValue[], path: string, ops: Patch): void {
  const shorter = Math.min(prev.length, next.length);
  let start = 0;
  while (start < shorter && deepEqual(prev[start] as JsonValue, next[start] as JsonValue)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    deepEqual(prev[prev.length - 1 - end] as JsonValue, next[next.length - 1 - end] as JsonValue)
  ) {
    end++;
  }
  const prevMiddle = prev.length - start - end;
  const nextMiddle = next.length - start - end;
  const overlap = Math.min(prevMiddle, nextMiddle);
  for (let i = 0; i < overlap; i++) {
    diffValue(prev[start + i] as JsonValue, next[start + i] as JsonValue, `${path}/${start + i}`, ops);
  }
  for (let i = prevMiddle - 1; i >= overlap; i--) ops.push({ op: 'remove', path: `${path}/${start + i}` });
  for (let i = overlap; i < nextMiddle; i++) {
    ops.push({ op: 'add', path: `${path}/${start + i}`, value: next[start + i] as JsonValue });
  }
}

/** Structural equality of two JSON values. */
export function deepEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i] as JsonValue, b[i] as JsonValue)) return false;
    return true;
  }
  if (!isObject(a) || !isObject(b) || Array.isArray(b)) return false;
  let count = 0;
  for (const key in a) {
    if (!(key in b) || !deepEqual(a[key] as JsonValue, b[key] as JsonValue)) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
