/** Turns what graphql-ws reports to a sink's `error` into an Error worth showing. */
import type { GraphQLFormattedError } from 'graphql';
import { CLOSE_FORBIDDEN } from '../wire/closeCodes.js';

/** The operation was rejected with an `error` message (parse or validation errors). */
export class GraphQLOperationError extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors.map((error) => error.message).join('\n') || 'The operation was rejected.');
    this.name = 'GraphQLOperationError';
  }
}

/** An Error for a CloseEvent (a lost connection with a fatal code), a GraphQLError array, or anything else. */
export function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (Array.isArray(error)) return new GraphQLOperationError(error as GraphQLFormattedError[]);
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : '';
    if (error.code === CLOSE_FORBIDDEN) {
      return new Error(`The server refused the viewer's token (4403${reason ? `: ${reason}` : ''}); sign in again.`);
    }
    return new Error(`The connection closed (${String(error.code)}${reason ? `: ${reason}` : ''}).`);
  }
  return new Error(String(error));
}
