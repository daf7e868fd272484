/** Starts an HTTP server listening and says where it can be reached. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a listening server's GraphQL endpoint is reached. */
export interface ListenAddress {
  readonly port: number;
  /** http://host:port/graphql */
  readonly httpUrl: string;
  /** ws://host:port/graphql */
  readonly wsUrl: string;
}

/**
 * Connections the kernel queues before the server accepts them: a reconnect storm (every client of an
 * instance that went down arriving at once) must not be refused while the event loop is busy. Node's
 * default is 511 too, but the kernel caps it at `net.core.somaxconn`; say it, so it is not lost.
 */
export const LISTEN_BACKLOG = 511;

/**
 * Listens on `port` (0 picks a free one) and `host`; resolves with the URLs of `/graphql`, a wildcard
 * host shown as `localhost`. Rejects with the server's error (a port in use).
 */
export async function listen(server: Server, port: number, host: string): Promise<ListenAddress> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const displayHost = shown === '0.0.0.0' || shown === '[::]' ? 'localhost' : shown;
  return {
    port: address.port,
    httpUrl: `http://${displayHost}:${address.port}/graphql`,
    wsUrl: `ws://${displayHost}:${address.port}/graphql`,
  };
}
