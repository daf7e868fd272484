/**
 * Partial re-execution: when a group's invalidated keys all name objects (or fields of objects) it
 * knows the places of, re-resolve just those objects or fields — with the query's own selection sets,
 * variables and fragments, through the schema's own resolvers — splice them into the previous result
 * and diff only what was re-resolved. The cost of an update follows the size of the change, not the
 * size of the result. Anything it cannot do exactly returns null, and the group re-executes in full.
 */
import {
  GraphQLSchema,
  Kind,
  OperationTypeNode,
  getOperationAST,
  isObjectType,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { compactResult } from './compactResult.js';
import { diffResult } from './diffResult.js';
import { escapePointerToken } from '../../wire/jsonPointer.js';
import type { JsonObject, JsonValue, Patch } from './liveResult.js';
import { splitFieldKey } from '../keys/resourceKeys.js';
import { getAtPath, startsWith, updateAtPath } from './spliceResult.js';
import {
  createCollector,
  occurrencePath,
  withResourceCollector,
  type FieldRead,
  type Occurrence,
  type ResourceCollector,
  type ResultPath,
} from './trackResources.js';

/** Loads one object by type and id for re-resolution; null when it no longer exists. */
export type ObjectLoader = (typeName: string, id: string, context: object) => Promise<unknown> | unknown;

/**
 * What a group remembers of its last execution, for partial runs (its keys live in the index): the
 * places and field reads as recorded, in one exact-size array, until the first partial run indexes
 * them by key — most groups are idle and never get one, and Maps per group add up over thousands.
 */
export type GroupTracking = RecordedReads | TrackingIndex;

/** A full execution's places and field-level keys, as recorded. */
export type RecordedReads = readonly (Occurrence | FieldRead)[];

/** A group's places by object key, and its field-level keys with the object and field they name. */
export interface TrackingIndex {
  occurrences: Map<string, Occurrence[]>;
  fieldKeys: Map<string, { objectKey: string; fieldName: string }>;
  /**
   * The paths (as {@link pathKey}s) that some place lies strictly inside, so that re-resolving
   * anything else (a row of a long list, say) skips looking through every place for ones it
   * replaced. It may keep paths whose places are gone: that only costs a look.
   */
  enclosing: Set<string>;
}

/** Keeps a full execution's collector for partial runs. */
export function trackingOf(collector: ResourceCollector): RecordedReads {
  const { occurrences, fieldReads } = collector;
  const reads = new Array<Occurrence | FieldRead>(occurrences.length + fieldReads.length);
  for (let i = 0; i < occurrences.length; i++) reads[i] = occurrences[i] as Occurrence;
  for (let i = 0; i < fieldReads.length; i++) reads[occurrences.length + i] = fieldReads[i] as FieldRead;
  return reads;
}

/** The tracking indexed by key (the engine keeps what this returns in place of what it got). */
export function indexTracking(tracking: GroupTracking): TrackingIndex {
  if (!isRecorded(tracking)) return tracking;
  const index: TrackingIndex = { occurrences: new Map(), fieldKeys: new Map(), enclosing: new Set() };
  const occurrences: Occurrence[] = [];
  const fieldReads: FieldRead[] = [];
  for (const read of tracking) {
    if (typeof read === 'string') fieldReads.push(read);
    else occurrences.push(read);
  }
  addOccurrences(index, occurrences);
  addFieldReads(index.fieldKeys, fieldReads);
  return index;
}

function isRecorded(tracking: GroupTracking): tracking is RecordedReads {
  return Array.isArray(tracking);
}

function addFieldReads(into: TrackingIndex['fieldKeys'], list: readonly FieldRead[]): void {
  for (const key of list) if (!into.has(key)) into.set(key, splitFieldKey(key));
}

function addOccurrences(into: TrackingIndex, list: readonly Occurrence[]): void {
  for (const occurrence of list) {
    const existing = into.occurrences.get(occurrence.key);
    if (existing) existing.push(occurrence);
    else into.occurrences.set(occurrence.key, [occurrence]);
    addEnclosing(into.enclosing, occurrence);
  }
}

/** Notes every proper prefix of the occurrence's path as enclosing a place. */
function addEnclosing(into: Set<string>, occurrence: Occurrence): void {
  let key = '';
  into.add(key);
  for (let i = 0; i < occurrence.base.length - (occurrence.index < 0 ? 1 : 0); i++) {
    key += PATH_SEPARATOR + String(occurrence.base[i]);
    into.add(key);
  }
}

/** Separates the segments of a {@link pathKey} (no field name or index contains it). */
const PATH_SEPARATOR = '\u001f';

/** A result path as one string, for {@link TrackingIndex.enclosing}. */
function pathKey(path: ResultPath): string {
  let key = '';
  for (const segment of path) key += PATH_SEPARATOR + String(segment);
  return key;
}

/** Above this many places to re-resolve, a full execution is as cheap and simpler. */
const MAX_PLACES = 32;

/** Everything a partial run needs from the engine. */
export interface PartialRunInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  data: JsonObject;
  /** The group's tracking, indexed ({@link indexTracking}); updated in place by a successful run. */
  tracking: TrackingIndex;
  keys: ReadonlySet<string>;
  context: object;
  loadObject: ObjectLoader;
  execute: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
  rootedSchema: (type: GraphQLObjectType) => GraphQLSchema;
  /** Per type, the fields that only their own field key invalidates (see the engine's `ownKeyedFields`). */
  ownKeyedFields?: ReadonlyMap<string, readonly string[]>;
}

