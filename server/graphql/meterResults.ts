/**
 * Instruments a schema's resolvers, in place, for the two cost guards: every leaf value is counted
 * against the execution's result budget (resultBudget.ts) and every field fails at once after the
 * budget is spent; every list's length is reported to the list-size estimates (listSizes.ts).
 * Introspection types are left alone. Run once per schema, before the live engine instruments it.
 */
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { hasOwnResolver, markDefaultResolver } from '../live/liveQueryEngine.js';
import type { ListSizes } from './listSizes.js';
import { budgetOf, isSpent, resultTooLargeError, type ResultBudget } from './resultBudget.js';

/** Wraps every field resolver of `schema`'s object types; returns the schema. */
export function meterResults(schema: GraphQLSchema, listSizes: ListSizes): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) meterField(`${type.name}.${field.name}`, field, listSizes);
  }
  return schema;
}

function meterField(coordinate: string, field: GraphQLField<unknown, unknown>, listSizes: ListSizes): void {
  const own = hasOwnResolver(field);
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  const leaf = isLeafType(getNamedType(field.type));
  const list = isListType(getNullableType(field.type));
  field.resolve = (source, args, context, info) => {
    const budget = budgetOf(context);
    if (budget && isSpent(budget)) throw resultTooLargeError(budget.limit);
    const value = resolve(source, args, context, info);
    const key = info.path.key;
    const settle = (resolved: unknown): unknown => {
      if (list && Array.isArray(resolved)) listSizes.observe(coordinate, resolved.length);
      // `"key":` plus the value (a leaf) or its braces (an object or a list of them).
      if (budget) charge(budget, (typeof key === 'string' ? key.length : 0) + 3 + (leaf ? jsonBytes(resolved) : 2));
      return resolved;
    };
    return value instanceof Promise ? value.then(settle) : settle(value);
  };
  // Metering a default-resolved field does not give it a resolver of its own (no field-level key).
  if (!own) markDefaultResolver(field.resolve);
}

function charge(budget: ResultBudget, bytes: number): void {
  budget.used += bytes;
  if (isSpent(budget)) throw resultTooLargeError(budget.limit);
}

/** About the JSON size of a leaf value: exact for plain strings, a fair guess for numbers. */
function jsonBytes(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (Array.isArray(value)) {
    let bytes = 2;
    for (const item of value) bytes += jsonBytes(item) + 1;
    return bytes;
  }
  if (typeof value === 'number') return 12;
  return 5; // booleans, null
}
