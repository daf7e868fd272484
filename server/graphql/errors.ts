/** The error channels of the API: expected errors with codes, everything else masked in production. */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { StoreError } from '../store/types.js';

/** Error codes clients can rely on (docs/protocol.md, "Errors"). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN';

/** A GraphQL error with `extensions.code`. */
export function userError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** Turns an expected store failure into a coded GraphQL error; rethrows anything else. */
export function toGraphQLError(error: unknown): never {
  if (error instanceof StoreError) throw userError(error.code, error.message);
  throw error;
}

/**
 * Formats an execution error of a live query exactly as yoga formats HTTP errors: expected GraphQL
 * errors pass; anything else becomes `Unexpected error.` (code INTERNAL_SERVER_ERROR), with the
 * original error in extensions only outside production.
 */
export function formatLiveError(error: GraphQLError, production: boolean): GraphQLFormattedError {
  const formatted = maskExecutionError(error, production).toJSON();
  // yoga marks masked errors `unexpected` for its own use and strips the flag from responses; so do we.
  if (formatted.extensions && 'unexpected' in formatted.extensions) {
    const { unexpected: _internal, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  }
  return formatted;
}

/**
 * What yoga's masked-errors plugin makes of an execution error: expected GraphQL errors pass; anything
 * else becomes `Unexpected error.`, with the original in extensions only outside production.
 */
export function maskExecutionError(error: GraphQLError, production: boolean): GraphQLError {
  const masked = maskError(error, 'Unexpected error.', !production);
  // Typed Error, but it returns `error` itself or a GraphQLError it built.
  if (masked instanceof GraphQLError) return masked;
  throw new TypeError('maskError returned something other than a GraphQLError');
}
