/** Entry point: `npm start`. Reads the environment, opens the store, serves, shuts down on signals. */
import { openBus } from './bus/openBus.js';
import { readConfig } from './config.js';
import { ownWritesOverBus } from './invalidation/feedEngine.js';
import { startServer } from './app/startServer.js';
import { createLogger } from './runtime/logger.js';
import { openStore } from './store/openStore.js';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  // Without a configured key (outside production: readConfig refuses there) the server makes its own
  // secret per start and signs dev tokens with it.
  const devTokens = !config.auth.secret && !config.auth.jwksUrl;
  const bus = await openBus({ kind: config.bus, databaseUrl: config.databaseUrl, redisUrl: config.redisUrl, redisChannel: config.redisChannel, logger });
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    seed: config.seed,
    logger,
    onWriteKeys: ownWritesOverBus(bus, config.busRecords),
  });
  const server = await startServer({
    store,
    bus,
    port: config.port,
    host: config.host,
    production: config.production,
    keepAliveMs: config.keepAliveMs,
    slowClients: config.slowClients,
    resume: config.resume,
    limits: config.limits,
    metrics: { token: config.metricsToken, port: config.metricsPort },
    operators: config.operators,
    logger,
    auth: {
      secret: config.auth.secret,
      jwksUrl: config.auth.jwksUrl,
      devTokens,
      devTokenTtlSeconds: config.auth.devTokenTtlSeconds,
    },
  });
  const origin = server.httpUrl.replace(/\/graphql$/, '');
  logger.info(
    {
      storage: config.databaseUrl ? 'postgres' : `pglite:${config.dataDir}`,
      bus: bus.kind,
      port: server.port,
      auth: devTokens ? 'dev-tokens' : [config.auth.secret && 'hs256', config.auth.jwksUrl && 'jwks'].filter(Boolean).join('+'),
    },
    'livedoc is serving',
  );
  // For people: the addresses, plainly (the log line above is for machines).
  process.stdout.write(
    `\nlivedoc is serving\n  web client  ${origin}/\n  GraphiQL    ${server.httpUrl}\n  graphql-ws  ${server.wsUrl}\n` +
      (devTokens ? `  dev tokens  POST ${origin}/auth/dev-token {"name":"ann"} (random secret per start)\n` : '') +
      '\n',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      // Stop accepting, close sockets with 1001 (clients reconnect elsewhere), let in-flight writes finish.
      await server.close();
      await bus.close();
      await store.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
