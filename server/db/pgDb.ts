import pg from 'pg';
import { consoleLogger, type Db, type StoreLogger } from './db.js';
import { errorInfo } from './errorInfo.js';
import { PgListener } from './pgListener.js';
import { pgQueryable } from './pgQueryable.js';
import { runPgTransaction } from './pgTransaction.js';

/** Options of {@link openPgDb}. */
export interface PgDbOptions {
  logger?: StoreLogger;
  /** Maximum pooled connections for queries and transactions (the listener has its own). Default 10. */
  poolSize?: number;
  /** First reconnect delay of the LISTEN connection; doubles per failed attempt. Default 100 ms. */
  reconnectInitialMs?: number;
  /** Upper bound of the reconnect delay. Default 5 s. */
  reconnectMaxMs?: number;
  /** `application_name` of the connections; the listener's gets the suffix `-listener`. Default "livedoc". */
  applicationName?: string;
}

/**
 * Connects to PostgreSQL at `url`: a `pg.Pool` serves queries and transactions, and a dedicated
 * `pg.Client` holds the LISTENs. When that client errors or ends, it is replaced with exponential
 * backoff (100 ms doubling to 5 s by default) and {@link Db.onConnectionChange} reports `false` then
 * `true`, so the consumer can assume it missed notifications. Rejects if the first connection fails.
 */
export async function openPgDb(url: string, options: PgDbOptions = {}): Promise<Db> {
  const logger = options.logger ?? consoleLogger;
  const applicationName = options.applicationName ?? 'livedoc';
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: applicationName,
    keepAlive: true,
  });
  // An idle pooled connection that dies (e.g. server restart) must not crash the process.
  pool.on('error', (err) => logger.warn(errorInfo(err), 'idle postgres connection failed'));

  const listener = new PgListener({
    url,
    applicationName: `${applicationName}-listener`,
    logger,
    reconnectInitialMs: options.reconnectInitialMs ?? 100,
    reconnectMaxMs: options.reconnectMaxMs ?? 5_000,
  });
  try {
    await listener.start();
  } catch (err) {
    await listener.close();
    await pool.end().catch(() => {});
    throw err;
  }

  const direct = pgQueryable(pool);
  let closing: Promise<void> | null = null;
  return {
    kind: 'postgres',
    query: direct.query.bind(direct),
    exec: direct.exec.bind(direct),
    transaction: (fn) => runPgTransaction(pool, logger, fn),
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    onConnectionChange: (fn) => listener.onConnectionChange(fn),
    isReady: () => listener.isReady(),
    close() {
      // The listener first, so no reconnect races the pool's end.
      closing ??= listener.close().then(() => pool.end());
      return closing;
    },
  };
}
