/**
 * Authentication on yoga's path (GET, GraphiQL's requests, everything the fast path leaves to yoga):
 * the `Authorization` header is checked before the request is parsed, a refused token ends the request
 * with 401 `UNAUTHENTICATED`, and the viewer is kept for the request's context.
 */
import type { Plugin } from 'graphql-yoga';
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import { ANONYMOUS, type Viewer } from '../../graphql/viewer.js';
import { resultMediaType } from './resultMediaType.js';
import { unauthenticated } from './unauthenticated.js';

/** The plugin, and the viewer of a request it let through (anonymous for a request it never saw). */
export interface ViewerPlugin {
  plugin: Plugin;
  viewerOf(request: Request): Viewer;
}

/** Creates the plugin checking tokens with `verify`. */
export function useViewer(verify: TokenVerifier): ViewerPlugin {
  const viewers = new WeakMap<Request, Viewer>();
  return {
    plugin: {
      async onRequest(payload) {
        const { request, fetchAPI } = payload;
        const authentication = await verify(request.headers.get('authorization') ?? undefined);
        if ('viewer' in authentication) {
          viewers.set(request, authentication.viewer);
          return;
        }
        const answer = unauthenticated(authentication.error, resultMediaType(request.headers.get('accept') ?? undefined));
        payload.endResponse(new fetchAPI.Response(answer.body, { status: answer.status, headers: answer.headers }));
      },
    },
    viewerOf: (request) => viewers.get(request) ?? ANONYMOUS,
  };
}
