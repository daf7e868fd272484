/**
 * How a group keeps its variables: as the length of their JSON when its key ends with it (group keys
 * do, groupKeys.ts; a key changes only in its scope) and parsing it gives them back, so that an idle
 * group holds no variables object and strings of its own; they are parsed again per execution.
 */

/** What a group stores for `variables` under `key`. */
export type StoredVariables = Record<string, unknown> | number | undefined;

/** The variables as a group stores them under `key`. */
export function storeVariables(key: string, variables: Record<string, unknown> | undefined): StoredVariables {
  if (variables === undefined || !isPlainJson(variables)) return variables;
  const json = JSON.stringify(variables);
  return key.endsWith(json) ? json.length : variables;
}

/** The variables a group stored under `key`. */
export function readVariables(key: string, stored: StoredVariables): Record<string, unknown> | undefined {
  if (typeof stored !== 'number') return stored;
  return JSON.parse(key.slice(key.length - stored)) as Record<string, unknown>;
}

/** True for values that come back equal from a JSON round trip (no Dates, class instances, NaN, …). */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isPlainJson);
}
