/**
 * Limits on query size and shape (graphql-armor, and our nesting limit), applied over HTTP and
 * WebSocket alike. Every limit answers with a GraphQL error for its operation only, code
 * `GRAPHQL_VALIDATION_FAILED` and HTTP status 400: never a thrown validation, which would cost a
 * WebSocket client its socket and every other live query on it.
 */
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitError } from './limitError.js';
import { maxNestingPlugin } from './maxNesting.js';
import { maxQueryBytesPlugin } from './maxQueryBytes.js';
import { DEFAULT_REQUEST_LIMITS } from './requestLimits.js';

/** The limits documented in docs/protocol.md ("Errors"). */
export const QUERY_LIMITS = { depth: 12, aliases: 30, tokens: 5_000, cost: 20_000, nesting: 64 } as const;

/**
 * Envelop plugins enforcing {@link QUERY_LIMITS}, after a limit of `maxQueryBytes` on the query text;
 * violations are coded errors of their operation.
 */
export function securityPlugins(maxQueryBytes = DEFAULT_REQUEST_LIMITS.maxQueryBytes): Plugin[] {
  // Validation rules report into the validation context; the token limit, checked while parsing, throws.
  const validation = { propagateOnRejection: false, onReject: [reportLimitError] };
  return [
    // First: a text over the size limit goes no further (not even into the parse cache).
    maxQueryBytesPlugin(maxQueryBytes),
    maxTokensPlugin({ n: QUERY_LIMITS.tokens, propagateOnRejection: false, onReject: [throwLimitError] }),
    // After the token limit: it wraps that parser, and lexes no further than the token limit allows.
    maxNestingPlugin(QUERY_LIMITS.nesting, QUERY_LIMITS.tokens),
    maxDepthPlugin({ n: QUERY_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...validation }),
    maxAliasesPlugin({ n: QUERY_LIMITS.aliases, ...validation }),
    costLimitPlugin({ maxCost: QUERY_LIMITS.cost, ignoreIntrospection: true, ...validation }),
  ] as Plugin[];
}

function reportLimitError(context: ValidationContext | null, error: GraphQLError): void {
  if (!context) throw limitError(error.message);
  context.reportError(limitError(error.message));
}

function throwLimitError(_context: ValidationContext | null, error: GraphQLError): never {
  throw limitError(error.message);
}
