/**
 * yoga's envelop pipeline of one operation, typed. envelop declares its steps with `any` (its typings
 * stand alone, without graphql's); at run time they are graphql-js's functions wrapped by the plugins.
 */
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import type { LivedocYoga } from './createLivedocYoga.js';

/** What executing an operation yields: a result, or a stream of them for a subscription. */
export type PipelineResult =
  | ExecutionResult
  | AsyncIterable<ExecutionResult>
  | Promise<ExecutionResult | AsyncIterable<ExecutionResult>>;

/** The steps of one operation's pipeline: parse and validate (cached, with the limits), execute (masking). */
export interface EnvelopedOperation {
  /** The schema yoga serves. */
  readonly schema: GraphQLSchema;
  /** Parses a query text; throws a GraphQLError on a syntax error. */
  readonly parse: (source: string) => DocumentNode;
  /** Validates `document` against `schema` with the query limits; returns the errors, none when valid. */
  readonly validate: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[];
  /** Executes (or subscribes to) an operation through the plugins. */
  readonly execute: (args: ExecutionArgs) => PipelineResult;
}

/** Returns yoga's pipeline for one operation, given envelop's initial context (the request, the params). */
export function envelopedOperation(yoga: LivedocYoga, initialContext: Record<string, unknown>): EnvelopedOperation {
  return yoga.getEnveloped(initialContext);
}
