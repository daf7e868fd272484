/** The error of an operation over one of the query limits (limits.ts, requestLimits.ts). */
import { GraphQLError } from 'graphql';

/** The codes of limit errors: a query over a shape limit, or a query text over its size limit. */
export type LimitCode = 'GRAPHQL_VALIDATION_FAILED' | 'QUERY_TOO_LARGE';

/**
 * The error of an operation over a limit. graphql-armor words its messages as syntax errors; the
 * prefix goes. `spec: false` keeps the status (400 unless told) for `application/json` too, where yoga
 * would answer a spec validation failure with 200: a limit is this server's refusal, not a broken query.
 */
export function limitError(message: string, code: LimitCode = 'GRAPHQL_VALIDATION_FAILED', status = 400): GraphQLError {
  const error = new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code, http: { status, spec: false } },
  });
  limitErrors.add(error);
  return error;
}

const limitErrors = new WeakSet<GraphQLError>();

/**
 * True for an error made by {@link limitError}. Limits checked while parsing (tokens, nesting, size)
 * need it: yoga marks every parse error a spec error, which it answers with 200 under `application/json`.
 */
export function isLimitError(error: GraphQLError): boolean {
  return limitErrors.has(error);
}

/** The HTTP status of a limit error (400 or 413). */
export function limitStatus(error: GraphQLError): number {
  return error.extensions.http?.status ?? 400;
}
