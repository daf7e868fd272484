/**
 * Resource tracking: wraps a schema's resolvers so that an execution whose context carries a
 * {@link ResourceCollector} records every resource it reads. Without a collector in the context
 * (ordinary queries, mutations) the wrappers only pass through.
 */
import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { objectKey, rootFieldArgsKey, rootFieldKey } from './resourceKeys.js';

/** Where one execution collects the keys it read. */
export type ResourceCollector = Set<string>;

const COLLECTOR = Symbol.for('livedoc.resourceCollector');
const INSTRUMENTED = Symbol.for('livedoc.instrumented');

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
 * Instruments `schema` in place (once) and returns it: root fields of the query type record
 * `Query.field` and `Query.field(args)`; fields returning objects that have an `id` record `Type:id`
 * for each object returned.
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
  if (!tracksObjects && !isRootQueryField) return;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  const typeName = returned.name;
  field.resolve = (source, args, context, info) => {
    const collector = collectorOf(context);
    if (!collector) return resolve(source, args, context, info);
    if (isRootQueryField) {
      collector.add(rootFieldKey(parentType.name, field.name));
      collector.add(rootFieldArgsKey(parentType.name, field.name, args));
    }
    const value = resolve(source, args, context, info);
    if (!tracksObjects) return value;
    if (isPromiseLike(value)) {
      return Promise.resolve(value).then((resolved) => {
        recordObjects(collector, typeName, idField, resolved);
        return resolved;
      });
    }
    recordObjects(collector, typeName, idField, value);
    return value;
  };
}

function recordObjects(collector: ResourceCollector, typeName: string, idField: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) recordObjects(collector, typeName, idField, item);
    return;
  }
  if (typeof value === 'object') {
    const id = (value as Record<string, unknown>)[idField];
    if (typeof id === 'string' || typeof id === 'number') collector.add(objectKey(typeName, id));
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
