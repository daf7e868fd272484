/**
 * Applies an RFC 6902 JSON Patch immutably with structural sharing: the input is never mutated, and
 * only the containers on the path of a change (the "spine") are copied. Every object or array whose
 * subtree did not change keeps its identity, so UI frameworks can skip re-rendering it.
 */
import { isJsonObject, jsonEqual, type JsonObject, type JsonValue } from '../wire/json.js';
import { parsePointer } from '../wire/jsonPointer.js';
import type { JsonPatchOperation } from '../wire/liveResult.js';

/** A patch that is malformed or does not apply to the document it was given. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

type Container = JsonValue[] | JsonObject;

/**
 * Checks that `patch` (as received from the network) is an array of well-formed operations.
 * Throws {@link PatchError} naming the first bad operation.
 */
export function readPatch(patch: unknown): JsonPatchOperation[] {
  if (!Array.isArray(patch)) throw new PatchError(`a patch must be an array, got ${typeof patch}`);
  return patch.map((operation: unknown, index) => {
    const fail = (what: string) => new PatchError(`patch operation ${index} ${what}`);
    if (!isJsonObject(operation)) throw fail('is not an object');
    const { op, path, from } = operation;
    if (typeof path !== 'string') throw fail('has no string "path"');
    switch (op) {
      case 'add':
      case 'replace':
      case 'test':
        if (!Object.hasOwn(operation, 'value')) throw fail(`(${op}) has no "value"`);
        return { op, path, value: operation.value as JsonValue };
      case 'remove':
        return { op, path };
      case 'move':
      case 'copy':
        if (typeof from !== 'string') throw fail(`(${op}) has no string "from"`);
        return { op, from, path };
      default:
        throw fail(`has an unknown op ${JSON.stringify(op)}`);
    }
  });
}

/**
 * Returns `document` with `patch` applied. The operations apply in order, atomically: when one fails,
 * a {@link PatchError} is thrown and `document` is untouched (it is never mutated in any case).
 */
export function applyPatch(document: JsonValue, patch: readonly JsonPatchOperation[]): JsonValue {
  // Containers copied by this call. They are not visible to anyone yet, so later operations of the
  // same patch may write into them instead of copying the spine again (one copy of a 1,000-row
  // array per patch, not one per operation).
  const fresh: WeakSet<object> = new WeakSet();
  let root = document;
  patch.forEach((operation, index) => {
    try {
      root = applyOperation(root, operation, fresh);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PatchError(`patch operation ${index} (${operation.op} ${operation.path}) does not apply: ${reason}`);
    }
  });
  return root;
}

function applyOperation(root: JsonValue, operation: JsonPatchOperation, fresh: WeakSet<object>): JsonValue {
  const path = parsePointer(operation.path);
  switch (operation.op) {
    case 'add':
      return write(root, path, fresh, (parent, key) => insert(parent, key, operation.value), operation.value);
    case 'replace':
      return write(root, path, fresh, (parent, key) => overwrite(parent, key, operation.value), operation.value);
    case 'remove':
      if (path.length === 0) throw new Error('cannot remove the whole document');
      return write(root, path, fresh, (parent, key) => void remove(parent, key));
    case 'test':
      if (!jsonEqual(read(root, path), operation.value)) throw new Error('the value differs');
      return root;
    case 'copy': {
      // Sharing the copied value between two places is safe: neither is ever mutated.
      const value = read(root, parsePointer(operation.from));
      return write(root, path, fresh, (parent, key) => insert(parent, key, value), value);
    }
    case 'move': {
      if (operation.from === operation.path) {
        read(root, path);
        return root;
      }
      if (operation.path.startsWith(`${operation.from}/`)) throw new Error('cannot move a value into itself');
      const from = parsePointer(operation.from);
      if (from.length === 0) throw new Error('cannot move the whole document');
      let moved: JsonValue = null;
      const removed = write(root, from, fresh, (parent, key) => {
        moved = remove(parent, key);
      });
      // The moved value keeps its identity: it is the same item, only at another place.
      return write(removed, path, fresh, (parent, key) => insert(parent, key, moved), moved);
    }
  }
}

/** Reads the value at `path`; throws when it does not exist. */
function read(root: JsonValue, path: readonly string[]): JsonValue {
  let node = root;
  for (const token of path) node = child(node, token);
  return node;
}

/**
 * Copies the spine down to the parent of `path` (reusing containers this patch already copied),
 * runs `change` on that writable parent, and returns the new root. An empty path replaces the root.
 */
function write(
  root: JsonValue,
  path: readonly string[],
  fresh: WeakSet<object>,
  change: (parent: Container, key: string) => void,
  wholeDocument?: JsonValue,
): JsonValue {
  if (path.length === 0) {
    if (wholeDocument === undefined) throw new Error('the path is empty');
    return wholeDocument;
  }
  const newRoot = writable(root, fresh);
  let parent = newRoot;
  for (const token of path.slice(0, -1)) {
    const next = writable(child(parent, token), fresh);
    set(parent, token, next);
    parent = next;
  }
  change(parent, path[path.length - 1] as string);
  return newRoot;
}

/** The container itself when this patch created it, else a shallow copy marked as fresh. */
function writable(node: JsonValue, fresh: WeakSet<object>): Container {
  if (Array.isArray(node)) {
    if (fresh.has(node)) return node;
    const copy = node.slice();
    fresh.add(copy);
    return copy;
  }
  if (isJsonObject(node)) {
    if (fresh.has(node)) return node;
    const copy = { ...node };
    fresh.add(copy);
    return copy;
  }
  throw new Error(`cannot descend into ${node === null ? 'null' : typeof node}`);
}

function child(node: JsonValue, token: string): JsonValue {
  if (Array.isArray(node)) {
    const index = arrayIndex(token, node.length - 1);
    return node[index] as JsonValue;
  }
  if (isJsonObject(node)) {
    if (!Object.hasOwn(node, token)) throw new Error(`no member ${JSON.stringify(token)}`);
    return node[token] as JsonValue;
  }
  throw new Error(`cannot descend into ${node === null ? 'null' : typeof node}`);
}

/** Sets a member of a (fresh) container; `parent` is known to have `key` (object) or index (array). */
function set(parent: Container, key: string, value: JsonValue): void {
  if (Array.isArray(parent)) parent[arrayIndex(key, parent.length - 1)] = value;
  else setOwn(parent, key, value);
}

function insert(parent: Container, key: string, value: JsonValue): void {
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : arrayIndex(key, parent.length);
    parent.splice(index, 0, value);
  } else {
    setOwn(parent, key, value);
  }
}

function overwrite(parent: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(parent) && !Object.hasOwn(parent, key)) throw new Error(`no member ${JSON.stringify(key)}`);
  set(parent, key, value);
}

function remove(parent: Container, key: string): JsonValue {
  if (Array.isArray(parent)) {
    const index = arrayIndex(key, parent.length - 1);
    return parent.splice(index, 1)[0] as JsonValue;
  }
  if (!Object.hasOwn(parent, key)) throw new Error(`no member ${JSON.stringify(key)}`);
  const value = parent[key] as JsonValue;
  Reflect.deleteProperty(parent, key);
  return value;
}

/** Parses an array index token (no sign, no leading zeros) and checks it is at most `max`. */
function arrayIndex(token: string, max: number): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new Error(`${JSON.stringify(token)} is not an array index`);
  const index = Number(token);
  if (index > max) throw new Error(`index ${index} is out of bounds`);
  return index;
}

/** Assigns an own data property; plain assignment of "__proto__" would change the prototype instead. */
function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
