/** GraphQL errors as sent over WebSocket. */
import { GraphQLError } from 'graphql';

/**
 * The error as sent over WebSocket: yoga's `extensions.http` (status and headers of an HTTP response)
 * means nothing there. A copy: yoga caches the error itself for the HTTP path.
 */
export function withoutHttpExtensions(error: GraphQLError): GraphQLError {
  if (!('http' in error.extensions)) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}
