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

/**
 * A sentence for the user: the server's message without urql's "[GraphQL]" prefix, saying plainly
 * when the viewer may not do this (FORBIDDEN: "sign in to …", "… your role is READER") or the item is
 * gone for them (NOT_FOUND: deleted, or no longer shared with them; the server does not say which).
 */
export function errorText(error: CombinedError): string {
  if (error.networkError) return 'The server could not be reached. Try again in a moment.';
  const sentences = error.graphQLErrors.map((graphQLError) => {
    const { message } = graphQLError;
    switch (graphQLError.extensions.code) {
      case 'FORBIDDEN':
        return `Not allowed: ${message}.`;
      case 'NOT_FOUND':
        return `Not available: ${message} (it was deleted, or is not shared with you).`;
      default:
        return message;
    }
  });
  return sentences.join(' ') || error.message;
}
