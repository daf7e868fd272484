/**
 * Which browser origins may talk to this server: the same origin always, plus the configured ones
 * (`ALLOWED_ORIGINS`), or in development by default any page on localhost. Requests without an
 * `Origin` header come from non-browser clients, which no origin check protects against anyway.
 * Used for CORS (createLivedocYoga.ts) and for WebSocket upgrades (graphqlWs.ts), which browsers
 * send cross-site without asking.
 */
import type { IncomingMessage } from 'node:http';

/** Options of {@link createOriginPolicy}. */
export interface OriginPolicyOptions {
  /** Origins allowed besides the same one; undefined: none in production, any localhost page in development. */
  allowedOrigins?: readonly string[] | undefined;
  production: boolean;
}

/** Answers whether a request's `Origin` may be served, given the request's own origin. */
export type OriginPolicy = (origin: string | undefined, ownOrigin: string | undefined) => boolean;

/** http://localhost, http://127.0.0.1 and http://[::1], on any port. */
const LOCALHOST = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Creates the policy. */
export function createOriginPolicy(options: OriginPolicyOptions): OriginPolicy {
  const allowed = new Set(options.allowedOrigins ?? []);
  const localhost = options.allowedOrigins === undefined && !options.production;
  return (origin, ownOrigin) => {
    if (origin === undefined) return true;
    if (origin === ownOrigin || allowed.has(origin)) return true;
    return localhost && LOCALHOST.test(origin);
  };
}

/**
 * The origin a request was addressed to: its scheme (TLS on the socket, or a proxy's
 * `X-Forwarded-Proto`) and its `Host`. A forged header gains nothing: a browser sends the real Host.
 */
export function ownOriginOf(req: Pick<IncomingMessage, 'headers' | 'socket'>): string | undefined {
  const host = req.headers.host;
  if (!host) return undefined;
  const forwarded = headerValue(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim().toLowerCase();
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : encrypted ? 'https' : 'http';
  return `${scheme}://${host.toLowerCase()}`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** {@link ownOriginOf} for a fetch-API request (yoga's), whose URL carries the scheme and Host. */
export function ownOriginOfRequest(request: Pick<Request, 'url' | 'headers'>): string {
  const url = new URL(request.url);
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const scheme = forwarded === 'https' || forwarded === 'http' ? `${forwarded}:` : url.protocol;
  return `${scheme}//${url.host}`;
}
