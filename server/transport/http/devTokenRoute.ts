/**
 * `POST /auth/dev-token` with `{"name": "ann"}` → `{"token": "<jwt>"}`: sign-in for development,
 * served only by a server that made its own secret (never in production). A bad request is 400 with
 * `{"error": "…"}` saying what was expected and what arrived.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readDevTokenRequest, signDevToken } from '../../graphql/auth/devToken.js';
import type { Logger } from '../../runtime/logger.js';
import type { RequestHandler } from './httpRoutes.js';

/** The path of the route. */
export const DEV_TOKEN_PATH = '/auth/dev-token';

/** Largest body read: a name is at most 64 characters. */
const MAX_BODY_BYTES = 1_024;

/** Options of {@link createDevTokenRoute}. */
export interface DevTokenRouteOptions {
  /** The server's own HS256 secret. */
  secret: Uint8Array;
  /** Lifetime of each token, seconds. */
  ttlSeconds: number;
  logger: Logger;
}

/** Returns the handler of {@link DEV_TOKEN_PATH}. */
export function createDevTokenRoute(options: DevTokenRouteOptions): RequestHandler {
  return (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { error: `Expected POST with {"name": "…"}, but got ${req.method ?? 'no method'}.` });
      return;
    }
    readSmallBody(req).then(
      async (body) => {
        if (body === undefined) return sendJson(res, 413, { error: `Expected a body of at most ${MAX_BODY_BYTES} bytes.` });
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          return sendJson(res, 400, { error: 'Expected a JSON body {"name": "…"}, but it is not JSON.' });
        }
        const request = readDevTokenRequest(parsed);
        if ('error' in request) return sendJson(res, 400, { error: request.error });
        sendJson(res, 200, { token: await signDevToken(options.secret, request.name, options.ttlSeconds) });
      },
      () => res.destroy(),
    ).catch((error: unknown) => {
      options.logger.error({ err: error }, 'dev token failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'Unexpected error.' });
    });
  };
}

/** The body as text; undefined when it is longer than {@link MAX_BODY_BYTES} (the rest is not read). */
function readSmallBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
