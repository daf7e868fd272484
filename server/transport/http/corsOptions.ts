/**
 * yoga's CORS answer per request: only an allowed cross-site origin gets `Access-Control-Allow-Origin`
 * (itself, never `*`) and credentials; any other origin gets no CORS headers at all, so a browser
 * refuses the page the response and sends no preflighted request.
 */
import type { OriginPolicy } from '../originPolicy.js';
import { ownOriginOfRequest } from '../originPolicy.js';

/** What yoga's `cors` option takes per request: headers to send, or false for none. */
export type CorsAnswer = false | { origin: string[]; credentials: true; methods: string[]; exposedHeaders: string[] };

/** Returns yoga's `cors` factory for `policy`. */
export function corsOptions(policy: OriginPolicy): (request: Request) => CorsAnswer {
  return (request) => {
    const origin = request.headers.get('origin') ?? undefined;
    if (origin === undefined || !policy(origin, ownOriginOfRequest(request))) return false;
    return { origin: [origin], credentials: true, methods: ['GET', 'POST', 'OPTIONS'], exposedHeaders: ['Retry-After'] };
  };
}
