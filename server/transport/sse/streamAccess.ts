/**
 * Who may open an event stream, checked before anything else is read: the page's origin (the same
 * origin policy as CORS and WebSocket upgrades: a page elsewhere must not read live data with its
 * visitor's credentials) and the viewer's token (the verifier every transport uses). An allowed
 * cross-site origin gets the CORS headers yoga would send it, on the stream and on refusals alike.
 */
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import type { Viewer } from '../../graphql/viewer.js';
import { ownOriginOf, type OriginPolicy } from '../originPolicy.js';
import type { RequestError } from './eventStreamParams.js';

/** The viewer of an admitted request and the headers every answer to it carries. */
export interface StreamAccess {
  viewer: Viewer;
  headers: Record<string, string>;
}

/** Admits `req` or returns the refusal: 403 for a disallowed origin, 401 for a refused token. */
export async function streamAccess(
  req: IncomingMessage,
  policy: OriginPolicy,
  verify: TokenVerifier,
): Promise<StreamAccess | RequestError> {
  const origin = req.headers.origin || undefined;
  const ownOrigin = ownOriginOf(req);
  if (!policy(origin, ownOrigin)) {
    const error = new GraphQLError('Origin not allowed.', { extensions: { code: 'FORBIDDEN_ORIGIN' } });
    return { status: 403, errors: [error] };
  }
  const headers: Record<string, string> =
    origin === undefined || origin === ownOrigin
      ? {}
      : {
          'access-control-allow-origin': origin,
          'access-control-allow-credentials': 'true',
          'access-control-expose-headers': 'Retry-After',
          vary: 'Origin',
        };
  const authentication = await verify(req.headers.authorization);
  if ('error' in authentication) {
    const error = new GraphQLError(authentication.error, { extensions: { code: 'UNAUTHENTICATED' } });
    // RFC 6750: the scheme the client must use, and that the token it sent is not acceptable.
    return {
      status: 401,
      errors: [error],
      headers: { ...headers, 'www-authenticate': 'Bearer error="invalid_token"' },
    };
  }
  return { viewer: authentication.viewer, headers };
}
