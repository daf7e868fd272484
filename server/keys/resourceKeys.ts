/**
 * The resource keys a live query records and a write invalidates (docs/protocol.md, "Resource keys").
 * The SQL triggers build the same strings; keep both in step.
 *
 * Keys are built with `join`, which makes one flat string, rather than `+` or a template, which
 * make a rope of the parts (V8 concatenation): an idle live query keeps its keys, and a rope costs
 * a node per part on top of the parts themselves.
 */

/** `Type:id`, e.g. `Document:d1`. */
export function objectKey(typeName: string, id: string | number): string {
  return [typeName, id].join(':');
}

/** `Type:id.field`, e.g. `Dataset:ds1.summary`: one field of one object (an aggregate, a list). */
export function fieldKey(typeName: string, id: string | number, fieldName: string): string {
  return [typeName, ':', id, '.', fieldName].join('');
}

/**
 * `Type:id.field(column)`, e.g. `Dataset:ds1.rows(value)`: the windows of a list field ordered by one
 * of its items' columns. A change to that column within the list announces it, so a window ordered by
 * it hears changes that may move an item into it, and windows in the list's own order do not.
 */
export function orderedFieldKey(typeName: string, id: string | number, fieldName: string, column: string): string {
  return [typeName, ':', id, '.', fieldName, '(', column, ')'].join('');
}

/**
 * The object key and field name of a {@link fieldKey} or an {@link orderedFieldKey} (field and column
 * names contain no `.`; the field of an ordered key is the list field itself).
 */
export function splitFieldKey(key: string): { objectKey: string; fieldName: string } {
  const dot = key.lastIndexOf('.');
  const field = key.slice(dot + 1);
  const paren = field.indexOf('(');
  return { objectKey: key.slice(0, dot), fieldName: paren < 0 ? field : field.slice(0, paren) };
}

/** `Query.field`, matching every read of that root field whatever its arguments. */
export function rootFieldKey(typeName: string, fieldName: string): string {
  return [typeName, fieldName].join('.');
}

/** `Query.field(a:json,b:json)` with arguments sorted by name; `Query.field` when there are none. */
export function rootFieldArgsKey(typeName: string, fieldName: string, args: Readonly<Record<string, unknown>>): string {
  const names = Object.keys(args).sort();
  if (names.length === 0) return rootFieldKey(typeName, fieldName);
  const parts = [typeName, '.', fieldName, '('];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    // JSON.stringify is typed `string` but returns undefined for an undefined value, written `null` here.
    const json: unknown = JSON.stringify(args[name]);
    parts.push(i === 0 ? '' : ',', name, ':', typeof json === 'string' ? json : 'null');
  }
  parts.push(')');
  return parts.join('');
}

/** The key that means "everything may have changed" (e.g. after a lost change feed). */
export const ALL_KEYS = '*';

/**
 * Parses a message carrying keys (a NOTIFY payload, a bus message): a JSON array of strings.
 * Returns null for anything else; entries that are not strings are dropped, and so are duplicates.
 */
export function parseKeyList(message: string): string[] | null {
  const value = parseJsonArray(message);
  return value && keysOf(value);
}

/** The JSON array `message` holds, or null when it holds anything else. */
export function parseJsonArray(message: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(message);
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The strings of `items`, without duplicates: the keys of a key list. */
export function keysOf(items: readonly unknown[]): string[] {
  const keys = items.filter((key): key is string => typeof key === 'string');
  return keys.length > 1 ? [...new Set(keys)] : keys;
}
