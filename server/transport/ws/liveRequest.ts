/** From a parsed and validated operation to the live engine's request. */
import { GraphQLError, getOperationAST, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { AppContext, ContextFactory } from '../../graphql/context.js';
import { accessScope, type Viewer } from '../../graphql/viewer.js';
import { getLiveDirective } from '../../live/liveDirective.js';
import type { LiveQueryRequest } from '../../live/liveQueryEngine.js';
import { resumeTokenIn } from '../../../wire/resume.js';

/** A parsed and validated operation with its raw variables. */
export interface OperationArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variableValues?: Record<string, unknown> | null | undefined;
  /** The request's `extensions` (a live query's resume token is read from them). */
  extensions?: Record<string, unknown> | null | undefined;
}

/**
 * The engine request of a live query; undefined when it is not live (no `@live`, or `@live(if: false)`);
 * `{ errors }`, answered as a single result like any query's, for bad variables or a bad throttle.
 */
export function liveRequestOf(
  args: OperationArgs,
  viewer: Viewer,
  createContext: ContextFactory,
): LiveQueryRequest | { errors: readonly GraphQLError[] } | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return { errors: [new GraphQLError('Unable to identify the operation.')] };
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, {
    maxErrors: 10,
  });
  if (coerced.errors) return { errors: coerced.errors };
  let live;
  try {
    live = getLiveDirective(args.schema, args.document, args.operationName, coerced.coerced);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  if (!live) return undefined;
  const resumeToken = resumeTokenIn(args.extensions);
  if (typeof resumeToken === 'object') return { errors: [new GraphQLError(resumeToken.error, { extensions: { code: 'BAD_REQUEST' } })] };
  const request: LiveQueryRequest = {
    document: args.document,
    operationName: args.operationName,
    variables: sortKeys(coerced.coerced),
    throttleMs: live.throttleMs,
    ...askerOf(viewer, createContext),
  };
  if (resumeToken !== undefined) request.resumeToken = resumeToken;
  return request;
}

/** Who asks, as the engine keeps it on each member: the viewer's scope and its context factory. */
interface Asker {
  readonly viewer: string;
  readonly createContext: () => AppContext;
}

/**
 * One {@link Asker} per viewer (a socket's, a stream's) and factory, shared by all its live queries:
 * an idle live query would otherwise hold a closure and a scope string of its own.
 */
const askers = new WeakMap<ContextFactory, WeakMap<Viewer, Asker>>();

function askerOf(viewer: Viewer, createContext: ContextFactory): Asker {
  let byViewer = askers.get(createContext);
  if (!byViewer) askers.set(createContext, (byViewer = new WeakMap()));
  let asker = byViewer.get(viewer);
  if (!asker) byViewer.set(viewer, (asker = { viewer: accessScope(viewer), createContext: () => createContext(viewer) }));
  return asker;
}

/** Variables with keys in a fixed order, so equal variables make one group. */
function sortKeys(values: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(values).sort()) sorted[key] = values[key];
  return sorted;
}
