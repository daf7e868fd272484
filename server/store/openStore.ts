import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { consoleLogger, type Db, type StoreLogger } from '../db/db.js';
import { createPgliteDataDir, hasPgliteDatabase } from './createPgliteDataDir.js';
import { migrate } from './migrate.js';
import { openPgDb, type PgDbOptions } from '../db/pgDb.js';
import { openPgliteDb } from '../db/pgliteDb.js';
import { seedIfEmpty } from './seed.js';
import { createSqlStore, type SqlStore, type SqlStoreOptions } from './sqlStore.js';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** A PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (created when missing); default `./data/pglite`. `memory://` keeps it in memory. */
  dataDir?: string;
  /** Insert the sample data into a never-seeded, empty database. Default true. */
  seed?: boolean;
  logger?: StoreLogger;
  /** See {@link SqlStoreOptions.onWriteKeys}: this store's writes hand their keys here instead of NOTIFY. */
  onWriteKeys?: NonNullable<SqlStoreOptions['onWriteKeys']>;
  /** Tuning of the PostgreSQL driver (pool size, listener reconnect backoff). */
  postgres?: Omit<PgDbOptions, 'logger'>;
}

/** Default PGlite data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = 'data/pglite';

async function openDb(options: OpenStoreOptions, logger: StoreLogger): Promise<Db> {
  if (options.databaseUrl) return openPgDb(options.databaseUrl, { ...options.postgres, logger });
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (dataDir.includes('://')) return openPgliteDb(dataDir);
  const path = resolve(dataDir);
  await mkdir(path, { recursive: true });
  if (!hasPgliteDatabase(path)) {
    // In a child process, which gives back the memory that creating a database takes.
    const { applied, seeded } = await createPgliteDataDir(path, options.seed !== false);
    logger.info({ dataDir: path, applied }, 'created the database');
    if (seeded) logger.info({}, 'seeded sample data');
  }
  return openPgliteDb(path);
}

/**
 * Opens the store: PostgreSQL when `databaseUrl` is given, else embedded PGlite in `dataDir`. Applies
 * pending migrations, seeds the sample data (unless `seed` is false) into a database never seeded
 * and empty, and resolves once LISTEN livedoc_changes is active. On failure nothing stays open.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<SqlStore> {
  const logger = options.logger ?? consoleLogger;
  const db = await openDb(options, logger);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, 'applied migrations');
    if (options.seed !== false && (await seedIfEmpty(db))) logger.info({}, 'seeded sample data');
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  const store = createSqlStore(db, { logger, onWriteKeys: options.onWriteKeys });
  try {
    await store.listening;
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}
