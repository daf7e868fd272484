/**
 * Resource tracking: wraps a schema's resolvers so that an execution whose context carries a
 * {@link ResourceCollector} records every resource it reads, and where in the result each object
 * with an id landed (so that one object, or one field of it, can later be re-resolved alone).
 * Without a collector in the context (ordinary queries, mutations) the wrappers only pass through.
 */
import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { fieldKey, objectKey, rootFieldArgsKey, rootFieldKey } from '../keys/resourceKeys.js';
import { noteGuard, type KeyGuard, type RecordedGuards } from './keyGuards.js';

/** A path in a GraphQL result: response keys and list indices. */
export type ResultPath = readonly (string | number)[];

/** One place where an object with an id appears in a result. */
export interface Occurrence {
  /** `Type:id`. */
  readonly key: string;
  readonly typeName: string;
  readonly id: string;
  /** The path of the field that returned it… */
  readonly base: ResultPath;
  /** …and its index when that field is a list (-1 otherwise). */
  readonly index: number;
  /** The field nodes whose selection sets were executed on it. */
  readonly fieldNodes: readonly FieldNode[];
}

/** One read of a field-level key (`Type:id.field`); `splitFieldKey` gives its object key and field. */
export type FieldRead = string;

/** What one execution read. */
export interface ResourceCollector {
  readonly keys: Set<string>;
  readonly occurrences: Occurrence[];
  /** In reading order; a key read on several occurrences of its object is listed once per read. */
  readonly fieldReads: FieldRead[];
  /** Field-level keys read with a guard (keyGuards.ts); absent when none was. */
  guards?: RecordedGuards;
}

/** Creates an empty collector. */
export function createCollector(): ResourceCollector {
  return { keys: new Set(), occurrences: [], fieldReads: [] };
}

/**
 * An {@link Occurrence} as groups keep it: its type name and id are read from its key (`Type:id`, a
 * type name has no `:`) rather than kept, two fields fewer per place of every idle live query, and
 * the id string no longer shared with the result (whose copy is its own: compactResult.ts).
 */
class Place implements Occurrence {
  constructor(
    readonly key: string,
    readonly base: ResultPath,
    readonly index: number,
    readonly fieldNodes: readonly FieldNode[],
  ) {}

  get typeName(): string {
    return this.key.slice(0, this.key.indexOf(':'));
  }

  get id(): string {
    return this.key.slice(this.key.indexOf(':') + 1);
  }
}

/** The occurrence of `key` (`Type:id`, {@link objectKey}) at `base` and `index` (-1: not in a list). */
export function createOccurrence(key: string, base: ResultPath, index: number, fieldNodes: readonly FieldNode[]): Occurrence {
  return new Place(key, base, index, fieldNodes);
}

/** The same occurrence with its path under `prefix` (places of a sub-execution are relative to its object). */
export function rebaseOccurrence(occurrence: Occurrence, prefix: ResultPath): Occurrence {
  return new Place(occurrence.key, [...prefix, ...occurrence.base], occurrence.index, occurrence.fieldNodes);
}

/** The result path of an occurrence. */
export function occurrencePath(occurrence: Occurrence): ResultPath {
  return occurrence.index < 0 ? occurrence.base : [...occurrence.base, occurrence.index];
}

/** Resolvers that resolve their field the default way, around some bookkeeping (see {@link markDefaultResolver}). */
const defaultResolvers = new WeakSet<GraphQLFieldResolver<unknown, unknown>>();

/**
 * Marks `resolver` as resolving its field as the default resolver does (a wrapper that only meters
 * or logs): such a field has no resolver of its own, so its value changes with its object and an
 * execution records no field-level key for it (one key string and index entry per field per live
 * query, which no store announces). Returns `resolver`.
 */
export function markDefaultResolver<T extends GraphQLFieldResolver<unknown, unknown>>(resolver: T): T {
  defaultResolvers.add(resolver);
  return resolver;
}

/** Whether the field has a resolver of its own (not the default one, nor one marked as such). */
export function hasOwnResolver(field: GraphQLField<unknown, unknown>): boolean {
  return field.resolve !== undefined && field.resolve !== defaultFieldResolver && !defaultResolvers.has(field.resolve);
}

const COLLECTOR = Symbol.for('livedoc.resourceCollector');
const INSTRUMENTED = Symbol.for('livedoc.instrumented');

/**
 * Records, from a resolver in a tracked execution, that the field it resolves also depends on `key`:
 * a key of a field of the same object that `splitFieldKey` maps to that field (an ordered field key,
 * `Dataset:ds1.rows(value)`), so that invalidating `key` re-resolves the field; with `guard`, only
 * changes of it that the guard lets through (keyGuards.ts), as long as every read of the key in the
 * execution has one. Record each read once. Outside a tracked execution it does nothing.
 */
export function recordFieldKey(context: unknown, key: string, guard?: KeyGuard): void {
  const collector = collectorOf(context);
  if (!collector) return;
  collector.keys.add(key);
  collector.fieldReads.push(key);
  if (guard) noteGuard((collector.guards ??= new Map<string, KeyGuard[] | null>()), key, guard);
}

/** Returns a context object for a tracked execution: `base`'s fields plus the collector. */
export function withResourceCollector<T extends object>(base: T, collector: ResourceCollector): T {
  return Object.assign(Object.create(base) as T, { [COLLECTOR]: collector });
}

