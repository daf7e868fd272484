/** Chooses and opens the invalidation bus from the configuration. */
import type { StoreLogger } from '../db/db.js';
import { openPgDb } from '../db/pgDb.js';
import { createInProcessBus } from './inProcessBus.js';
import { createPostgresBus } from './postgresBus.js';
import { createRedisBus } from './redisBus.js';
import type { InvalidationBus } from './types.js';

/** Which bus to use: the explicit kind, else Redis when a URL is given, else Postgres with a database URL. */
export interface BusConfig {
  kind?: 'in-process' | 'postgres' | 'redis';
  databaseUrl?: string;
  redisUrl?: string;
  /** The Redis bus's channel; default `livedoc:invalidations`. */
  redisChannel?: string | undefined;
  logger: StoreLogger;
}

/** Opens the bus; throws with what is missing when the chosen kind lacks its URL. */
export async function openBus(config: BusConfig): Promise<InvalidationBus> {
  const kind = config.kind ?? (config.redisUrl ? 'redis' : config.databaseUrl ? 'postgres' : 'in-process');
  const onError = (error: unknown) =>
    config.logger.warn({ err: error instanceof Error ? error.message : String(error) }, `${kind} bus error`);
  const onMalformed = (message: string) =>
    config.logger.warn({ message: message.slice(0, 200), bytes: Buffer.byteLength(message) }, `ignored a malformed ${kind} bus message`);
  switch (kind) {
    case 'in-process':
      return createInProcessBus();
    case 'redis':
      if (!config.redisUrl) throw new Error('BUS=redis expects REDIS_URL to be set, but it is empty.');
      return createRedisBus(config.redisUrl, { onError, onMalformed, channel: config.redisChannel });
    case 'postgres': {
      if (!config.databaseUrl) throw new Error('BUS=postgres expects DATABASE_URL to be set, but it is empty.');
      // Its own small pool and LISTEN connection, so the bus reconnects independently of the store.
      const db = await openPgDb(config.databaseUrl, {
        logger: config.logger,
        poolSize: 2,
        applicationName: 'livedoc-bus',
      });
      const bus = await createPostgresBus(db, { onError, onMalformed });
      return {
        ...bus,
        close: async () => {
          await bus.close();
          await db.close();
        },
      };
    }
  }
}
