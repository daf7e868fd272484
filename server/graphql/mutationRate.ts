/**
 * Mutations per client: a token bucket per viewer (per address for anonymous clients), one token per
 * mutation field of an operation (each alias counts). An operation over the limit runs none of its
 * fields and answers `RATE_LIMITED` with `retryAfterMs`; the transports add what their channel needs
 * (HTTP 429 and `Retry-After`). Checked before execution on every path (mutationRatePlugin.ts for
 * yoga and graphql-ws, graphqlPost.ts for the HTTP fast path, which executes without envelop).
 */
import { GraphQLError, Kind, OperationTypeNode, getOperationAST, type DocumentNode, type SelectionSetNode } from 'graphql';
import { createTokenBuckets } from '../runtime/tokenBuckets.js';

/** The code of an operation refused by the rate limit. */
export const RATE_LIMITED = 'RATE_LIMITED';

/** Options of {@link createMutationRateLimit}. */
export interface MutationRateOptions {
  /** Mutation fields per second per client. */
  ratePerSecond: number;
  /** Mutation fields a client may send at once after being idle. */
  burst: number;
}

/** The limit of a server. */
export interface MutationRateLimit {
  /**
   * Counts the operation's mutation fields against `clientKey`'s bucket. Returns undefined when it may
   * run (queries always may), else the `RATE_LIMITED` error to answer instead.
   */
  admit(clientKey: string, document: DocumentNode, operationName?: string | null): GraphQLError | undefined;
}

/** Creates the limit. */
export function createMutationRateLimit(options: MutationRateOptions): MutationRateLimit {
  const buckets = createTokenBuckets({ ratePerSecond: options.ratePerSecond, burst: options.burst });
  return {
    admit(clientKey, document, operationName) {
      const fields = mutationFieldCount(document, operationName);
      if (fields === 0) return undefined;
      const waitMs = buckets.take(clientKey, fields);
      return waitMs === 0 ? undefined : rateLimitedError(waitMs);
    },
  };
}

/** The error of a refused operation: retry after `retryAfterMs`. */
export function rateLimitedError(retryAfterMs: number): GraphQLError {
  return new GraphQLError(`Too many mutations: try again in ${retryAfterMs} ms.`, {
    extensions: { code: RATE_LIMITED, retryAfterMs },
  });
}

/** The wait an error made by {@link rateLimitedError} asks for, else undefined. */
export function retryAfterMsOf(error: { extensions?: Record<string, unknown> | undefined }): number | undefined {
  const extensions = error.extensions;
  if (extensions?.code !== RATE_LIMITED) return undefined;
  return typeof extensions.retryAfterMs === 'number' ? extensions.retryAfterMs : undefined;
}

/** The number of root fields of the operation when it is a mutation (aliases each), else 0. */
export function mutationFieldCount(document: DocumentNode, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== OperationTypeNode.MUTATION) return 0;
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  const spread = new Set<string>();
  const count = (selectionSet: SelectionSetNode): number => {
    let fields = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields += selection.name.value === '__typename' ? 0 : 1;
      else if (selection.kind === Kind.INLINE_FRAGMENT) fields += count(selection.selectionSet);
      else if (!spread.has(selection.name.value)) {
        // Validation refuses cycles before this runs; the guard keeps it finite regardless.
        spread.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) fields += count(fragment);
        spread.delete(selection.name.value);
      }
    }
    return fields;
  };
  return count(operation.selectionSet);
}
