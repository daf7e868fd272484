/**
 * Partial re-execution: when a group's invalidated keys all name objects (or fields of objects) it
 * knows the places of, re-resolve just those objects or fields — with the query's own selection sets,
 * variables and fragments, through the schema's own resolvers — splice them into the previous result
 * and diff only what was re-resolved. The cost of an update follows the size of the change, not the
 * size of the result. Anything it cannot do exactly returns null, and the group re-executes in full.
 */
import {
  Kind,
  OperationTypeNode,
  getOperationAST,
  isObjectType,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { escapePointerToken } from '../../wire/jsonPointer.js';
import { compactResult } from './compactResult.js';
import { diffResult } from './diffResult.js';
import { settleGuards, type RecordedGuards } from './keyGuards.js';
import { updateTracking, type TrackingIndex } from './groupTracking.js';
import type { JsonObject, JsonValue, Patch } from './liveResult.js';
import { planTargets, type Place, type Target } from './planTargets.js';
import { getAtPath, updateAtPath } from './spliceResult.js';
import { createCollector, rebaseOccurrence, withResourceCollector, type Occurrence, type ResultPath } from './trackResources.js';

/** Loads one object by type and id for re-resolution, directly or as a promise; null when it no longer exists. */
export type ObjectLoader = (typeName: string, id: string, context: object) => unknown;

/** Everything a partial run needs from the engine. */
export interface PartialRunInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  data: JsonObject;
  /** The group's tracking, indexed (`indexTracking`); updated in place by a successful run. */
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
  /** The guarded reads of the re-resolution (keyGuards.ts). */
  guards: RecordedGuards | undefined;
}

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
      data = splice(data, path, old, fresh, target.fields, patch, removedUnder);
      // Places recorded inside the sub-execution are relative to the object: rebase them.
      for (const inner of collector.occurrences.slice(before)) added.push(rebaseOccurrence(inner, path));
    }
  }

  updateTracking(tracking, removedUnder, added, collector);
  return { data: data as JsonObject, patch, keys: collector.keys, guards: settleGuards(collector.guards, collector.fieldReads) };
}

/**
 * Puts what was re-resolved at `path` into `data` (the whole object, or the re-resolved fields over
 * the old ones), appends the diff to `patch` and the replaced regions to `removedUnder`; returns the
 * new result.
 */
function splice(
  data: JsonValue,
  path: ResultPath,
  old: JsonObject,
  fresh: JsonObject,
  fields: Target['fields'],
  patch: Patch,
  removedUnder: ResultPath[],
): JsonValue {
  const pointer = toPointer(path);
  if (fields === 'all') {
    const next = updateAtPath(data, path, () => fresh);
    diffResult(old, fresh, pointer, patch);
    removedUnder.push(path);
    return next;
  }
  const next = updateAtPath(data, path, (value) => ({ ...(value as JsonObject), ...fresh }));
  for (const key of Object.keys(fresh)) {
    diffResult(old[key] ?? null, fresh[key] as JsonValue, `${pointer}/${escapePointerToken(key)}`, patch);
    removedUnder.push([...path, key]);
  }
  return next;
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
    const query: OperationDefinitionNode = {
      kind: Kind.OPERATION_DEFINITION,
      operation: OperationTypeNode.QUERY,
      variableDefinitions: operation.variableDefinitions,
      directives: [],
      selectionSet: { kind: Kind.SELECTION_SET, selections },
    };
    selecting = {
      kind: Kind.DOCUMENT,
      definitions: [query, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
    };
    bySelections.set(selections, selecting);
  }
  return selecting;
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
