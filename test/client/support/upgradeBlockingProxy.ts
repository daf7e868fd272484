/**
 * A reverse proxy on port 0 that forwards plain HTTP (event streams included) to a livedoc server but
 * refuses every WebSocket upgrade, as some corporate proxies do: with an HTTP status (`refuse: 403`),
 * or by dropping the connection (`refuse: 'drop'`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The running proxy. */
export interface UpgradeBlockingProxy {
  /** `http://127.0.0.1:<port>/graphql` */
  readonly httpUrl: string;
  /** `ws://127.0.0.1:<port>/graphql` (refused) */
  readonly wsUrl: string;
  /** Upgrade requests refused so far. */
  readonly refusedUpgrades: number;
  /** Event-stream requests forwarded so far. */
  readonly eventStreams: number;
  close(): Promise<void>;
}

/** Starts a proxy in front of the server whose HTTP URL is `targetHttpUrl`. */
export async function startUpgradeBlockingProxy(targetHttpUrl: string, refuse: 403 | 'drop' = 403): Promise<UpgradeBlockingProxy> {
  const target = new URL(targetHttpUrl);
  let refusedUpgrades = 0;
  let eventStreams = 0;
  const server = http.createServer((request, response) => {
    if (request.headers.accept?.startsWith('text/event-stream')) eventStreams++;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    // The client went away: so does the upstream request (the server then ends its stream).
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  });
  server.on('upgrade', (_request, socket) => {
    refusedUpgrades++;
    if (refuse === 'drop') socket.destroy();
    else socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    httpUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    get refusedUpgrades() {
      return refusedUpgrades;
    },
    get eventStreams() {
      return eventStreams;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
