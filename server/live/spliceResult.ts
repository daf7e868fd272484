/** Copy-on-write edits of a result: only the objects and lists along the path are copied. */
import type { JsonValue } from './liveResult.js';
import type { ResultPath } from './trackResources.js';

/** Reads the value at `path`, or undefined when the path does not exist. */
export function getAtPath(root: JsonValue, path: ResultPath): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node)
      ? typeof segment === 'number'
        ? node[segment]
        : undefined
      : node[String(segment)];
  }
  return node;
}

/**
 * Returns a copy of `root` with `update(valueAtPath)` at `path`; everything off the path is shared.
 * Throws when the path does not exist (the caller then re-executes in full).
 */
export function updateAtPath(root: JsonValue, path: ResultPath, update: (value: JsonValue) => JsonValue): JsonValue {
  if (path.length === 0) return update(root);
  const [segment, ...rest] = path;
  if (Array.isArray(root) && typeof segment === 'number' && segment >= 0 && segment < root.length) {
    const copy = root.slice();
    copy[segment] = updateAtPath(root[segment] as JsonValue, rest, update);
    return copy;
  }
  if (root !== null && typeof root === 'object' && !Array.isArray(root) && String(segment) in root) {
    const key = String(segment);
    return { ...root, [key]: updateAtPath(root[key] as JsonValue, rest, update) };
  }
  throw new Error(`No value at /${path.join('/')}`);
}

/** True when `prefix` is a prefix of `path` (or equal to it). */
export function startsWith(path: ResultPath, prefix: ResultPath): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}
