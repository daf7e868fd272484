/**
 * The HTTP routes of a livedoc server: `/graphql` (GraphQL over HTTP and GraphiQL), `/healthz`
 * (the process answers), `/readyz` (the store is connected; `degraded` while the bus is away), `/metrics`
 * (Prometheus, where served on this port), and the web client's
 * static files for everything else (or a redirect from `/` to GraphiQL when it is not served).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

/** Handles one HTTP request. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Options of {@link createHttpRoutes}. */
export interface HttpRoutesOptions {
  /** The handler of `/graphql`. */
  graphql: RequestHandler;
  /** The handler of `POST /auth/dev-token`, where served (development only). */
  devToken?: RequestHandler | undefined;
  /** What `/readyz` checks: ready when every check is true. */
  readiness: { store: () => boolean; bus: () => boolean };
  /** The handler of `/metrics`; undefined answers 404 there (not served on this port). */
  metrics?: RequestHandler | undefined;
  /** Folder of static files served under `/` (single-page app); null serves none. */
  webRoot: string | null;
}

/** Returns the request handler routing by path. */
export function createHttpRoutes(options: HttpRoutesOptions): RequestHandler {
  const { graphql, readiness } = options;
  const serveStatic = options.webRoot ? sirv(options.webRoot, { single: true, etag: true, gzip: true }) : undefined;
  return (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/graphql') return graphql(req, res);
    if (pathname === '/auth/dev-token' && options.devToken) return options.devToken(req, res);
    if (pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/readyz') return sendReadiness(res, readiness.store(), readiness.bus());
    if (pathname === '/metrics') return options.metrics ? options.metrics(req, res) : sendJson(res, 404, { error: 'Not found' });
    if (serveStatic) {
      serveStatic(req, res, () => sendJson(res, 404, { error: 'Not found' }));
      return;
    }
    if (pathname === '/') {
      res.writeHead(302, { location: '/graphql' });
      return void res.end();
    }
    sendJson(res, 404, { error: 'Not found' });
  };
}

/** 200 when the store and the bus are both ready, else 503; the body says which is not. */
/**
 * Ready (200) while the store is: an instance whose bus is away still serves reads, writes and its
 * own live queries, so it stays in the load balancer and says it is `degraded`; without its store it
 * can do nothing (503).
 */
function sendReadiness(res: ServerResponse, store: boolean, bus: boolean): void {
  const status = !store ? 'unavailable' : bus ? 'ready' : 'degraded';
  sendJson(res, store ? 200 : 503, { status, store, bus });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
