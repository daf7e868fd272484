import type pg from 'pg';
import type { Queryable, StoreLogger } from './db.js';
import { errorInfo } from './errorInfo.js';
import { pgQueryable } from './pgQueryable.js';

/**
 * Runs `fn` in a transaction on a client checked out of `pool`: committed when `fn` resolves, rolled
 * back when it throws (the error is rethrown). Resolves to `fn`'s result. A client whose ROLLBACK fails
 * is destroyed instead of going back to the pool, so no later caller gets a broken connection.
 */
export async function runPgTransaction<T>(
  pool: pg.Pool,
  logger: StoreLogger,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no error listener of the pool's: without this, a dying connection
  // would emit an unhandled 'error'. The failing query rejects anyway.
  const onError = (err: Error) => logger.warn(errorInfo(err), 'postgres connection failed in a transaction');
  client.on('error', onError);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(pgQueryable(client));
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw err;
  } finally {
    client.removeListener('error', onError);
    // Passing an error destroys the connection instead of returning it to the pool.
    client.release(broken);
  }
}
