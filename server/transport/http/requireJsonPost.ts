/**
 * Operations by POST only as JSON. A browser sends `application/x-www-form-urlencoded`,
 * `multipart/form-data` and `text/plain` cross-site without asking (no CORS preflight), so a form on
 * any site could otherwise run a mutation with the visitor's credentials; JSON needs a preflight,
 * which only allowed origins pass (corsOptions.ts). Such a POST is answered 415 before anything runs.
 */
import type { Plugin } from 'graphql-yoga';

/** The media types a POST may carry: JSON, as GraphQL over HTTP and yoga's parser know it. */
export const POST_MEDIA_TYPES: readonly string[] = ['application/json', 'application/graphql+json'];

/** The yoga plugin: a POST of any other media type is a 415 with a coded GraphQL error. */
export function useRequireJsonPost(): Plugin {
  return {
    onRequest(payload) {
      const { request, fetchAPI } = payload;
      if (request.method.toUpperCase() !== 'POST') return;
      const header = request.headers.get('content-type');
      const mediaType = header?.split(';')[0]?.trim().toLowerCase();
      if (mediaType !== undefined && POST_MEDIA_TYPES.includes(mediaType)) return;
      const message = `Expected a POST with Content-Type ${POST_MEDIA_TYPES.join(' or ')}, but got ${
        header === null ? 'none' : JSON.stringify(header.slice(0, 100))
      }.`;
      const body = JSON.stringify({ errors: [{ message, extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] });
      payload.endResponse(new fetchAPI.Response(body, { status: 415, headers: { 'content-type': 'application/json; charset=utf-8' } }));
    },
  };
}
