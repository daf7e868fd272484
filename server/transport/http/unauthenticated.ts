/**
 * The answer to a request whose token is refused: HTTP 401 with one GraphQL error of code
 * `UNAUTHENTICATED`, in the media type the client accepts (as yoga would choose it), from the fast
 * path and from yoga alike.
 */
import type { ServerResponse } from 'node:http';
import type { ResultMediaType } from './resultMediaType.js';

/** The status, headers and body of a 401 for `message`. */
export interface UnauthenticatedAnswer {
  status: 401;
  headers: Record<string, string>;
  body: string;
}

/** The 401 answer; `mediaType` null (the client accepts neither JSON type) answers application/json. */
export function unauthenticated(message: string, mediaType: ResultMediaType | null): UnauthenticatedAnswer {
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  return {
    status: 401,
    headers: {
      'content-type': `${mediaType ?? 'application/json'}; charset=utf-8`,
      'content-length': String(Buffer.byteLength(body)),
      // RFC 6750: the scheme the client must use, and that the token it sent is not acceptable.
      'www-authenticate': 'Bearer error="invalid_token"',
    },
    body,
  };
}

/** Writes the 401 answer to a Node response. */
export function sendUnauthenticated(res: ServerResponse, message: string, mediaType: ResultMediaType | null): void {
  const answer = unauthenticated(message, mediaType);
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
