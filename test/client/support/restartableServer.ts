/**
 * A livedoc server over a PGlite store in a temp folder that can be stopped and started again on the
 * same port (reconnect tests), and disposed of completely.
 */
import { startServer, type LivedocServer, type ServerOptions } from '../../../server/app/startServer.js';
import { TEST_AUTH_SECRET } from '../../support/auth.js';
import { startTestServer } from '../../support/liveServer.js';
import type { Store } from '../../../server/store/types.js';

/** The server, its store, and stop/start. */
export interface RestartableServer {
  readonly store: Store;
  readonly port: number;
  /** The running server (the last one started). */
  readonly server: LivedocServer;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** Closes the server (sockets close with 1001); the store stays open. */
  stop(): Promise<void>;
  /** Starts a new server on the same port over the same store. */
  start(): Promise<void>;
  /** Closes the server and the store and removes the data folder. */
  dispose(): Promise<void>;
}

/** Opens a store (seeded or not) and a server on a free port. */
export async function startRestartableServer(
  options: { seed?: boolean } & Omit<Partial<ServerOptions>, 'store' | 'port'> = {},
): Promise<RestartableServer> {
  const first = await startTestServer(options);
  const { port } = first.server;
  let server = first.server;
  let running = true;
  return {
    store: first.store,
    port,
    get server() {
      return server;
    },
    get httpUrl() {
      return server.httpUrl;
    },
    get wsUrl() {
      return server.wsUrl;
    },
    async stop() {
      running = false;
      await server.close();
    },
    async start() {
      server = await startServer({
        ...options,
        webRoot: options.webRoot ?? null,
        store: first.store,
        port,
        auth: options.auth ?? { secret: TEST_AUTH_SECRET },
      });
      running = true;
    },
    async dispose() {
      if (running) await server.close();
      // Closes the first server (a no-op when already closed), the store, and the data folder.
      await first.dispose();
    },
  };
}
