/**
 * Planning a partial run: which objects of a group's result to re-resolve for a set of invalidated
 * keys, at which places, and with which of the query's selections — or null when only a full
 * execution would be exact.
 */
import { Kind, type FieldNode, type SelectionNode } from 'graphql';
import type { TrackingIndex } from './groupTracking.js';
import { startsWith } from './spliceResult.js';
import { occurrencePath, type Occurrence, type ResultPath } from './trackResources.js';

/** One place to re-resolve: where the object is and which of the query's selections to run on it. */
export type Place = { occurrence: Occurrence; path: ResultPath; selections: readonly SelectionNode[] };
/** One object to re-resolve: its places, and the fields to re-resolve there ('all': the whole object). */
export type Target = { places: Place[]; fields: Set<string> | 'all' };

/** Above this many places to re-resolve, a full execution is as cheap and simpler. */
const MAX_PLACES = 32;

/**
 * `Type.field` names grouped by type (the engine's `ownKeyedFields` option). Throws on a name
 * without a dot (a programming error).
 */
export function ownKeyedFieldsByType(names: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const byType = new Map<string, string[]>();
  for (const name of names) {
    const dot = name.indexOf('.');
    if (dot <= 0 || dot === name.length - 1) throw new Error(`ownKeyedFields: expected "Type.field", got "${name}"`);
    const type = name.slice(0, dot);
    const list = byType.get(type) ?? [];
    list.push(name.slice(dot + 1));
    byType.set(type, list);
  }
  return byType;
}

/** Groups the keys by object; null when a key is not an object or field this group placed. */
export function planTargets(
  tracking: TrackingIndex,
  keys: ReadonlySet<string>,
  ownKeyedFields: ReadonlyMap<string, readonly string[]> = new Map(),
): Target[] | null {
  const byObject = new Map<string, Set<string> | 'all'>();
  for (const key of keys) {
    const field = tracking.fieldKeys.get(key);
    if (field) {
      const current = byObject.get(field.objectKey);
      if (current === 'all') continue;
      byObject.set(field.objectKey, (current ?? new Set()).add(field.fieldName));
    } else if (tracking.occurrences.has(key)) {
      byObject.set(key, 'all');
    } else {
      return null; // a root field, or an object without a known place: only a full run is exact
    }
  }
  const targets: Target[] = [];
  const regions: ResultPath[] = [];
  for (const [objectKey, wanted] of byObject) {
    const occurrences = tracking.occurrences.get(objectKey);
    if (!occurrences || occurrences.length === 0) return null;
    const fields = wanted === 'all' ? withoutOwnKeyed(objectKey, occurrences, tracking, keys, ownKeyedFields) : wanted;
    const places = occurrences
      .map((occurrence) => ({
        occurrence,
        path: occurrencePath(occurrence),
        selections: selectionsFor(occurrence.fieldNodes, fields),
      }))
      .filter((place) => place.selections.length > 0);
    if (places.length === 0) continue;
    targets.push({ places, fields });
    for (const place of places) regions.push(...regionsOf(place, fields));
  }
  if (regions.length > MAX_PLACES) return null;
  // Overlapping regions (an object inside another re-resolved one) would be re-resolved twice.
  for (let i = 0; i < regions.length; i++) {
    for (let j = 0; j < regions.length; j++) {
      if (i !== j && startsWith(regions[j] as ResultPath, regions[i] as ResultPath)) return null;
    }
  }
  return targets;
}

/**
 * For an object invalidated as a whole: its selected fields except those that only their own field
 * key invalidates and whose key is not among `keys` (their value stands). 'all' when there are none,
 * or when a selection is not a plain field (a fragment could select one of them under another name).
 */
function withoutOwnKeyed(
  objectKey: string,
  occurrences: readonly Occurrence[],
  tracking: TrackingIndex,
  keys: ReadonlySet<string>,
  ownKeyedFields: ReadonlyMap<string, readonly string[]>,
): Set<string> | 'all' {
  const candidates = ownKeyedFields.get((occurrences[0] as Occurrence).typeName);
  if (!candidates) return 'all';
  const standing = candidates.filter((name) => tracking.fieldKeys.has(`${objectKey}.${name}`) && !invalidatesField(tracking, keys, objectKey, name));
  if (standing.length === 0) return 'all';
  const names = new Set<string>();
  for (const occurrence of occurrences) {
    const selected = selectedFieldNames(occurrence.fieldNodes);
    if (selected === 'all') return 'all';
    for (const name of selected) names.add(name);
  }
  for (const name of standing) names.delete(name);
  return names;
}

/** Whether one of `keys` is a field key (plain or ordered) of `fieldName` on `objectKey`. */
function invalidatesField(tracking: TrackingIndex, keys: ReadonlySet<string>, objectKey: string, fieldName: string): boolean {
  for (const key of keys) {
    const field = tracking.fieldKeys.get(key);
    if (field && field.objectKey === objectKey && field.fieldName === fieldName) return true;
  }
  return false;
}

/** The names of the fields selected on an object, per field nodes (shared by a document's executions). */
const selectedNames = new WeakMap<readonly FieldNode[], readonly string[] | 'all'>();

/** The field names selected by `fieldNodes`, or 'all' when a selection is a fragment. */
function selectedFieldNames(fieldNodes: readonly FieldNode[]): readonly string[] | 'all' {
  const known = selectedNames.get(fieldNodes);
  if (known !== undefined) return known;
  let names: string[] | 'all' = [];
  for (const node of fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) {
        names = 'all';
        break;
      }
      names.push(selection.name.value);
    }
    if (names === 'all') break;
  }
  selectedNames.set(fieldNodes, names);
  return names;
}

/** The parts of the result a target re-resolves at one occurrence: the object, or some of its fields. */
function regionsOf({ path, selections }: Place, fields: Set<string> | 'all'): ResultPath[] {
  if (fields === 'all' || selections.some((s) => s.kind !== Kind.FIELD)) return [path];
  return selections.map((s) => [...path, s.kind === Kind.FIELD ? (s.alias ?? s.name).value : '']);
}

/** The selections to re-run on one object: all of them, or the named fields when they are plain fields. */
function selectionsFor(fieldNodes: readonly FieldNode[], fields: Set<string> | 'all'): readonly SelectionNode[] {
  let all = allSelections.get(fieldNodes);
  if (!all) allSelections.set(fieldNodes, (all = fieldNodes.flatMap((node) => node.selectionSet?.selections ?? [])));
  if (fields === 'all') return all;
  // Fields reached through fragments could hide a selection of the same name: re-run everything then.
  if (all.some((s) => s.kind !== Kind.FIELD)) return all;
  return all.filter((s) => s.kind === Kind.FIELD && fields.has(s.name.value));
}

/** Every selection on an object, per field nodes: one array, so its partial-run document is cached too. */
const allSelections = new WeakMap<readonly FieldNode[], readonly SelectionNode[]>();
