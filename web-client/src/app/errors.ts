/** Reading the errors of urql results. */
import type { CombinedError } from '@urql/core';

/** The `extensions.code` of the first GraphQL error that has one (e.g. CONFLICT, NOT_FOUND). */
export function errorCode(error: CombinedError | undefined): string | undefined {
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const code = graphQLError.extensions.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A sentence for the user: the server's message without urql's "[GraphQL]" prefix. */
export function errorText(error: CombinedError): string {
  if (error.networkError) return 'The server could not be reached. Try again in a moment.';
  return error.graphQLErrors.map((graphQLError) => graphQLError.message).join(' ') || error.message;
}