/** The new result, the patch from the old one, and the keys the re-resolution read (to add to the index). */
export interface PartialRunResult {
  data: JsonObject;
  patch: Patch;
  keys: ReadonlySet<string>;
}

/** One place to re-resolve: where the object is and which of the query's selections to run on it. */
type Place = { occurrence: Occurrence; path: ResultPath; selections: readonly SelectionNode[] };
type Target = { places: Place[]; fields: Set<string> | 'all' };

/** Re-resolves what `keys` name; returns null when only a full execution would be exact. */
export async function runPartially(input: PartialRunInput): Promise<PartialRunResult | null> {
  const tracking = input.tracking;
  const targets = planTargets(tracking, input.keys, input.ownKeyedFields);
  if (!targets) return null;
  const operation = getOperationAST(input.document, input.operationName);
  if (!operation) return null;

  let data: JsonValue = input.data;
  const patch: Patch = [];
  const added: Occurrence[] = [];
  const removedUnder: ResultPath[] = [];
  const collector = createCollector();
  const context = withResourceCollector(input.context, collector);

  for (const target of targets) {
    const first = (target.places[0] as Place).occurrence;
    const type = input.schema.getType(first.typeName);
    if (!isObjectType(type)) return null;
    const source = await input.loadObject(first.typeName, first.id, input.context);
    if (source === null || source === undefined) return null;
    for (const { path, selections } of target.places) {
      const old = getAtPath(data, path);
      if (!isObject(old)) return null;
      const before = collector.occurrences.length;
      const result = await input.execute({
        schema: input.rootedSchema(type),
        document: documentSelecting(input.document, operation, selections),
        rootValue: source,
        contextValue: context,
        variableValues: input.variables,
      });
      if (result.errors?.length || !result.data) return null;
      const fresh = compactResult(result.data as JsonObject);
      const pointer = toPointer(path);
      if (target.fields === 'all') {
        data = updateAtPath(data, path, () => fresh);
        diffResult(old, fresh, pointer, patch);
        removedUnder.push(path);
      } else {
        data = updateAtPath(data, path, (value) => ({ ...(value as JsonObject), ...fresh }));
        for (const key of Object.keys(fresh)) {
          diffResult(old[key] ?? null, fresh[key] as JsonValue, `${pointer}/${escapePointerToken(key)}`, patch);
          removedUnder.push([...path, key]);
        }
      }
      // Places recorded inside the sub-execution are relative to the object: rebase them.
      for (const inner of collector.occurrences.slice(before)) added.push({ ...inner, base: [...path, ...inner.base] });
    }
  }

  updateTracking(tracking, removedUnder, added, collector);
  return { data: data as JsonObject, patch, keys: collector.keys };
}

