/** The error of an operation over one of the query limits (limits.ts). */
import { GraphQLError } from 'graphql';

/**
 * The error of an operation over a limit. graphql-armor words its messages as syntax errors; the
 * prefix goes. `spec: false` keeps the status 400 for `application/json` too, where yoga would answer
 * a spec validation failure with 200: a limit is this server's refusal, not a broken query.
 */
export function limitError(message: string): GraphQLError {
  const error = new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400, spec: false } },
  });
  limitErrors.add(error);
  return error;
}

const limitErrors = new WeakSet<GraphQLError>();

/**
 * True for an error made by {@link limitError}. Limits checked while parsing (tokens, nesting) need it:
 * yoga marks every parse error a spec error, which it answers with 200 under `application/json`.
 */
export function isLimitError(error: GraphQLError): boolean {
  return limitErrors.has(error);
}