function collectorOf(context: unknown): ResourceCollector | undefined {
  return typeof context === 'object' && context !== null
    ? ((context as Record<symbol, unknown>)[COLLECTOR] as ResourceCollector | undefined)
    : undefined;
}

/**
 * Instruments `schema` in place (once) and returns it. Root fields of the query type record
 * `Query.field` and `Query.field(args)`; fields returning objects that have an id record `Type:id`
 * and the occurrence of each object returned; fields with their own resolver ({@link hasOwnResolver})
 * on an object with an id record the field-level key `Type:id.field` (for stores that invalidate one field, e.g. an
 * aggregate, without invalidating the whole object).
 */
export function trackResources(schema: GraphQLSchema, idField = 'id'): GraphQLSchema {
  const marked = schema as GraphQLSchema & { [INSTRUMENTED]?: true };
  if (marked[INSTRUMENTED]) return schema;
  marked[INSTRUMENTED] = true;
  const queryType = schema.getQueryType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      instrumentField(type, field, type === queryType, idField);
    }
  }
  return schema;
}

function instrumentField(
  parentType: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  isRootQueryField: boolean,
  idField: string,
): void {
  const returned = getNamedType(field.type);
  const tracksObjects = isObjectType(returned) && idField in returned.getFields();
  const tracksField = hasOwnResolver(field) && !isRootQueryField && idField in parentType.getFields();
  if (!tracksObjects && !isRootQueryField && !tracksField) return;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  const typeName = returned.name;
  // One string for every execution that reads the field, rather than one per execution.
  const rootKey = rootFieldKey(parentType.name, field.name);
  field.resolve = (source, args: Readonly<Record<string, unknown>>, context, info) => {
    const collector = collectorOf(context);
    if (!collector) return resolve(source, args, context, info);
    if (isRootQueryField) {
      collector.keys.add(rootKey);
      collector.keys.add(rootFieldArgsKey(parentType.name, field.name, args));
    }
    if (tracksField) recordField(collector, parentType.name, field.name, idOf(source, idField));
    const value = resolve(source, args, context, info);
    if (!tracksObjects) return value;
    if (isPromiseLike(value)) {
      return Promise.resolve(value).then((resolved) => {
        recordObjects(collector, typeName, idField, resolved, info);
        return resolved;
      });
    }
    recordObjects(collector, typeName, idField, value, info);
    return value;
  };
}

function recordField(collector: ResourceCollector, typeName: string, fieldName: string, id: string | undefined): void {
  if (id === undefined) return;
  const key = fieldKey(typeName, id, fieldName);
  collector.keys.add(key);
  collector.fieldReads.push(key);
}

function recordObjects(
  collector: ResourceCollector,
  typeName: string,
  idField: string,
  value: unknown,
  info: GraphQLResolveInfo,
): void {
  if (value === null || value === undefined) return;
  const base = pathOf(info.path);
  if (!Array.isArray(value)) {
    recordObject(collector, typeName, idField, value, base, -1, info.fieldNodes);
    return;
  }
  // Nested lists have no stable single index: track their objects' keys, not their places.
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (Array.isArray(item)) recordKeysOnly(collector, typeName, idField, item);
    else recordObject(collector, typeName, idField, item, base, i, info.fieldNodes);
  }
}

/** Paths shared by every group that has an object at the same place (`["document"]`, …). */
const sharedPaths = new Map<string, ResultPath>();
/** Enough for the places of every distinct query shape; past it, paths are simply not shared. */
const MAX_SHARED_PATHS = 10_000;

/**
 * `responsePathAsArray` without its spare capacity (it grows an array by push: 17 slots for a path of
 * one), and one frozen array per distinct path: a group keeps the paths of its objects for as long as
 * it is watched, and thousands of groups of one query have their objects at the same places.
 */
function pathOf(path: GraphQLResolveInfo['path']): ResultPath {
  let length = 0;
  let id = '';
  for (let p: typeof path | undefined = path; p; p = p.prev) {
    length++;
    id += typeof p.key === 'number' ? `\u0000${p.key}` : `\u0001${p.key}`;
  }
  const shared = sharedPaths.get(id);
  if (shared) return shared;
  const array = new Array<string | number>(length);
  for (let p: typeof path | undefined = path; p; p = p.prev) array[--length] = p.key;
  if (sharedPaths.size < MAX_SHARED_PATHS) sharedPaths.set(id, Object.freeze(array));
  return array;
}

function recordObject(
  collector: ResourceCollector,
  typeName: string,
  idField: string,
  value: unknown,
  base: ResultPath,
  index: number,
  fieldNodes: readonly FieldNode[],
): void {
  const id = idOf(value, idField);
  if (id === undefined) return;
  const key = objectKey(typeName, id);
  collector.keys.add(key);
  collector.occurrences.push(createOccurrence(key, base, index, fieldNodes));
}

function recordKeysOnly(collector: ResourceCollector, typeName: string, idField: string, list: unknown[]): void {
  for (const item of list) {
    if (Array.isArray(item)) recordKeysOnly(collector, typeName, idField, item);
    else {
      const id = idOf(item, idField);
      if (id !== undefined) collector.keys.add(objectKey(typeName, id));
    }
  }
}

function idOf(value: unknown, idField: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as Record<string, unknown>)[idField];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
