/** Starts real livedoc servers on port 0 over a real store, and disposes of everything afterwards. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, type LivedocServer, type ServerOptions } from '../../server/app/startServer.js';
import { openStore } from '../../server/store/openStore.js';
import type { SqlStore } from '../../server/store/sqlStore.js';
import { TEST_AUTH_SECRET } from './auth.js';

/** A server with its store and a way to dispose both. */
export interface TestServer {
  server: LivedocServer;
  store: SqlStore;
  dataDir: string | undefined;
  /** Closes the server, then the store, then removes a temporary data folder. */
  dispose(): Promise<void>;
}

/** Options: an existing data folder or database URL to reuse (restart tests), or server options. */
export interface TestServerOptions extends Omit<Partial<ServerOptions>, 'store'> {
  dataDir?: string;
  databaseUrl?: string;
  seed?: boolean;
  /** Keep the data folder on dispose (to reopen it). */
  keepData?: boolean;
}

/**
 * Opens a store (PGlite in a fresh temp folder unless told otherwise) and a server on port 0, verifying
 * tokens signed with TEST_AUTH_SECRET (test/support/auth.ts) unless `auth` says otherwise.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.databaseUrl
    ? undefined
    : (options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'livedoc-test-'))));
  const store = await openStore({ dataDir, databaseUrl: options.databaseUrl, seed: options.seed ?? true });
  const server = await startServer({
    ...options,
    store,
    port: options.port ?? 0,
    webRoot: options.webRoot ?? null,
    auth: options.auth ?? { secret: TEST_AUTH_SECRET },
    // Tests write as one viewer, fast: the mutation rate is tested where it is set (clientLimits.test.ts).
    limits: { mutationRate: 1_000_000, mutationBurst: 1_000_000, ...options.limits },
  });
  return {
    server,
    store,
    dataDir,
    async dispose() {
      await server.close();
      await store.close();
      if (dataDir && !options.keepData && !options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
