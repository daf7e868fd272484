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
import type { LimitName } from '../metrics/transportMetrics.js';
import { limitError } from './limitError.js';
import { maxNestingPlugin } from './maxNesting.js';
import { maxQueryBytesPlugin } from './maxQueryBytes.js';
import { DEFAULT_REQUEST_LIMITS } from './requestLimits.js';

/** The limits documented in docs/protocol.md ("Errors"). */
export const QUERY_LIMITS = { depth: 12, aliases: 30, tokens: 5_000, cost: 20_000, nesting: 64 } as const;

/**
 * Envelop plugins enforcing {@link QUERY_LIMITS}, after a limit of `maxQueryBytes` on the query text;
 * violations are coded errors of their operation, and `onLimit` is told which limit refused. (A text
 * refused while parsing or validating is refused again from yoga's caches without being checked, so
 * a repeated refusal of the same text may be counted once.)
 */
export function securityPlugins(
  maxQueryBytes = DEFAULT_REQUEST_LIMITS.maxQueryBytes,
  onLimit: (limit: LimitName) => void = () => {},
): Plugin[] {
  // Validation rules report into the validation context; the token limit, checked while parsing, throws.
  const validation = (limit: LimitName) => ({ propagateOnRejection: false, onReject: [reportLimitError(limit, onLimit)] });
  return [
    // First: a text over the size limit goes no further (not even into the parse cache).
    maxQueryBytesPlugin(maxQueryBytes, () => onLimit('query_bytes')),
    maxTokensPlugin({ n: QUERY_LIMITS.tokens, propagateOnRejection: false, onReject: [throwLimitError(onLimit)] }),
    // After the token limit: it wraps that parser, and lexes no further than the token limit allows.
    maxNestingPlugin(QUERY_LIMITS.nesting, QUERY_LIMITS.tokens, () => onLimit('nesting')),
    maxDepthPlugin({ n: QUERY_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...validation('depth') }),
    maxAliasesPlugin({ n: QUERY_LIMITS.aliases, ...validation('aliases') }),
    costLimitPlugin({ maxCost: QUERY_LIMITS.cost, ignoreIntrospection: true, ...validation('cost') }),
  ] as Plugin[];
}

function reportLimitError(limit: LimitName, onLimit: (limit: LimitName) => void) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    onLimit(limit);
    if (!context) throw limitError(error.message);
    context.reportError(limitError(error.message));
  };
}

function throwLimitError(onLimit: (limit: LimitName) => void) {
  return (_context: ValidationContext | null, error: GraphQLError): never => {
    onLimit('tokens');
    throw limitError(error.message);
  };
}
