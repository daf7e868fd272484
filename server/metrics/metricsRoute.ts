/**
 * `GET /metrics`: the Prometheus text exposition, open, or behind a bearer token compared in constant
 * time (401 otherwise).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerMetrics } from './serverMetrics.js';

/** Serves `metrics.scrape()`; with `token`, only to `Authorization: Bearer <token>`. */
export function metricsRoute(metrics: Pick<ServerMetrics, 'scrape'>, token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return answer(res, 405, `Expected GET or HEAD, but got ${req.method ?? 'no method'}.\n`, { allow: 'GET, HEAD' });
    }
    if (expected && !authorized(req.headers.authorization, expected)) {
      return answer(res, 401, 'Expected Authorization: Bearer <METRICS_TOKEN>.\n', { 'www-authenticate': 'Bearer' });
    }
    metrics.scrape().then(
      ({ contentType, body }) => answer(res, 200, req.method === 'HEAD' ? '' : body, { 'content-type': contentType }),
      () => answer(res, 500, 'Metrics collection failed.\n'),
    );
  };
}

/** Compares digests, so neither the token's length nor its content leaks through timing. */
function authorized(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  return !!match?.[1] && timingSafeEqual(digest(match[1]), expected);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function answer(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}