/** The documents that run some selections of a query on one object, per query and selections. */
const documentsBySelections = new WeakMap<DocumentNode, WeakMap<readonly SelectionNode[], DocumentNode>>();

/**
 * A query running `selections` (on the object given as root value) with the variables and fragments
 * of `document`; the same object for the same selections, so repeated partial runs of a group allocate
 * no new AST and graphql-js's per-field-nodes caches keep hitting.
 */
function documentSelecting(document: DocumentNode, operation: OperationDefinitionNode, selections: readonly SelectionNode[]): DocumentNode {
  let bySelections = documentsBySelections.get(document);
  if (!bySelections) documentsBySelections.set(document, (bySelections = new WeakMap()));
  let selecting = bySelections.get(selections);
  if (!selecting) {
    selecting = {
      kind: Kind.DOCUMENT,
      definitions: [
        {
          kind: Kind.OPERATION_DEFINITION,
          operation: OperationTypeNode.QUERY,
          variableDefinitions: operation.variableDefinitions,
          directives: [],
          selectionSet: { kind: Kind.SELECTION_SET, selections },
        },
        ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION),
      ],
    };
    bySelections.set(selections, selecting);
  }
  return selecting;
}

/** Groups the keys by object; null when a key is not an object or field this group placed. */
function planTargets(
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
  const standing = candidates.filter((name) => {
    const key = `${objectKey}.${name}`;
    return tracking.fieldKeys.has(key) && !keys.has(key);
  });
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

/** Drops places inside what was re-resolved and adds the new ones. */
function updateTracking(
  tracking: TrackingIndex,
  removedUnder: readonly ResultPath[],
  added: readonly Occurrence[],
  collector: ResourceCollector,
): void {
  // Only a re-resolved region that encloses some place can have replaced one.
  if (removedUnder.some((path) => tracking.enclosing.has(pathKey(path)))) {
    for (const [key, list] of tracking.occurrences) {
      if (!list.some((o) => isInsideAny(o, removedUnder))) continue; // the common case: nothing of this key was re-resolved
      const kept = list.filter((o) => !isInsideAny(o, removedUnder));
      if (kept.length === 0) tracking.occurrences.delete(key);
      else tracking.occurrences.set(key, kept);
    }
  }
  addOccurrences(tracking, added);
  addFieldReads(tracking.fieldKeys, collector.fieldReads);
}

function isInsideAny(occurrence: Occurrence, prefixes: readonly ResultPath[]): boolean {
  for (const prefix of prefixes) if (isStrictlyInside(occurrence, prefix)) return true;
  return false;
}

/** True when the occurrence's path is longer than `prefix` and starts with it (no allocation). */
function isStrictlyInside(occurrence: Occurrence, prefix: ResultPath): boolean {
  const length = occurrence.base.length + (occurrence.index < 0 ? 0 : 1);
  if (length <= prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const segment = i < occurrence.base.length ? occurrence.base[i] : occurrence.index;
    if (segment !== prefix[i]) return false;
  }
  return true;
}

/** Pointers of shared (frozen) result paths, computed once per path. */
const pointers = new WeakMap<ResultPath, string>();

function toPointer(path: ResultPath): string {
  const known = pointers.get(path);
  if (known !== undefined) return known;
  let pointer = '';
  for (const segment of path) pointer += `/${typeof segment === 'number' ? segment : escapePointerToken(segment)}`;
  if (Object.isFrozen(path)) pointers.set(path, pointer);
  return pointer;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema whose query root is `type`, sharing every type (and so every resolver) with `schema`. */
export function schemaRootedAt(schema: GraphQLSchema, type: GraphQLObjectType): GraphQLSchema {
  return new GraphQLSchema({
    query: type,
    types: Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__')),
    directives: schema.getDirectives(),
    assumeValid: true,
  });
}
