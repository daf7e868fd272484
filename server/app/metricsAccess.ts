/**
 * Where a server's `/metrics` is served: in development on the main port, open; in production on the
 * main port behind `METRICS_TOKEN`, or on `METRICS_PORT` alone (a separate listener bound like the main
 * one, also behind the token when one is set); with neither, not at all (404), which is logged at start.
 */
import http from 'node:http';
import type { Logger } from '../runtime/logger.js';
import { metricsRoute } from '../metrics/metricsRoute.js';
import type { ServerMetrics } from '../metrics/serverMetrics.js';
import { listen } from '../transport/http/listen.js';
import type { RequestHandler } from '../transport/http/httpRoutes.js';

/** How `/metrics` is protected and where it listens (ServerOptions.metrics). */
export interface MetricsAccessOptions {
  /** Required as `Authorization: Bearer <token>` (METRICS_TOKEN). */
  token?: string | undefined;
  /** Serve on this port instead of the main one (METRICS_PORT; 0 picks a free one). */
  port?: number | undefined;
}

/** Where `/metrics` ended up. */
export interface MetricsAccess {
  /** The handler of `/metrics` on the main port; undefined: 404 there. */
  readonly mainRoute: RequestHandler | undefined;
  /** The port of the separate listener, when there is one. */
  readonly port: number | undefined;
  /** Closes the separate listener (nothing without one). */
  close(): Promise<void>;
}

/** Decides (and with a port, starts listening); rejects when the port cannot be listened on. */
export async function serveMetrics(
  metrics: ServerMetrics,
  options: MetricsAccessOptions,
  context: { production: boolean; host: string; logger: Logger },
): Promise<MetricsAccess> {
  const { production, logger } = context;
  const route = metricsRoute(metrics, options.token);
  if (options.port === undefined) {
    const open = !production || options.token !== undefined;
    if (!open) logger.warn('metrics are not served: set METRICS_TOKEN or METRICS_PORT to serve /metrics in production');
    return { mainRoute: open ? route : undefined, port: undefined, close: () => Promise.resolve() };
  }
  const server = http.createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] === '/metrics') return route(req, res);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found: metrics are at /metrics.\n');
  });
  const { port } = await listen(server, options.port, context.host);
  logger.info({ port }, 'metrics served on their own port');
  return {
    mainRoute: undefined,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
